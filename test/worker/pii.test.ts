import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalise } from '../../worker/cases/normalise.ts';
import { findPersonalData, type PiiFinding } from '../../worker/cases/pii.ts';
import { loadTraditionalCharacters } from '../../worker/services/traditional-characters.ts';
import { BLOCKING, CLEAN, TO_CONFIRM } from './pii-corpus.ts';

// OpenCC's character table, as the worker reads it from its static assets on first use.
beforeAll(() => loadTraditionalCharacters(env.ASSETS));

const NO_CONTACT = { name: null, phone: null };

/** Findings as [kind, text], after checking that every position points at its text. */
function found(text: string, contact: { name: string | null; phone: string | null } = NO_CONTACT): [PiiFinding['kind'], string][] {
  const findings = findPersonalData(text, contact);
  for (const f of findings) {
    expect(f.end).toBeGreaterThan(f.start);
    expect(text.slice(f.start, f.end)).toBe(f.text);
  }
  for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
  return findings.map((f) => [f.kind, f.text]);
}

/** Checks that none of `texts` holds anything to flag, naming the one that does. */
function nothingIn(texts: string[]): void {
  for (const text of texts) expect(found(text), text).toEqual([]);
}

/** Checks that each text holds exactly one finding, of `kind`, over the given piece. */
function findsOne(kind: PiiFinding['kind'], cases: [text: string, piece: string][]): void {
  for (const [text, piece] of cases) expect(found(text), text).toEqual([[kind, piece]]);
}

// Valid under ISO 7064 MOD 11-2 (the first is the standard's own example).
const ID_X = '11010519491231002X';
const ID_A = '371102198506123016';
const ID_B = '371102200102034527';
const ID_WRONG_CHECK = '371102198506123017';

describe('mobile numbers', () => {
  it('are found written plainly, with spaces, hyphens, dots or middle dots', () => {
    for (const phone of ['13800138000', '138 0013 8000', '138-0013-8000', '138.0013.8000', '138·0013·8000', '138 - 0013 - 8000', '138－0013－8000', '138—0013—8000', '138‐0013‐8000', '138 00138000']) {
      expect(found(`请拨打${phone}咨询`)).toEqual([['phone', phone]]);
    }
  });

  it('are found in full-width digits, mixed with ASCII ones too', () => {
    expect(found('手机：１３８００１３８０００。')).toEqual([['phone', '１３８００１３８０００']]);
    expect(found('手机 １３８ ００１３ 8000')).toEqual([['phone', '１３８ ００１３ 8000']]);
  });

  it('start with 13 to 19', () => {
    expect(found('号码19912345678')).toEqual([['phone', '19912345678']]);
    nothingIn(['编号12912345678', '编号10012345678']);
  });

  it('are found with the country code, which belongs to the finding', () => {
    findsOne('phone', [
      ['+86 138 0013 8000', '86 138 0013 8000'],
      ['+8613800138000', '8613800138000'],
      ['86-138-0013-8000', '86-138-0013-8000'],
    ]);
  });

  it('are found side by side, separated by a space, a slash or a comma', () => {
    expect(found('13800138000 13900139000')).toEqual([['phone', '13800138000'], ['phone', '13900139000']]);
    expect(found('13800138000/13900139000，15000150000')).toEqual([
      ['phone', '13800138000'],
      ['phone', '13900139000'],
      ['phone', '15000150000'],
    ]);
  });

  it('are found at the very start and end of the text, and after a year', () => {
    findsOne('phone', [
      ['13800138000', '13800138000'],
      ['2026 13800138000', '13800138000'],
      ['Call 13800138000. 12 people came.', '13800138000'],
    ]);
    expect(found('tel:13800138000, Tel-13900139000')).toEqual([['phone', '13800138000'], ['phone', '13900139000']]);
  });

  it.each([
    ['amounts, percentages or counts', ['拨付15000000000元', '补贴13800138000 元', '¥13800138000', '人民币 13800138000', '增长13800138000%', '共13800138000人次']],
    ['digits inside a longer run', ['账号62220212345678901234', '138001380001', '913800138000', '138-0013-8000-1']],
    ['pieces of a bank card number written in groups of four', ['卡号 6222 1380 0138 0001 234', '卡号 6222 0213 8001 3800 0']],
    ['pieces of an identifier glued to letters', ['案件 CL-13800138000', 'ref A13800138000', '13800138000abc']],
  ])('are not %s', (_, texts) => nothingIn(texts));
});

