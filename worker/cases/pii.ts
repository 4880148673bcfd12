/**
 * Personal data in a text that staff are about to publish (an outcome, a case notice, a monthly
 * notice's commentary). What is published must not identify anyone, so before it goes out we
 * point at whatever looks like a phone number, an ID card number, an e-mail address, a QQ or
 * WeChat id, a licence plate, the contact's own name or phone, or a house-level address: these
 * block publishing. Weaker signs of a name (张某, 老王家, a name right after 村民 or 反映人) are
 * findings to confirm: the staff member looks and ticks a box. It warns a human; it never
 * rewrites the text. The text is matched after normalising it (NFKC, invisible characters
 * dropped, whitespace as one space, traditional characters as simplified, any digits as ASCII,
 * long runs of Chinese numerals as digits); findings still point into the original text.
 */
import { findCrockfordCodes } from '../../core/crockford.ts';
import { INVISIBLE } from './invisible.ts';
import { normalise, type Normalised } from './normalise.ts';

export type PiiKind =
  | 'phone'
  | 'id_card'
  | 'contact_name'
  | 'contact_phone'
  | 'address'
  | 'email'
  | 'qq'
  | 'wechat'
  | 'plate'
  | 'alias'
  | 'household'
  | 'possible_name'
  | 'query_code';

/** `block`: must be removed before publishing; `confirm`: the staff member confirms it identifies nobody. */
export type PiiSeverity = 'block' | 'confirm';

export interface PiiFinding {
  kind: PiiKind;
  severity: PiiSeverity;
  /** Exactly `input.slice(start, end)`. */
  text: string;
  /** UTF-16 index into the original text. */
  start: number;
  /** UTF-16 index, exclusive. */
  end: number;
}

type Kind = PiiKind;

/** A finding in the normalised text, before it is mapped back. */
interface Found {
  kind: Kind;
  start: number;
  end: number;
}

const CONFIRM: ReadonlySet<Kind> = new Set(['alias', 'household', 'possible_name']);

/** The contact's own data outranks a generic match over the same characters; anything blocking outranks what is only to confirm. */
const PRIORITY: Record<Kind, number> = {
  query_code: 13,
  contact_phone: 12,
  id_card: 11,
  email: 10,
  wechat: 9,
  qq: 8,
  phone: 7,
  plate: 6,
  address: 5,
  contact_name: 4,
  alias: 3,
  household: 2,
  possible_name: 1,
};

/** Finds personal data in `text`, sorted by position, at most one finding per character. */
export function findPersonalData(
  text: string,
  contact: { name: string | null; phone: string | null },
  /** Numbers the town publishes for its offices (content/generate.ts `publishedPhones`): not anyone's, so not found. */
  published: readonly string[] = [],
): PiiFinding[] {
  const n = normalise(text);
  const t = n.text;
  const name = contact.name === null ? null : normalise(contact.name).text;
  const phone = contact.phone === null ? null : normalise(contact.phone).text;
  const found = [
    ...numberFindings(t, contactNumbers(phone), published.flatMap((p) => contactNumbers(p))),
    ...nameFindings(t, name),
    ...addressFindings(t),
    ...handleFindings(t),
    ...nameSignFindings(t),
    ...queryCodeFindings(t),
  ];
  return withoutOverlaps(found).map((f) => original(text, n, f));
}

/** What in a text could tell who wrote it: phone, ID card and e-mail numbers, QQ and WeChat ids, and the writer's own name. */
const SELF_KINDS: ReadonlySet<Kind> = new Set(['phone', 'id_card', 'email', 'qq', 'wechat', 'possible_name']);

/**
 * What in a resident's own text could identify its writer, for an anonymous submission: every
 * phone number or online id (whoever's it is, the village may know it), and a name the writer
 * gives as their own (我叫王秀英). Names of others (村民张三) are not asked about: a report names
 * whom it is about. Sorted by position, at most one finding per character.
 */
export function findSelfIdentifying(text: string): PiiFinding[] {
  const n = normalise(text);
  const t = n.text;
  const found = [...numberFindings(t, []), ...handleFindings(t), ...selfNameFindings(t)].filter((f) => SELF_KINDS.has(f.kind));
  return withoutOverlaps(found).map((f) => original(text, n, f));
}

