import { describe, expect, it } from 'vitest';
import {
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  VERIFICATION_CODE_RANDOM_BYTES,
  formatVerificationCode,
  isValidVerificationCode,
  makeVerificationCode,
  normalizeVerificationCode,
} from '../../../shared/domain/verification-code';
import { prng, randomInt } from '../../support/prng';

function bytes(rand: () => number, n = VERIFICATION_CODE_RANDOM_BYTES): Uint8Array {
  return Uint8Array.from({ length: n }, () => randomInt(rand, 256));
}

describe('certificate verification code', () => {
  it('makes 17 characters of the unambiguous alphabet that validate (seeded round trip)', () => {
    const rand = prng(0xc0de);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const code = makeVerificationCode(bytes(rand));
      expect(code).toHaveLength(VERIFICATION_CODE_LENGTH);
      expect(code).toMatch(/^[0-9A-HJ-NPQRTUWXY]+$/);
      expect(isValidVerificationCode(code)).toBe(true);
      seen.add(code);
    }
    expect(seen.size).toBe(300);
  });

  it('is read back from how it is printed and typed', () => {
    const code = makeVerificationCode(bytes(prng(7)));
    const printed = formatVerificationCode(code);
    expect(printed).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}-\w$/);
    expect(isValidVerificationCode(normalizeVerificationCode(` ${printed.toLowerCase()} `))).toBe(true);
  });

  it('detects every single-character change and every swap of two different characters', () => {
    const rand = prng(42);
    for (let n = 0; n < 20; n++) {
      const code = makeVerificationCode(bytes(rand));
      for (let i = 0; i < code.length; i++) {
        for (const ch of VERIFICATION_CODE_ALPHABET) {
          if (ch !== code[i]) expect(isValidVerificationCode(code.slice(0, i) + ch + code.slice(i + 1)), `${code} @${i}→${ch}`).toBe(false);
        }
        for (let j = i + 1; j < code.length; j++) {
          if (code[i] === code[j]) continue;
          const swapped = [...code];
          [swapped[i], swapped[j]] = [swapped[j] ?? '', swapped[i] ?? ''];
          expect(isValidVerificationCode(swapped.join('')), `${code} swap ${i},${j}`).toBe(false);
        }
      }
    }
  });

  it('skips bytes that would bias the alphabet and refuses to run short of randomness', () => {
    // 248..255 are skipped; 0 and 31 both map to '0', 30 to 'Y'.
    const data = Uint8Array.from([255, 248, ...Array(15).fill(0), 30]);
    expect(makeVerificationCode(data).slice(0, 16)).toBe('000000000000000Y');
    expect(() => makeVerificationCode(new Uint8Array(15))).toThrow(RangeError);
    expect(() => makeVerificationCode(Uint8Array.from([...Array(15).fill(0), ...Array(10).fill(250)]))).toThrow(RangeError);
  });

  it('refuses wrong lengths and letters outside the alphabet', () => {
    const code = makeVerificationCode(bytes(prng(9)));
    expect(isValidVerificationCode(code.slice(0, 16))).toBe(false);
    expect(isValidVerificationCode(code + '0')).toBe(false);
    expect(isValidVerificationCode(code.slice(0, 5) + 'O' + code.slice(6))).toBe(false);
  });
});