describe('landlines', () => {
  it('are found with the area code, hyphenated, parenthesized or plain', () => {
    for (const phone of ['0633-1234567', '0633-12345678', '(0633)1234567', '（0633）1234567', '(0633) 1234567', '(0633)-1234567', '06331234567', '010-62345678', '021 5234 5678', '０６３３－１２３４５６７']) {
      expect(found(`村委会${phone}。`)).toEqual([['phone', phone]]);
    }
  });

  it('need a real area code and a local number that does not start with 0', () => {
    nothingIn(['编号 0133-1234567', '编号 0633-123456', '编号 0633-123456789', '编号 0633-0234567', '编号 (0633)123']);
  });
});

describe('local numbers of seven or eight digits', () => {
  it('are found when a phone word stands within six characters before them', () => {
    findsOne('phone', [
      ['联系电话：5123456', '5123456'],
      ['座机 8123-4567', '8123-4567'],
      ['手机号码是 5123456', '5123456'],
      ['Tel: 5123456', '5123456'],
      ['phone 51234567', '51234567'],
      ['电话 1234567', '1234567'],
      ['电话（办公室）5123456', '5123456'],
    ]);
  });

  it('are not found without a phone word, or with one too far away', () => {
    nothingIn(['编号5123456', '电话已打过，后来拨付5123456']);
  });

  it('are not amounts, dates or year spans even next to a phone word', () => {
    nothingIn([
      '联系后拨付15000000元',
      '联系时间 5123456元',
      '联系日期：2026-11-26',
      '联系日期：2026.11.26',
      '联系日期：2026 11 26',
      '联系日期：20261126',
      '联系期间 2025-2026',
      '电话 0234567',
    ]);
  });
});

describe('ID card numbers', () => {
  it('are found when the check character is valid, X in any case or width', () => {
    expect(found(`身份证号${ID_X}。`)).toEqual([['id_card', ID_X]]);
    expect(found(`身份证号${ID_X.toLowerCase()}。`)).toEqual([['id_card', ID_X.toLowerCase()]]);
    expect(found(`身份证号${ID_X.slice(0, 17)}Ｘ`)).toEqual([['id_card', `${ID_X.slice(0, 17)}Ｘ`]]);
    expect(found(`证件${ID_A}，${ID_B}`)).toEqual([['id_card', ID_A], ['id_card', ID_B]]);
  });

  it('are found in full-width digits and written in groups', () => {
    const fullWidth = [...ID_A].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    expect(found(`证件${fullWidth}`)).toEqual([['id_card', fullWidth]]);
    findsOne('id_card', [
      ['证件 371102 19850612 3016', '371102 19850612 3016'],
      ['证件 3711 0219 8506 1230 16', '3711 0219 8506 1230 16'],
      ['证件 110105-19491231-002X', '110105-19491231-002X'],
    ]);
  });

  it('are not flagged with a wrong check character, not even as a phone', () => {
    nothingIn([`身份证号${ID_WRONG_CHECK}`, `身份证号${ID_A.slice(0, 17)}X`]);
  });

  it('are not found inside a longer run of digits', () => {
    nothingIn([`流水号${ID_A}9`, `流水号9${ID_A}`]);
  });
});

