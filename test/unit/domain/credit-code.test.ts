import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS, creditCodeCheckChar, isValidCreditCode } from '../../../shared/domain/credit-code';

/**
 * Codes published as valid: 91350100M000100Y43 is the example used across
 * validators (hutool CreditCodeUtilTest, several npm utils' docs); the others
 * are registered companies' codes found in public test fixtures.
 */
const PUBLISHED = [
  '91350100M000100Y43',
  '9144030071526726XG',
  '914403001922038216',
  '91110000802100433B',
  '112302070019030687',
  '51610700305332460K',
  '11610923MB2900168E',
  '1134082855783407XL',
  '91341000MA2N0ABGXX',
];

describe('GB 32100 unified social credit code', () => {
  it('uses weights 3^i mod 31 over the 31-character alphabet without I, O, Z, S, V', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(CREDIT_CODE_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
  });

  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('refuses every single-character change of a valid code', () => {
    const code = '91350100M000100Y43';
    let tried = 0;
    for (let i = 0; i < code.length; i++) {
      for (const ch of CREDIT_CODE_ALPHABET) {
        if (ch === code[i]) continue;
        expect(isValidCreditCode(code.slice(0, i) + ch + code.slice(i + 1)), `position ${i} → ${ch}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(18 * 30);
  });

  it('refuses wrong lengths, lower case, spaces and the letters I, O, Z, S, V', () => {
    for (const bad of ['', '91350100M000100Y4', '91350100M000100Y433', '91350100m000100y43', ' 91350100M000100Y43']) {
      expect(isValidCreditCode(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      const withLetter = `9135010${letter}M000100Y4`;
      expect(creditCodeCheckChar(withLetter)).toBeNull();
      // Even with whatever check character would make the arithmetic work, the letter is not allowed.
      for (const check of CREDIT_CODE_ALPHABET) expect(isValidCreditCode(withLetter + check)).toBe(false);
    }
  });
});

describe('creditCodeCheckChar input', () => {
  it('has no check character for anything but 17 characters (a short code must not be padded with zeros)', () => {
    expect(creditCodeCheckChar('9135010000000000')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull();
    expect(creditCodeCheckChar('')).toBeNull();
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });
});
