import { CREDIT_CODE_ALPHABET } from './credit-code';

/**
 * The verification code printed on an IIT payment certificate (and carried in
 * its QR code): 16 random characters and one check character.
 *
 * Alphabet: the 31 characters of GB 32100-2015 (digits and capitals without
 * I, O, Z, S, V), chosen there because those five are read as 1, 0, 2, 5 and U;
 * a person types the code from paper. Check: the GB 32100 arithmetic (GB/T
 * 17710, an ISO 7064 pure system with radix 3, modulus 31) over 16 positions,
 * with the weights numbered from the right as ISO 7064 does: the data
 * character at index i (0–15 from the left) weighs 3^(16 − i) mod 31 and the
 * check character 3^0 = 1; check = ALPHABET[(31 − Σ value_i × weight_i mod 31) mod 31].
 * 31 is prime and 3 has order 30 modulo 31, so all 17 weights are distinct
 * and non-zero: any single changed character and any swap of two different
 * characters (the check character included) change the sum modulo 31 and are
 * detected. GB 32100's own left-to-right weights start at 1, the check
 * character's weight too, so there a swap of the first and last characters
 * goes unnoticed; numbering from the right avoids that.
 */
export const VERIFICATION_CODE_ALPHABET = CREDIT_CODE_ALPHABET;
export const VERIFICATION_CODE_DATA_LENGTH = 16;
export const VERIFICATION_CODE_LENGTH = VERIFICATION_CODE_DATA_LENGTH + 1;
/** Enough random bytes that rejection sampling (below) practically never runs short. */
export const VERIFICATION_CODE_RANDOM_BYTES = 32;

const RADIX = VERIFICATION_CODE_ALPHABET.length; // 31
/** Bytes at or above 248 (= 8 × 31) are skipped, so every character is equally likely. */
const UNBIASED_LIMIT = Math.floor(256 / RADIX) * RADIX;
const SHAPE = new RegExp(`^[${VERIFICATION_CODE_ALPHABET}]{${VERIFICATION_CODE_LENGTH}}$`);

function weight(position: number): number {
  let w = 1;
  for (let i = 0; i < position; i++) w = (w * 3) % RADIX;
  return w;
}
const WEIGHTS: readonly number[] = Array.from({ length: VERIFICATION_CODE_DATA_LENGTH }, (_, i) => weight(VERIFICATION_CODE_DATA_LENGTH - i));

/** The check character for 16 data characters, or null when one is outside the alphabet. */
export function verificationCheckChar(data: string): string | null {
  if (data.length !== VERIFICATION_CODE_DATA_LENGTH) return null;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    // Stryker disable next-line StringLiteral: never reached: i stays below data.length.
    const value = VERIFICATION_CODE_ALPHABET.indexOf(data[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return VERIFICATION_CODE_ALPHABET[(RADIX - (sum % RADIX)) % RADIX] ?? null;
}

/**
 * A new code from caller-supplied randomness (shared/ has no crypto: the host
 * passes `crypto.randomBytes(VERIFICATION_CODE_RANDOM_BYTES)`). Throws when the
 * bytes run out before 16 characters, which a 32-byte buffer practically never does.
 */
export function makeVerificationCode(randomBytes: Uint8Array): string {
  let data = '';
  for (const byte of randomBytes) {
    if (data.length === VERIFICATION_CODE_DATA_LENGTH) break;
    if (byte < UNBIASED_LIMIT) data += VERIFICATION_CODE_ALPHABET[byte % RADIX];
  }
  if (data.length < VERIFICATION_CODE_DATA_LENGTH) throw new RangeError('not enough random bytes for a verification code');
  return data + (verificationCheckChar(data) ?? '');
}

/** A code as typed by a person: capitals, without the spaces and hyphens of the printed grouping. */
export function normalizeVerificationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** True for 17 characters of the alphabet with a right check character (normalise typed input first). */
export function isValidVerificationCode(code: string): boolean {
  return SHAPE.test(code) && verificationCheckChar(code.slice(0, VERIFICATION_CODE_DATA_LENGTH)) === code[VERIFICATION_CODE_DATA_LENGTH];
}

/** Printed in groups of four so a person can read it out: `ABCD-EFGH-JKLM-NPQR-T`. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