function original(input: string, n: Normalised, f: Found): PiiFinding {
  const start = n.from[f.start]!;
  const end = n.to[f.end - 1]!;
  return { kind: f.kind, severity: CONFIRM.has(f.kind) ? 'confirm' : 'block', text: input.slice(start, end), start, end };
}

/**
 * A resident's query code (16 Crockford base32 characters, written whole, in halves or in any
 * groups of four, with spaces, dashes of any kind, dots, underscores or slashes between groups,
 * up to three: every spelling the lookup reads back, `473K - R3F9 - AS9M - 2N0D` too): only its
 * owner may ever see it, so it is never published. At least one letter: a random code is all
 * digits about once in 10^8, and runs of digits are amounts, dates and accounts, which the other
 * findings judge. Letters alone with a lower-case one are words (`Work with this team`), not a
 * code: printed codes are upper case and nearly always hold a digit (core/crockford.ts).
 */
const PUBLISHED_CODE = { between: 'punctuation', groups: 'quarters', digitsOnly: false, lowercaseWords: true } as const;

function queryCodeFindings(text: string): Found[] {
  return findCrockfordCodes(text, 16, PUBLISHED_CODE).map((c) => finding(text, 'query_code', c.start, c.end));
}

/**
 * Whether a text to be published holds a query code as `findPersonalData` finds one, where the
 * rest of its findings are not asked for (an answer under a disclosure): full-width forms,
 * characters that show nothing and runs of whitespace read as the check reads them.
 */
export function holdsPublishedQueryCode(text: string): boolean {
  const plain = text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ');
  return findCrockfordCodes(plain, 16, PUBLISHED_CODE).length > 0;
}