describe("the contact's name", () => {
  it('is found as typed into the contact field, and with spaces between its characters', () => {
    expect(found('经核实，张三反映的问题属实。', { name: '张三', phone: null })).toEqual([['contact_name', '张三']]);
    expect(found('经核实，张 三反映的问题属实。', { name: '张三', phone: null })).toEqual([['contact_name', '张 三']]);
    expect(found('经核实，张　三反映的问题属实。', { name: '张三', phone: null })).toEqual([['contact_name', '张　三']]);
    expect(found('欧阳娜娜、欧阳 娜 娜', { name: ' 欧阳娜娜 ', phone: null })).toEqual([
      ['contact_name', '欧阳娜娜'],
      ['contact_name', '欧阳 娜 娜'],
    ]);
  });

  it('is found when the contact field itself has spaces', () => {
    expect(found('王小明同志', { name: '王 小明', phone: null })).toEqual([['contact_name', '王小明']]);
  });

  it('is found with or without the middle dot of a minority name', () => {
    const contact = { name: '阿依古丽·买买提', phone: null };
    expect(found('阿依古丽买买提、阿依古丽·买买提、阿依古丽・买买提', contact)).toEqual([
      ['contact_name', '阿依古丽买买提'],
      ['contact_name', '阿依古丽·买买提'],
      ['contact_name', '阿依古丽・买买提'],
    ]);
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(found('𠮷祥反映', { name: '𠮷祥', phone: null })).toEqual([['contact_name', '𠮷祥']]);
  });

  it('ignores case in Latin names but wants whole words', () => {
    expect(found('Thanks to li na and LI NA.', { name: 'Li Na', phone: null })).toEqual([
      ['contact_name', 'li na'],
      ['contact_name', 'LI NA'],
    ]);
    expect(found('Carolina said', { name: 'Li Na', phone: null })).toEqual([]);
  });

  it('treats characters that mean something in a pattern as plain text', () => {
    expect(found('a.b (c) 说', { name: 'a.b (c)', phone: null })).toEqual([['contact_name', 'a.b (c)']]);
    expect(found('axb (c) 说', { name: 'a.b (c)', phone: null })).toEqual([]);
  });

  it('is ignored when shorter than two characters or missing', () => {
    expect(found('张老师反映', { name: '张', phone: null })).toEqual([]);
    expect(found('张老师反映', { name: ' ', phone: null })).toEqual([]);
    expect(found('张老师反映', { name: null, phone: null })).toEqual([]);
  });

  it('is not found when absent, and 张某 is only a sign to confirm', () => {
    expect(found('李四反映的问题属实。', { name: '张三', phone: null })).toEqual([]);
    expect(found('张某反映的问题属实。', { name: '张三', phone: null })).toEqual([['alias', '张某']]);
  });

  it('is found split by invisible characters or a line break, and in traditional characters', () => {
    const contact = { name: '张小明', phone: null };
    for (const written of ['张\u200B小明', '张\u00AD小\u200D明', '张\n小明', '張小明', '\u202E张小明\u202C', '张\uFEFF小明']) {
      const findings = findPersonalData(`经核实，${written}反映属实。`, contact);
      expect(findings.map((f) => [f.kind, f.severity]), written).toEqual([['contact_name', 'block']]);
      expect(findings[0]!.text.replace(/[\u200B\u200D\u00AD\n\uFEFF\u202C\u202E]/g, '')).toMatch(/^[张張]小明$/);
    }
    // A contact field typed in traditional characters finds the simplified name too.
    expect(found('经核实，张小明反映属实。', { name: '張小明', phone: null })).toEqual([['contact_name', '张小明']]);
  });
});

describe("the contact's phone", () => {
  const contact = { name: '李四', phone: '138 0013 8000' };

  it('is found in any formatting and outranks a plain phone over the same digits', () => {
    for (const written of ['13800138000', '138-0013-8000', '１３８００１３８０００', '138 0013 8000', '+86 13800138000']) {
      const [kind, text] = found(`请回电${written}`, contact)[0]!;
      expect(kind).toBe('contact_phone');
      expect(written.endsWith(text)).toBe(true);
    }
  });

  it('is read from a contact field written with a country code or full-width digits', () => {
    expect(found('电话13800138000', { name: null, phone: '+86 138-0013-8000' })).toEqual([['contact_phone', '13800138000']]);
    expect(found('电话13800138000', { name: null, phone: '１３８００１３８０００' })).toEqual([['contact_phone', '13800138000']]);
  });

  it('is found as a landline, whole or by its local part alone', () => {
    const landline = { name: null, phone: '0633-5123456' };
    expect(found('回电(0633)5123456', landline)).toEqual([['contact_phone', '(0633)5123456']]);
    expect(found('回电 512 3456 已接通', landline)).toEqual([['contact_phone', '512 3456']]);
  });

  it('is found even where a plain number would be passed over', () => {
    expect(found('回电 5123456', { name: null, phone: '5123456' })).toEqual([['contact_phone', '5123456']]);
  });

  it('is not found inside a longer run, and other phones stay plain phones', () => {
    expect(found('编号138001380001', contact)).toEqual([]);
    expect(found('13900139000', contact)).toEqual([['phone', '13900139000']]);
  });

  it('is ignored when too short to mean anything', () => {
    expect(found('共12345户', { name: null, phone: '12345' })).toEqual([]);
  });
});

