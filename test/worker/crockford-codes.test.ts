// One finder of a code's shape among other words, with two tolerances: what someone types into a
// search (anything between the groups, all digits too) and what staff publish (up to three
// spaces, dashes, dots or other marks between groups of four, at least one letter, so amounts
// and dates in fours pass, and letters alone only in upper case, so English words pass).
import { describe, expect, it } from 'vitest';
import { findCrockfordCodes, type CodeShape } from '../../core/crockford.ts';

const TYPED: CodeShape = { between: 'anything', groups: 'quarters', digitsOnly: true, lowercaseWords: false };
const PUBLISHED: CodeShape = { between: 'punctuation', groups: 'quarters', digitsOnly: false, lowercaseWords: true };

/** The spans found, as the text they cover. */
const spans = (text: string, shape: CodeShape) => findCrockfordCodes(text, 16, shape).map((c) => text.slice(c.start, c.end));

// [text, found when typed, found when published]
const TABLE: [string, string[], string[]][] = [
  ['查询码 473K-R3F9-AS9M-2N0D', ['473K-R3F9-AS9M-2N0D'], ['473K-R3F9-AS9M-2N0D']],
  ['473K R3F9 AS9M 2N0D', ['473K R3F9 AS9M 2N0D'], ['473K R3F9 AS9M 2N0D']],
  ['473K.R3F9.AS9M.2N0D 张三', ['473K.R3F9.AS9M.2N0D'], ['473K.R3F9.AS9M.2N0D']],
  ['码473KR3F9AS9M2N0D。', ['473KR3F9AS9M2N0D'], ['473KR3F9AS9M2N0D']],
  // Halves, and other cuts into fours.
  ['473KR3F9 AS9M2N0D', ['473KR3F9 AS9M2N0D'], ['473KR3F9 AS9M2N0D']],
  ['473K R3F9AS9M2N0D', ['473K R3F9AS9M2N0D'], ['473K R3F9AS9M2N0D']],
  ['473KR3F9-AS9M 2N0D', ['473KR3F9-AS9M 2N0D'], ['473KR3F9-AS9M 2N0D']],
  // Full-width letters, digits, dashes and spaces from a Chinese keyboard: the span is in the text as written.
  ['码：４７３Ｋ－Ｒ３Ｆ９－ＡＳ９Ｍ－２Ｎ０Ｄ', ['４７３Ｋ－Ｒ３Ｆ９－ＡＳ９Ｍ－２Ｎ０Ｄ'], ['４７３Ｋ－Ｒ３Ｆ９－ＡＳ９Ｍ－２Ｎ０Ｄ']],
  ['４７３Ｋ\u3000Ｒ３Ｆ９\u3000ＡＳ９Ｍ\u3000２Ｎ０Ｄ', ['４７３Ｋ\u3000Ｒ３Ｆ９\u3000ＡＳ９Ｍ\u3000２Ｎ０Ｄ'], ['４７３Ｋ\u3000Ｒ３Ｆ９\u3000ＡＳ９Ｍ\u3000２Ｎ０Ｄ']],
  // Mixed separators: up to three marks (every spelling the lookup reads back) is published text's tolerance; anything is a search's.
  ['473K-R3F9.AS9M 2N0D', ['473K-R3F9.AS9M 2N0D'], ['473K-R3F9.AS9M 2N0D']],
  ['473K / R3F9 — AS9M 张 2N0D', ['473K / R3F9 — AS9M 张 2N0D'], []],
  ['473K--R3F9--AS9M--2N0D', ['473K--R3F9--AS9M--2N0D'], ['473K--R3F9--AS9M--2N0D']],
  ['473K_R3F9_AS9M_2N0D', ['473K_R3F9_AS9M_2N0D'], ['473K_R3F9_AS9M_2N0D']],
  ['查询码 473K - R3F9 - AS9M - 2N0D。', ['473K - R3F9 - AS9M - 2N0D'], ['473K - R3F9 - AS9M - 2N0D']],
  ['473K–R3F9–AS9M–2N0D', ['473K–R3F9–AS9M–2N0D'], ['473K–R3F9–AS9M–2N0D']],
  ['473K / R3F9 / AS9M / 2N0D', ['473K / R3F9 / AS9M / 2N0D'], ['473K / R3F9 / AS9M / 2N0D']],
  ['473K 和 R3F9 AS9M 2N0D', ['473K 和 R3F9 AS9M 2N0D'], []],
  // Look-alikes read as Crockford reads them; a U is never in a code.
  ['ABCD-EFGH-JKMN-PQRS', ['ABCD-EFGH-JKMN-PQRS'], ['ABCD-EFGH-JKMN-PQRS']],
  ['473k-r3f9-as9m-2n0d', ['473k-r3f9-as9m-2n0d'], ['473k-r3f9-as9m-2n0d']],
  // Letters alone with a lower-case one are English words in published text (a printed code is upper
  // case and nearly always holds a digit); a search drops them all the same.
  ['abcd-efgh-jkmn-pqrs', ['abcd-efgh-jkmn-pqrs'], []],
  ['Work with this team', ['Work with this team'], []],
  ['Inconsistent with new provincial rules.', ['Inconsistent with'], []],
  ['WORK WITH THIS TEAM', ['WORK WITH THIS TEAM'], ['WORK WITH THIS TEAM']],
  ['ABCD-EFGH-JKMN-PQRU', [], []],
  ['OOOO-IIII-LLLL-0000', ['OOOO-IIII-LLLL-0000'], []],
  // Never a part of a longer word or number.
  ['X473K-R3F9-AS9M-2N0D', [], []],
  ['473K-R3F9-AS9M-2N0DX', [], []],
  ['473K-R3F9-AS9M-2N0D-ABCD', ['473K-R3F9-AS9M-2N0D'], ['473K-R3F9-AS9M-2N0D']],
  // What does not read as a code does not hide the one after it.
  ['Mr Zhou 473K R3F9 AS9M 2N0D', ['473K R3F9 AS9M 2N0D'], ['473K R3F9 AS9M 2N0D']],
  ['Fund 473K-R3F9-AS9M-2N0D', ['473K-R3F9-AS9M-2N0D'], ['473K-R3F9-AS9M-2N0D']],
  // A word of four that reads as Crockford (CODE) is taken with the first three groups: the code is still held back.
  ['code 473K R3F9 AS9M 2N0D', ['code 473K R3F9 AS9M'], ['code 473K R3F9 AS9M']],
  // Amounts, dates and accounts in fours: all digits, so only a search (where a code all of digits is dropped) takes them.
  ['1234 5678 1234 5678 元', ['1234 5678 1234 5678'], []],
  ['支出 1234 5678 元', [], []],
  ['2026 1012 2026 1031', ['2026 1012 2026 1031'], []],
  ['2026.10.12 至 2026.10.31', [], []],
  ['2026-10-12', [], []],
  ['账号 6222 0212 3456 7890', ['6222 0212 3456 7890'], []],
  ['', [], []],
  ['查询码', [], []],
];

describe('the finder of a code among other words', () => {
  it.each(TABLE)('%s', (text, typed, published) => {
    expect(spans(text, TYPED)).toEqual(typed);
    expect(spans(text, PUBLISHED)).toEqual(published);
  });

  it('gives the code itself as Crockford reads it', () => {
    expect(findCrockfordCodes('码：４７３ｋ－ｒ３ｆ９－ａｓ９ｍ－２ｎｏｄ 和 ABCD EFGH JKMN PQRS', 16, PUBLISHED).map((c) => c.code)).toEqual([
      '473KR3F9AS9M2N0D',
      'ABCDEFGHJKMNPQRS',
    ]);
  });
});