function withoutOverlaps(found: Found[]): Found[] {
  const ranked = [...found].sort(
    (a, b) => PRIORITY[b.kind] - PRIORITY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Found[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

function finding(_text: string, kind: Kind, start: number, end: number): Found {
  return { kind, start, end };
}

// ─── Characters ────────────────────────────────────────────────────────────

/** The ASCII digit for an ASCII or full-width digit at `i`, else null. */
function digitAt(text: string, i: number): string | null {
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return text[i]!;
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xff10 + 0x30);
  return null;
}

function asciiDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += digitAt(s, i) ?? '';
  return out;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /[ \t\u00A0\u2000-\u200A\u202F\u3000]/.test(ch);
// A hyphen may stand between spaces ("138 - 0013"); a dot may not, or "13800138000. 12" would fuse.
const isHyphen = (ch: string | undefined) => ch !== undefined && /[-\u2010-\u2014\u2212\uFF0D]/.test(ch);
const isDot = (ch: string | undefined) => ch !== undefined && /[.\u00B7\u30FB\uFF0E]/.test(ch);
const isLatin = (ch: string | undefined) => ch !== undefined && /[A-Za-z]/.test(ch);
const isHan = (ch: string | undefined) => ch !== undefined && /\p{Script=Han}/u.test(ch);

// ─── Numbers: phones and ID cards ──────────────────────────────────────────

/**
 * Digits written as one number: groups joined by hyphens or dots, or a parenthesized area code.
 * A token is never split, so a number is never found inside a longer run of digits.
 */
interface Token {
  start: number;
  end: number;
  /** ASCII digits, with a trailing 'X' when an ID card check character follows. */
  digits: string;
  groups: string[];
  paren: boolean;
  /** Glued to letters, like CL-2026-000123: an identifier, not a phone. */
  code: boolean;
  /** Joined to the token before it by a slash or a comma rather than spaces. */
  joinedByMark?: boolean;
}

const PAREN_AREA = /[(（]([0０][0-9０-９]{2,3})[)）][ \u3000]?[-－]?[ \u3000]?(?=[0-9０-９])/y;
const PHONE_LETTERS = /(?:tel|phone|mobile|fax)[-_:#]?$/i;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    PAREN_AREA.lastIndex = i;
    const paren = PAREN_AREA.exec(text);
    if (!paren && (digitAt(text, i) === null || digitAt(text, i - 1) !== null)) {
      i++;
      continue;
    }
    const token = readToken(text, i, paren);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

function readToken(text: string, start: number, paren: RegExpExecArray | null): Token {
  const groups = paren ? [asciiDigits(paren[1]!)] : [];
  let j = paren ? start + paren[0].length : start;
  for (;;) {
    let k = j;
    while (digitAt(text, k) !== null) k++;
    groups.push(asciiDigits(text.slice(j, k)));
    j = k;
    const next = separatorEnd(text, j);
    if (next === null) break;
    j = next;
  }
  let digits = groups.join('');
  if (/[XxＸｘ]/.test(text[j] ?? '') && !isLatin(text[j + 1]) && digitAt(text, j + 1) === null) {
    digits += 'X';
    j++;
  }
  return { start, end: j, digits, groups, paren: paren !== null, code: isCode(text, start, j) };
}

/** Where the next digit group starts if a separator inside one number follows `j`. */
function separatorEnd(text: string, j: number): number | null {
  if (isDot(text[j])) return digitAt(text, j + 1) !== null ? j + 1 : null;
  let s = j;
  while (isSpace(text[s])) s++;
  if (!isHyphen(text[s])) return null;
  s++;
  while (isSpace(text[s])) s++;
  return digitAt(text, s) !== null ? s : null;
}

function isCode(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const glued = isLatin(before) || before === '_' || (/[-_/#.]/.test(before ?? '') && isLatin(text[start - 2]));
  if (glued && !PHONE_LETTERS.test(text.slice(Math.max(0, start - 8), start))) return true;
  const after = text[end];
  return isLatin(after) || (/[-_]/.test(after ?? '') && isLatin(text[end + 1]));
}

/**
 * Tokens separated only by a few spaces ("138 0013 8000", a line break having become a space), or
 * by one slash or comma ("138/0013/8000", "138，0013，8000"), or two numbers side by side.
 */
function runs(tokens: Token[], text: string): Token[][] {
  const out: Token[][] = [];
  for (const t of tokens) {
    const run = out.at(-1);
    const prev = run?.at(-1);
    const gap = prev ? text.slice(prev.end, t.start) : '';
    if (run && prev && !prev.digits.endsWith('X') && JOIN.test(gap)) {
      if (/[,/]/.test(gap)) t.joinedByMark = true;
      run.push(t);
    } else out.push([t]);
  }
  return out;
}

const JOIN = /^(?: {1,3}| ?[,/] ?)$/;

const MOBILE = /^1[3-9]\d{9}$/;
// 010 and 02x are the two-digit area codes; every other area code is 0 plus three digits.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d\d))([1-9]\d{6,7})$/;
const LOCAL = /^[1-9]\d{6,7}$/;
const PHONE_WORDS = ['电话', '手机', '联系', '座机', 'tel', 'phone', '号码'];
const UNIT_AFTER =
  /^[ \u3000]*(?:元|万|亿|千|百|块|角|分|%|％|‰|米|平|亩|斤|克|吨|公里|公斤|个|人|户|次|件|天|年|月|日|号|份|条|张|台|辆|头|只|余|多)/;
const MONEY_BEFORE = /(?:[¥￥$€£]|RMB|CNY|人民币)[ \u3000]*$/i;

function numberFindings(text: string, contactPhones: string[], publishedPhones: string[] = []): Found[] {
  const found: Found[] = [];
  for (const run of runs(tokenize(text), text)) {
    const cardLike = isCardLike(run);
    for (let a = 0; a < run.length; a++) {
      for (let b = a; b < run.length; b++) {
        const parts = run.slice(a, b + 1);
        // Only short groups combine: "138 0013 8000" is one number, "13800138000 5123456" two.
        // An ID card number may be cut anywhere ("110105⏎19491231002X"): its check character tells.
        if (b > a && parts.some((t, k) => (t.paren && k > 0) || t.digits.length > 8)) {
          const digits = parts.map((t) => t.digits).join('');
          if (digits.length > 18) break;
          if (!parts.some((t) => t.code) && isIdCard(digits)) found.push(finding(text, 'id_card', parts[0]!.start, parts.at(-1)!.end));
          continue;
        }
        const kind = classify(text, parts, contactPhones, cardLike && b - a + 1 < run.length, publishedPhones);
        if (kind) found.push(finding(text, kind, parts[0]!.start, parts.at(-1)!.end));
      }
    }
  }
  return found;
}

/** Four-digit groups, four or more of them: a bank card, which is not a phone however it is cut. */
function isCardLike(run: Token[]): boolean {
  return run.length >= 4 && run.slice(0, -1).every((t) => t.digits.length === 4) && run.at(-1)!.digits.length <= 4;
}

function classify(text: string, parts: Token[], contactPhones: string[], insideCard: boolean, publishedPhones: string[]): Kind | null {
  const start = parts[0]!.start;
  const end = parts.at(-1)!.end;
  const groups = parts.flatMap((t) => t.groups);
  const digits = parts.map((t) => t.digits).join('');
  if (digits.length > 18) return null;
  // 13,800,138,000: thousands separators make an amount, not a phone cut by commas.
  if (parts.slice(1).some((t) => t.joinedByMark) && parts.slice(1).every((t) => t.digits.length === 3) && text[parts[1]!.start - 1] !== '/') return null;
  const national = nationalNumber(digits, groups[0]!, text[start - 1]);
  if (contactPhones.some((p) => p === national)) return 'contact_phone';
  if (parts.some((t) => t.code)) return null;
  if (isIdCard(digits)) return 'id_card';
  if (digits.length === 15 && isOldIdCard(digits) && !ACCOUNT_WORD.test(text.slice(Math.max(0, start - 6), start))) return 'id_card';
  if (insideCard || digits.includes('X') || isDateLike(groups) || isAmountOrCount(text, start, end)) return null;

  // An office's published number (the station's, the town's), whole or without its area code, is nobody's own.
  if (publishedPhones.includes(national)) return null;
  if (MOBILE.test(national) || LANDLINE.test(digits)) return 'phone';
  if (!parts[0]!.paren && LOCAL.test(digits) && !isCompactDate(digits) && phoneWordBefore(text, start)) return 'phone';
  return null;
}

/** The number without +86 / 0086 in front of a mobile; the prefix must be set apart to count. */
function nationalNumber(digits: string, firstGroup: string, before: string | undefined): string {
  const m = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits);
  const setApart = firstGroup === '86' || firstGroup === '0086' || before === '+' || before === '＋';
  return m && setApart ? m[1]! : digits;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2, the check character of a resident ID card number. */
function isValidIdCard(digits: string): boolean {
  if (!/^\d{17}[\dX]$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(digits[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === digits[17];
}

/** The first two digits of a resident ID: the province (or Hong Kong, Macao, Taiwan). */
const PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/;

/** An 18-digit ID card number: a province, a birth date, and a valid check character. */
function isIdCard(digits: string): boolean {
  return digits.length === 18 && PROVINCE.test(digits) && isBirthDate(digits.slice(6, 14)) && isValidIdCard(digits);
}

/** The 15-digit form issued before 1999: a province, a birth date as YYMMDD, three digits, no check character. */
function isOldIdCard(digits: string): boolean {
  return /^\d{15}$/.test(digits) && PROVINCE.test(digits) && isBirthDate(`19${digits.slice(6, 12)}`);
}

function isBirthDate(yyyymmdd: string): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  if (y < 1880 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A 15-digit account, card or serial number is not an old ID card. */
const ACCOUNT_WORD = /(?:账号|账户|卡号|流水号|单号|订单|注册号|编号|代码)[: ]?$/;

const isYear = (s: string) => /^(?:19|20)\d\d$/.test(s);
const isMonth = (s: string) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 12;
const isDay = (s: string) => /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 31;

/** 2026-11-26, 2026.11.26, 2026 11 26, or a span of years like 2025-2026. */
function isDateLike(groups: string[]): boolean {
  const [y, m, d] = groups;
  if (groups.length === 3) return isYear(y!) && isMonth(m!) && isDay(d!);
  return groups.length === 2 && isYear(y!) && isYear(m!);
}

/** 20261126: eight digits that read as a date are not taken for a local number. */
function isCompactDate(digits: string): boolean {
  return digits.length === 8 && isYear(digits.slice(0, 4)) && isMonth(digits.slice(4, 6)) && isDay(digits.slice(6));
}

function isAmountOrCount(text: string, start: number, end: number): boolean {
  return UNIT_AFTER.test(text.slice(end, end + 8)) || MONEY_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}

/** A phone word (电话, tel …) ends at most six characters before `start`. */
function phoneWordBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 12), start).toLowerCase();
  return PHONE_WORDS.some((w) => {
    const i = window.lastIndexOf(w);
    return i >= 0 && window.length - (i + w.length) <= 6;
  });
}

/** The contact's phone as digits to look for: the whole number, and a landline's local part alone. */
function contactNumbers(phone: string | null): string[] {
  let digits = asciiDigits(phone ?? '');
  const international = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits);
  if (international) digits = international[1]!;
  if (digits.length < 7) return [];
  const landline = LANDLINE.exec(digits);
  return landline ? [digits, landline[2]!] : [digits];
}

// ─── The contact's name ────────────────────────────────────────────────────

const NAME_GAP = /[\s\u00B7\u2022\u30FB]/gu;

function nameFindings(text: string, name: string | null): Found[] {
  // Spaces or a middle dot between the characters ("张 三", "阿依古丽·买买提") still spell the name.
  const chars = Array.from((name ?? '').replace(NAME_GAP, ''));
  if (chars.length < 2) return [];
  const escaped = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const pattern = new RegExp(escaped.join(`${NAME_GAP.source}*`), 'giu');
  const found: Found[] = [];
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    // A Latin name must be a whole word: "Li Na" is not in "Carolina".
    if (isLatin(chars[0]) && isLatin(text[start - 1])) continue;
    if (isLatin(chars.at(-1)) && isLatin(text[end])) continue;
    found.push(finding(text, 'contact_name', start, end));
  }
  return found;
}

// ─── House-level addresses ─────────────────────────────────────────────────

const CN_DIGITS = '一二三四五六七八九十百零〇两';
const NUMBER = `[0-9０-９]+|[${CN_DIGITS}]+`;
const UNIT = '号楼|单元|号|栋|幢|室|户';
const HOUSE = new RegExp(`(${NUMBER})(${UNIT})`, 'gu');
const NEXT_HOUSE = new RegExp(`[ \\u3000\\-－]?(?:${NUMBER})(?:${UNIT})`, 'uy');
const DOOR_PLATE = new RegExp(`门牌(?:号码|号)?[ \\u3000]*[:：]?[ \\u3000]*((?:${NUMBER})号?)`, 'gu');
const PLACE_WORDS = ['胡同', '小区', '社区', '村', '组', '路', '街', '巷', '屯', '庄', '队', '楼'];
/** "全村", "本组": a place in general, not a house in it. */
const GENERIC_PLACE = /[全本该每各此]/;
/** 第3号, 〔2026〕3号, 11月26号: an ordinal, a document number or a date. */
const NOT_A_HOUSE_BEFORE = /[第〕\]】）)#月年]/;
const NOT_A_HOUSE_AFTER: Record<string, RegExp> = {
  号: /^(?:文件|文|令|线|公告|通知|决定|意见|议案|提案|案|召|称|码|会议室|窗口|柜台|台|机|字|前|后|之前|以前|以后|左右|起|至|到|开|上午|下午|中午|晚上|早上|当天|那天)/,
  室: /^[0-9０-９一二两三四五六七八九十]?厅/,
  户: /^(?:村民|农户|居民|人|家庭|群众|贫困|脱贫|以上|左右|多|共)/,
};
/** 村东头第三户老王家, 组里第2户: a house pointed at by its place in the village, and whose it is. */
const DESCRIBED_HOUSE = new RegExp(
  `((?:${PLACE_WORDS.join('|')}))(?:[东西南北中][头边口面侧部]?|[头尾口里内])?(?:往[东西南北]?)?第(?:${NUMBER})` +
    // 第三户 is a house; 第一家 is one only when nothing but a household follows (路口第一家便利店 is a shop).
    `(?:(?:户|排|栋|幢|间)(?:\\p{Script=Han}{0,2}家(?!庭|属|长|族|具|电|乡|里))?|家(?:人家|住户|农户|老\\p{Script=Han}家|(?![\\p{Script=Han}A-Za-z0-9])))`,
  'gu',
);
const ADDRESS_EN = [
  /\bNo\.?\s*\d+[A-Za-z]?(?=,?\s+(?:[A-Z][A-Za-z'-]*\s+){0,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Alley|Hutong|Village|Community|Building|Bldg)\b)/g,
  /\b\d+[A-Za-z]?(?=\s+(?:[A-Z][A-Za-z'-]*\s+){1,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Alley|Hutong)\b)/g,
];

function addressFindings(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(HOUSE)) {
    const [, number, unit] = m as unknown as [string, string, string];
    if (!isHouse(text, m.index, number, unit)) continue;
    found.push(finding(text, 'address', m.index, chainEnd(text, m.index + m[0].length)));
  }
  for (const m of text.matchAll(DOOR_PLATE)) {
    const start = m.index + m[0].length - m[1]!.length;
    found.push(finding(text, 'address', start, chainEnd(text, m.index + m[0].length)));
  }
  for (const m of text.matchAll(DESCRIBED_HOUSE)) {
    const start = m.index + m[1]!.length;
    found.push(finding(text, 'address', start, m.index + m[0].length));
  }
  for (const pattern of ADDRESS_EN) {
    for (const m of text.matchAll(pattern)) found.push(finding(text, 'address', m.index, m.index + m[0].length));
  }
  return found;
}

function isHouse(text: string, start: number, number: string, unit: string): boolean {
  const end = start + number.length + unit.length;
  if (NOT_A_HOUSE_BEFORE.test(text[start - 1] ?? '')) return false;
  if (NOT_A_HOUSE_AFTER[unit]?.test(text.slice(end, end + 4))) return false;
  // Chinese numerals are also parts of words (统一, 万一), so they must follow the place word directly;
  // so must households, or "全村有120户" would read as an address.
  const chinese = !/[0-9０-９]/.test(number);
  return placeWordBefore(text, start, chinese || unit === '户' ? 0 : 3);
}

/** A place word (村, 路, 小区 …) ends at most `maxGap` Han characters or spaces before `start`. */
function placeWordBefore(text: string, start: number, maxGap: number): boolean {
  let p = start;
  for (let gap = 0; gap <= maxGap; gap++) {
    for (const w of PLACE_WORDS) {
      if (text.endsWith(w, p) && !GENERIC_PLACE.test(text[p - w.length - 1] ?? '')) return true;
    }
    if (!isHan(text[p - 1]) && !isSpace(text[p - 1])) return false;
    p--;
  }
  return false;
}

/** Extends an address over what follows it: 3栋 → 3栋2单元401室. */
function chainEnd(text: string, end: number): number {
  for (;;) {
    NEXT_HOUSE.lastIndex = end;
    const m = NEXT_HOUSE.exec(text);
    if (!m) return end;
    end += m[0].length;
  }
}

// ─── Handles: e-mail, QQ, WeChat, licence plates ───────────────────────────

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*(?:@| ?[(\[]at[)\]] ?)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const QQ = /(?<![A-Za-z])(?:QQ|扣扣|企鹅)(?:号码|号)? ?:? ?([1-9]\d{4,11})(?!\d)/gi;
// A WeChat id: 6–20 letters, digits, _ or -, starting with a letter; or the phone it was registered with.
const WECHAT = /(?<![A-Za-z])(?:微信|威信|薇信|v信|wechat|weixin|wx|vx)( ?(?:号|id|ID) ?:? ?| ?: ?| ?)([A-Za-z][A-Za-z0-9_-]{5,19}|1[3-9]\d{9})(?![A-Za-z0-9_-])/gi;
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
// 湘A12345, 湘A·D12345 (new energy, six), with a dot, hyphen or space after the city letter.
const PLATE = new RegExp(`(?<![A-Za-z0-9])[${PROVINCES}][A-HJ-NP-Z][ ·.-]?([A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])`, 'gi');

function handleFindings(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(EMAIL)) found.push(finding(text, 'email', m.index, m.index + m[0].length));
  for (const m of text.matchAll(QQ)) found.push(numberAt(text, 'qq', m, m[1]!));
  for (const m of text.matchAll(WECHAT)) {
    const [, label, id] = m as unknown as [string, string, string];
    // Without 号, ID or a colon, a bare word after "WeChat" is an id only if it has a digit, _ or -.
    if (!/[号id:]/i.test(label) && !/[\d_-]/.test(id)) continue;
    found.push(numberAt(text, 'wechat', m, id));
  }
  for (const m of text.matchAll(PLATE)) {
    const tail = m[1]!.toUpperCase();
    const plain = tail.length === 5 && (tail.match(/\d/g) ?? []).length >= 3;
    const newEnergy = tail.length === 6 && /^(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])$/.test(tail);
    if (plain || newEnergy) found.push(finding(text, 'plate', m.index, m.index + m[0].length));
  }
  return found;
}

/** The finding over `value`, the last group of match `m`. */
function numberAt(text: string, kind: Kind, m: RegExpMatchArray, value: string): Found {
  const end = m.index! + m[0].length;
  return finding(text, kind, end - value.length, end);
}

// ─── Signs of a name, for the staff member to confirm ──────────────────────

/** About 200 common surnames, the commonest first; compound ones separately. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '端木', '司徒', '长孙', '宇文'];
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`;
/** Surnames that are more often a word of their own (于, 向, 和, 全…): no name is guessed from them. */
const WORDLIKE = new Set([...'于向和时从将都以安全成明文白常关应连单师商车路包古司农党宫景谷华甘解尚万代']);
// What cannot be part of a given name: particles, verbs of saying, places, numbers.
const NOT_GIVEN = new Set([...'的了是在和与及等对向于从到把被将也都就还又再才已曾均多次不没无有为因所反映称说讲表示认为提出要求希望请来去们人家户村镇乡组县市区部门里内外上下中前后年月日号时个名位本该此其各每全某']);
/** Words that begin with a surname and follow 村民, 群众… often. */
const COMMON_WORDS = new Set(['曾经', '陈述', '陈列', '陈旧', '马上', '田地', '田间', '钱款', '金额', '石头', '石子', '江边', '林地', '黄色', '高速', '高龄', '方案', '方向', '方针', '高标', '林业', '马路', '代表', '方便', '方面', '方式', '高度', '高兴', '关心', '关注', '齐心', '严重', '常年', '张贴', '任务', '任意', '何时', '路线', '利益', '孙子', '孙女', '周边', '周末', '程序', '许多', '杜绝', '温暖', '康复', '易地', '乔迁', '包括', '宁愿', '尚未', '符合', '毕业', '凌晨', '季度', '盛赞', '游客', '辛苦', '管理', '蒙受', '华侨', '房屋', '尤其', '阳光', '简单', '车辆', '连续', '景区', '党员', '费用', '冷静', '卫生', '明白', '池塘', '查看', '麻烦', '陆续', '范围', '夏天', '夏季', '付款', '段落', '龙头', '顾及', '毛病', '武装', '莫名', '施工', '施肥', '牛羊', '颜色', '庄稼', '章程', '申请', '申报', '耿直', '焦急', '左右', '柳树', '祝贺', '纪律', '苗木', '项目', '柏油', '仲裁', '沙石', '荣誉', '巩固', '甄别', '童年', '曲折', '史上', '黎明', '梁上', '罗列', '谢谢', '胡乱', '叶子', '钟点', '席位', '屈指', '宗族', '邱陵', '应当', '苏醒', '卓越', '吉祥', '米面', '商量', '仇恨', '冉冉', '雷雨', '贺电', '戴上']);

// 张某, 王某某; not 某些, 某种, 某日, 某村…
const ALIAS = new RegExp(`${SURNAME}某{1,2}(?!些|种|个|项|件|天|日|时|地|处|方面|单位|部门|公司|村|镇|乡|组)`, 'gu');
// 老王家: the household by its surname, as neighbours say it.
const HOUSEHOLD = new RegExp(`老${SURNAME}家`, 'gu');
/** After these a name usually follows: 村民张三, 反映人李四, 请联系王五. */
const NAME_BEFORE = [
  '被反映人', '被举报人', '反映人', '举报人', '投诉人', '来信人', '来访人', '来电人', '当事人', '申请人', '联系人', '受害人', '证人',
  '村民', '居民', '群众', '户主', '农户', '业主', '租户', '家属', '低保户', '五保户', '困难户', '脱贫户', '联系', '致电', '告知',
];
/** Before these a name usually stands: 张三同志, 李四老人. */
const NAME_AFTER = ['同志', '老人', '老汉', '大爷', '大娘', '大妈', '阿姨', '师傅', '先生', '女士', '夫妇', '一家', '本人', '等人'];
const AFTER_CONTEXT = new RegExp(`(?:${NAME_BEFORE.join('|')})[:： ]?(${SURNAME})(\\p{Script=Han}{1,2})`, 'gu');
const BEFORE_CONTEXT = new RegExp(`(${SURNAME})(\\p{Script=Han}{0,2}?)(${NAME_AFTER.join('|')})`, 'gu');
const ENGLISH_NAME = /\b(?:villagers?|residents?|complainants?|Mr|Mrs|Ms|Miss|Madam)\.? ([A-Z][a-z]{1,5}(?: [A-Z][a-z]{1,6}){0,2})\b/g;

/** A writer naming themself: 我叫王秀英, 本人李大山, 我的名字是…; "my name is …". */
const SELF_BEFORE = ['我的名字是', '我的名字叫', '本人是', '本人叫', '本人', '我叫', '我是', '名叫', '姓名'];
const SELF_CONTEXT = new RegExp(`(?:${SELF_BEFORE.join('|')})[:： ]?(${SURNAME})(\\p{Script=Han}{1,2})`, 'gu');
const ENGLISH_SELF = /\b(?:[Mm]y name is|I am|I'm)\s+([A-Z][a-z]{1,5}(?: [A-Z][a-z]{1,6}){0,2})\b/g;

/** The names a context pattern (a surname and up to two characters after a word) finds. */
function namesAfter(text: string, pattern: RegExp): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(pattern)) {
    const [, surname, rest] = m as unknown as [string, string, string];
    let given = '';
    for (const ch of rest) {
      if (NOT_GIVEN.has(ch)) break;
      given += ch;
    }
    const name = surname + given;
    if (given === '' || (surname.length === 1 && WORDLIKE.has(surname)) || COMMON_WORDS.has(name) || COMMON_WORDS.has(name.slice(0, 2))) continue;
    const start = m.index + m[0].length - rest.length - surname.length;
    found.push(finding(text, 'possible_name', start, start + name.length));
  }
  return found;
}

/** A writer's own name, where they say it is theirs. */
function selfNameFindings(text: string): Found[] {
  return [...namesAfter(text, SELF_CONTEXT), ...[...text.matchAll(ENGLISH_SELF)].map((m) => numberAt(text, 'possible_name', m, m[1]!))];
}

function nameSignFindings(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(ALIAS)) found.push(finding(text, 'alias', m.index, m.index + m[0].length));
  for (const m of text.matchAll(HOUSEHOLD)) found.push(finding(text, 'household', m.index, m.index + m[0].length));
  found.push(...namesAfter(text, AFTER_CONTEXT), ...selfNameFindings(text));
  for (const m of text.matchAll(BEFORE_CONTEXT)) {
    const [, surname, given, title] = m as unknown as [string, string, string, string];
    const name = surname + given;
    if ([...given].some((ch) => NOT_GIVEN.has(ch)) || (surname.length === 1 && WORDLIKE.has(surname)) || COMMON_WORDS.has(name)) continue;
    // 张三同志: the name; 刘大爷, 李女士: the surname and the title together are what tells who.
    found.push(finding(text, 'possible_name', m.index, m.index + (given === '' ? name.length + title.length : name.length)));
  }
  for (const m of text.matchAll(ENGLISH_NAME)) found.push(numberAt(text, 'possible_name', m, m[1]!));
  return found;
}