describe('house-level addresses', () => {
  it('are a number and a house unit after a place word', () => {
    findsOne('address', [
      ['住清廉村三组12号', '12号'],
      ['住清廉村三组十二号', '十二号'],
      ['长岭路88号', '88号'],
      ['长岭路 88号', '88号'],
      ['长岭路东段88号', '88号'],
      ['解放街１２号', '１２号'],
      ['柳树巷7号', '7号'],
      ['南锣鼓巷胡同3号', '3号'],
    ]);
    expect(found('王家屯5号、李家庄6号')).toEqual([
      ['address', '5号'],
      ['address', '6号'],
    ]);
    expect(found('第二生产队8户')).toEqual([['address', '8户']]);
    expect(found('清廉村三组5户张某家')).toEqual([['address', '5户'], ['alias', '张某']]);
  });

  it('run on over building, unit and room', () => {
    findsOne('address', [
      ['幸福小区3栋2单元401室', '3栋2单元401室'],
      ['长岭社区12号楼3单元502室', '12号楼3单元502室'],
      ['幸福小区五幢二单元', '五幢二单元'],
    ]);
  });

  it('include a door plate number', () => {
    findsOne('address', [
      ['门牌12号', '12号'],
      ['门牌号：36', '36'],
      ['门牌号码 七号', '七号'],
    ]);
  });

  it('are found in English', () => {
    findsOne('address', [
      ['lives at No. 12 Changling Road', 'No. 12'],
      ['lives at No.12, Qinglian Village', 'No.12'],
      ['lives at 12 Changling Road', '12'],
      ['lives at 7B West Market Street', '7B'],
    ]);
  });

  it.each([
    [
      'documents, ordinals, dates, metro lines or counts',
      [
        '村里发了1号文件',
        '长岭发〔2026〕12号',
        '村务公开第3号',
        '坐3号线到长岭路',
        '社区11月26号开会',
        '清廉村15号前完成整改',
        '村委会定于15号召开会议',
        '全村120户',
        '本组35户村民',
        '三组35户村民',
        '小区3室2厅',
        '全村统一号召',
        'Regulation No. 12 on village affairs',
        'In 2026 the town repaved roads',
      ],
    ],
    ['a village, a road or a group alone', ['清廉村', '三组', '清廉村三组', '长岭路']],
    ['a number too far from the place word', ['清廉村的一户人家门前有12号', '到清廉村，12号到达']],
  ])('are not %s', (_, texts) => nothingIn(texts));
});

describe('a whole outcome', () => {
  it('with no personal data gives nothing', () => {
    const outcome =
      '经查，清廉村三组群众反映的道路硬化工程款问题属实。村委会已于2026年11月26日召开村民代表大会，' +
      '公开工程款1500000元（15000000元预算的10%）的使用明细，并按照长岭发〔2026〕12号文件要求整改。' +
      '案件编号CL-2026-000123，办结率100%，群众满意度98.5%。经联系，2026-11-28完成回访；' +
      '全村120户、三组35户村民已知晓。2025-2026年度共受理信访事项37件，其中第3号已公开。';
    expect(found(outcome, { name: '张三', phone: '13800138000' })).toEqual([]);
  });

  it('with personal data finds each piece, in order, at its exact place', () => {
    const outcome = '张三（身份证11010519491231002X，电话138-0013-8000）住清廉村三组12号，另一证人电话0633-5123456。';
    const findings = findPersonalData(outcome, { name: '张三', phone: '13800138000' });
    expect(findings).toEqual([
      { kind: 'contact_name', severity: 'block', text: '张三', start: 0, end: 2 },
      { kind: 'id_card', severity: 'block', text: ID_X, start: 6, end: 24 },
      { kind: 'contact_phone', severity: 'block', text: '138-0013-8000', start: 27, end: 40 },
      { kind: 'address', severity: 'block', text: '12号', start: 47, end: 50 },
      { kind: 'phone', severity: 'block', text: '0633-5123456', start: 57, end: 69 },
    ]);
    for (const f of findings) expect(outcome.slice(f.start, f.end)).toBe(f.text);
  });

  it('gives nothing for empty text', () => {
    expect(findPersonalData('', { name: '张三', phone: '13800138000' })).toEqual([]);
  });
});

