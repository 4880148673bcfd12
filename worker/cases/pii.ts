/**
 * Personal data in a case outcome that staff are about to publish. The outcome is public and
 * must not identify the resident, so before it goes out we point at whatever looks like a phone
 * number, an ID card number, the contact's own name or phone, or a house-level address.
 * It warns a human; it never rewrites the text. Recall matters more than precision for the
 * contact's own data, so those are matched in any writing; generic numbers have to look
 * like a real phone or ID card, or staff would learn to ignore the warning.
 */

export interface PiiFinding {
  kind: 'phone' | 'id_card' | 'contact_name' | 'contact_phone' | 'address';
  /** Exactly `input.slice(start, end)`. */
  text: string;
  /** UTF-16 index into the original text. */
  start: number;
  /** UTF-16 index, exclusive. */
  end: number;
}

type Kind = PiiFinding['kind'];

/** The contact's own data outranks a generic match over the same characters. */
const PRIORITY: Record<Kind, number> = { contact_phone: 5, id_card: 4, phone: 3, address: 2, contact_name: 1 };

/** Finds personal data in `text`, sorted by position, at most one finding per character. */
export function findPersonalData(text: string, contact: { name: string | null; phone: string | null }): PiiFinding[] {
  const found = [
    ...numberFindings(text, contactNumbers(contact.phone)),
    ...nameFindings(text, contact.name),
    ...addressFindings(text),
  ];
  return withoutOverlaps(found);
}

function withoutOverlaps(found: PiiFinding[]): PiiFinding[] {
  const ranked = [...found].sort(
    (a, b) => PRIORITY[b.kind] - PRIORITY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiFinding[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

function finding(text: string, kind: Kind, start: number, end: number): PiiFinding {
  return { kind, text: text.slice(start, end), start, end };
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

/** Tokens separated only by a few spaces: "138 0013 8000", or two numbers side by side. */
function runs(tokens: Token[], text: string): Token[][] {
  const out: Token[][] = [];
  for (const t of tokens) {
    const run = out.at(-1);
    const prev = run?.at(-1);
    const gap = prev ? text.slice(prev.end, t.start) : '';
    if (run && prev && !prev.digits.endsWith('X') && gap.length <= 3 && gap.length > 0 && [...gap].every(isSpace)) run.push(t);
    else out.push([t]);
  }
  return out;
}

const MOBILE = /^1[3-9]\d{9}$/;
// 010 and 02x are the two-digit area codes; every other area code is 0 plus three digits.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d\d))([1-9]\d{6,7})$/;
const LOCAL = /^[1-9]\d{6,7}$/;
const PHONE_WORDS = ['电话', '手机', '联系', '座机', 'tel', 'phone', '号码'];
const UNIT_AFTER =
  /^[ \u3000]*(?:元|万|亿|千|百|块|角|分|%|％|‰|米|平|亩|斤|克|吨|公里|公斤|个|人|户|次|件|天|年|月|日|号|份|条|张|台|辆|头|只|余|多)/;
const MONEY_BEFORE = /(?:[¥￥$€£]|RMB|CNY|人民币)[ \u3000]*$/i;

function numberFindings(text: string, contactPhones: string[]): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const run of runs(tokenize(text), text)) {
    const cardLike = isCardLike(run);
    for (let a = 0; a < run.length; a++) {
      for (let b = a; b < run.length; b++) {
        const parts = run.slice(a, b + 1);
        // Only short groups combine: "138 0013 8000" is one number, "13800138000 5123456" two.
        if (b > a && parts.some((t, k) => (t.paren && k > 0) || t.digits.length > 8)) break;
        const kind = classify(text, parts, contactPhones, cardLike && b - a + 1 < run.length);
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

function classify(text: string, parts: Token[], contactPhones: string[], insideCard: boolean): Kind | null {
  const start = parts[0]!.start;
  const end = parts.at(-1)!.end;
  const groups = parts.flatMap((t) => t.groups);
  const digits = parts.map((t) => t.digits).join('');
  if (digits.length > 18) return null;
  const national = nationalNumber(digits, groups[0]!, text[start - 1]);
  if (contactPhones.some((p) => p === national)) return 'contact_phone';
  if (parts.some((t) => t.code)) return null;
  if (digits.length === 18 && isValidIdCard(digits)) return 'id_card';
  if (insideCard || digits.includes('X') || isDateLike(groups) || isAmountOrCount(text, start, end)) return null;
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

function nameFindings(text: string, name: string | null): PiiFinding[] {
  // Spaces or a middle dot between the characters ("张 三", "阿依古丽·买买提") still spell the name.
  const chars = Array.from((name ?? '').replace(NAME_GAP, ''));
  if (chars.length < 2) return [];
  const escaped = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const pattern = new RegExp(escaped.join(`${NAME_GAP.source}*`), 'giu');
  const found: PiiFinding[] = [];
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
const ADDRESS_EN = [
  /\bNo\.?\s*\d+[A-Za-z]?(?=,?\s+(?:[A-Z][A-Za-z'-]*\s+){0,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Alley|Hutong|Village|Community|Building|Bldg)\b)/g,
  /\b\d+[A-Za-z]?(?=\s+(?:[A-Z][A-Za-z'-]*\s+){1,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Alley|Hutong)\b)/g,
];

function addressFindings(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const m of text.matchAll(HOUSE)) {
    const [, number, unit] = m as unknown as [string, string, string];
    if (!isHouse(text, m.index, number, unit)) continue;
    found.push(finding(text, 'address', m.index, chainEnd(text, m.index + m[0].length)));
  }
  for (const m of text.matchAll(DOOR_PLATE)) {
    const start = m.index + m[0].length - m[1]!.length;
    found.push(finding(text, 'address', start, chainEnd(text, m.index + m[0].length)));
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
