import { describe, expect, it } from 'vitest';
import {
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  VERIFICATION_CODE_RANDOM_BYTES,
  formatVerificationCode,
  isValidVerificationCode,
  makeVerificationCode,
  normalizeVerificationCode,
  verificationCheckChar,
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
    // The host logs this message when the random source misbehaves: it must say what went wrong.
    expect(() => makeVerificationCode(new Uint8Array(15))).toThrow(/not enough random bytes for a verification code/);
    expect(() => makeVerificationCode(Uint8Array.from([...Array(15).fill(0), ...Array(10).fill(250)]))).toThrow(RangeError);
  });

  it('refuses wrong lengths and letters outside the alphabet', () => {
    const code = makeVerificationCode(bytes(prng(9)));
    expect(isValidVerificationCode(code.slice(0, 16))).toBe(false);
    expect(isValidVerificationCode(code + '0')).toBe(false);
    expect(isValidVerificationCode(code.slice(0, 5) + 'O' + code.slice(6))).toBe(false);
  });
});

describe('the verification check character', () => {
  /** ISO 7064 pure system, radix 3, modulus 31, weights numbered from the right: written from the definition. */
  function oracle(data: string): string {
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += VERIFICATION_CODE_ALPHABET.indexOf(data[i] ?? '') * Number(3n ** BigInt(16 - i) % 31n);
    return VERIFICATION_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? '?';
  }

  it('agrees with the definition (seeded)', () => {
    const rand = prng(0x3131);
    for (let n = 0; n < 500; n++) {
      const data = Array.from({ length: 16 }, () => VERIFICATION_CODE_ALPHABET[randomInt(rand, 31)]).join('');
      expect(verificationCheckChar(data), data).toBe(oracle(data));
    }
    expect(verificationCheckChar('0000000000000000')).toBe('0');
    expect(verificationCheckChar('0000000000000001')).toBe(oracle('0000000000000001'));
  });

  it('has none for anything but 16 characters of the alphabet', () => {
    for (const bad of ['', '000000000000000', '00000000000000000', '000000000000000O', '000000000000000a']) expect(verificationCheckChar(bad), bad).toBeNull();
  });

  it('formats short and empty codes without failing', () => {
    expect(formatVerificationCode('')).toBe('');
    expect(formatVerificationCode('ABCDE')).toBe('ABCD-E');
    expect(normalizeVerificationCode('ab-cd ef\tgh')).toBe('ABCDEFGH');
  });
});