describe('normalising before matching', () => {
  it('keeps a map from every normalised character back to the original text', () => {
    const input = '张\u200B三\r\n\n１３８　ⅫＡ㈱';
    const n = normalise(input);
    expect(n.text).toBe('张三 138 XIIA(株)');
    expect(n.from).toHaveLength(n.text.length);
    expect(n.to).toHaveLength(n.text.length);
    // The space stands for "\r\n\n"; "(株)" for the one character ㈱.
    expect(input.slice(n.from[2], n.to[2])).toBe('\r\n\n');
    expect(input.slice(n.from[n.text.length - 1], n.to[n.text.length - 1])).toBe('㈱');
    expect(n.from.every((f, i) => f < n.to[i]! && (i === 0 || f >= n.from[i - 1]!))).toBe(true);
  });

  it('reads traditional characters as simplified, and digits of any script as ASCII', () => {
    expect(normalise('陳國華電話').text).toBe('陈国华电话');
    expect(normalise('٠١٢٣٤٥٦٧٨٩ ०१२ ০১২ ๐๑๒').text).toBe('0123456789 012 012 012');
  });

  it('reads seven or more Chinese numerals in a row as digits, and leaves shorter ones', () => {
    expect(normalise('幺三八零零一三八零零零').text).toBe('13800138000');
    expect(normalise('二〇二六年十一月，三组一二三户').text).toBe('二〇二六年十一月,三组一二三户');
  });

  it('drops bidi controls, so isolates between the groups cannot hide a number from the check', () => {
    const hidden = '电话\u2066138\u2069\u20660013\u2069\u20668000\u2069';
    expect(findPersonalData(hidden, { name: null, phone: null }).map((f) => [f.kind, f.start])).toEqual([['phone', 3]]);
  });
});

describe('severities', () => {
  it('block what identifies someone for certain, and ask to confirm what only might', () => {
    const findings = findPersonalData('村民王某说，邮箱a.b@qq.com，车牌湘A12345，老李家。', { name: null, phone: null });
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([
      ['alias', 'confirm'],
      ['email', 'block'],
      ['plate', 'block'],
      ['household', 'confirm'],
    ]);
  });

  it('let the contact\'s own name outrank a likely name over the same characters', () => {
    expect(found('村民张小明反映', { name: '张小明', phone: null })).toEqual([['contact_name', '张小明']]);
    expect(found('村民张小明反映')).toEqual([['possible_name', '张小明']]);
  });
});

describe('the corpus', () => {
  it.each(BLOCKING)('blocks %j', (text, expected) => {
    expect(found(text), text).toEqual(expected);
    expect(findPersonalData(text, NO_CONTACT).some((f) => f.severity === 'block')).toBe(true);
  });

  it.each(TO_CONFIRM)('asks to confirm %j', (text, expected) => {
    expect(found(text), text).toEqual(expected);
    expect(findPersonalData(text, NO_CONTACT).every((f) => f.severity === 'confirm')).toBe(true);
  });

  it.each(CLEAN)('leaves %j alone', (text) => {
    expect(found(text, { name: '张三', phone: '13800138000' }), text).toEqual([]);
  });
});

describe('a query code', () => {
  it('is found after a word of four that cannot be one (a U in it), not hidden by it', () => {
    expect(found('Checked with Zhou 473K R3F9 AS9M 2N0D.')).toEqual([['query_code', '473K R3F9 AS9M 2N0D']]);
    expect(found('Fund 473K-R3F9-AS9M-2N0D')).toEqual([['query_code', '473K-R3F9-AS9M-2N0D']]);
  });
});
