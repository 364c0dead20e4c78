import { describe, expect, it } from 'vitest';
import { AMOUNT_IN_WORDS_CHARS, amountInWords } from '../../../shared/domain/amount-in-words';
import { prng, randomInt } from '../../support/prng';

/** An independent reader of 大写金额 back to fen (the test's own, not the product's). */
const DIGIT: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const UNIT: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

function parseSmall(s: string): number {
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in DIGIT) current = DIGIT[ch] ?? 0;
    else if (ch in UNIT) {
      total += current * (UNIT[ch] ?? 0);
      current = 0;
    } else throw new Error(`unexpected ${ch} in ${s}`);
  }
  return total + current;
}
function parseInteger(s: string): number {
  const yi = s.lastIndexOf('亿');
  if (yi >= 0) return parseInteger(s.slice(0, yi)) * 1e8 + (yi + 1 < s.length ? parseInteger(s.slice(yi + 1)) : 0);
  const wan = s.lastIndexOf('万');
  if (wan >= 0) return parseSmall(s.slice(0, wan)) * 1e4 + parseSmall(s.slice(wan + 1));
  return parseSmall(s);
}
function parseAmount(s: string): number {
  let rest = s.endsWith('整') ? s.slice(0, -1) : s;
  let fen = 0;
  const yuan = rest.indexOf('元');
  if (yuan >= 0) {
    fen += parseInteger(rest.slice(0, yuan)) * 100;
    rest = rest.slice(yuan + 1);
  }
  const jiao = rest.indexOf('角');
  if (jiao >= 0) {
    fen += parseSmall(rest.slice(0, jiao)) * 10;
    rest = rest.slice(jiao + 1);
  }
  if (rest.endsWith('分')) fen += parseSmall(rest.slice(0, -1).replace(/^零/, ''));
  else if (rest !== '') throw new Error(`trailing ${rest} in ${s}`);
  return fen;
}

describe('amountInWords: worked examples', () => {
  const cases: [number, string][] = [
    [1_030_000, '壹万零叁佰元整'],
    [1, '壹分'],
    [10, '壹角整'],
    [11, '壹角壹分'],
    [100, '壹元整'],
    [1_000, '壹拾元整'],
    [10_000_000, '壹拾万元整'],
    [100_000_101, '壹佰万零壹元零壹分'],
    [0, '零元整'],
    [1_050, '壹拾元伍角整'],
    [10_150, '壹佰零壹元伍角整'],
    [10_050, '壹佰元伍角整'],
    [42_503, '肆佰贰拾伍元零叁分'],
    [28_954_652, '贰拾捌万玖仟伍佰肆拾陆元伍角贰分'],
    [100_456, '壹仟零肆元伍角陆分'],
    [10_700_000, '壹拾万零柒仟元整'],
    [10_070_000, '壹拾万零柒佰元整'],
    [11_000_000, '壹拾壹万元整'],
    [1_001_000, '壹万零壹拾元整'],
    [10_000_000_000, '壹亿元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [100_000_000_000_000, '壹万亿元整'],
    [100_500_000, '壹佰万零伍仟元整'],
    [10_101_010_101, '壹亿零壹佰零壹万零壹佰零壹元零壹分'],
    [1_100_000_000, '壹仟壹佰万元整'],
    [Number.MAX_SAFE_INTEGER, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ];
  it.each(cases)('%i fen → %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });
});

describe('amountInWords: refuses what an invoice never shows', () => {
  it.each([-1, 0.5, 1.005, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, -0.01])('%s', (bad) => {
    expect(() => amountInWords(bad)).toThrow(RangeError);
  });
  it('says what it got, so a log shows the bad figure', () => {
    expect(() => amountInWords(-1)).toThrow('amountInWords: expected a non-negative safe integer of fen, got -1');
  });
  it('rejects a non-number smuggled past the types', () => {
    expect(() => amountInWords('100' as unknown as number)).toThrow(RangeError);
  });
});

describe('amountInWords: properties', () => {
  const allowed = new RegExp(`^[${AMOUNT_IN_WORDS_CHARS}]+$`);
  function check(fen: number): void {
    const words = amountInWords(fen);
    if (!allowed.test(words)) throw new Error(`${fen}: ${words} uses a character outside the set`);
    if (parseAmount(words) !== fen) throw new Error(`${fen}: ${words} reads back as ${parseAmount(words)}`);
    // 第五十二条(三): 整 exactly when there is no 分; never two 零 in a row; never 零 before a unit or at the end.
    if (fen === 0) return;
    if (words.endsWith('整') === words.endsWith('分') || /零零|零[拾佰仟万亿元角分整]|^零/.test(words)) {
      throw new Error(`${fen}: ${words} breaks a writing rule`);
    }
    // 第五十二条(五): each run of 0s between non-zero digits is exactly one 零 (and 零 only there).
    const yuan = Math.floor(fen / 100);
    const interiorRuns = yuan > 0 ? (String(yuan).replace(/0+$/, '').match(/0+/g) ?? []).length : 0;
    const centZero = yuan > 0 && Math.floor(fen / 10) % 10 === 0 && fen % 10 !== 0 ? 1 : 0;
    if ((words.match(/零/g) ?? []).length !== interiorRuns + centZero) throw new Error(`${fen}: ${words} has the wrong number of 零`);
    if (/(^|[^壹贰叁肆伍陆柒捌玖])拾/.test(words)) throw new Error(`${fen}: ${words} writes 拾 without a digit`);
  }
  it('every amount from 0 to 1,000,000 fen reads back and uses only the allowed characters', () => {
    for (let fen = 0; fen <= 1_000_000; fen++) check(fen);
  });
  it('random large amounts up to the safe limit read back', () => {
    const rand = prng(20260601);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + randomInt(rand, 16);
      let fen = 0;
      for (let d = 0; d < digits; d++) fen = fen * 10 + (rand() < 0.4 ? 0 : randomInt(rand, 10));
      check(Math.min(fen, Number.MAX_SAFE_INTEGER));
    }
  });
});
