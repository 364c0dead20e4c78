/**
 * The unified social credit code (统一社会信用代码), GB 32100-2015: 18
 * characters from 0-9 and the capital letters without I, O, Z, S, V.
 * Position 1 registration authority, 2 organisation category, 3–8 the
 * registering office's division code (GB/T 2260), 9–17 the subject
 * identifier (organisation code, GB 11714), 18 the check character.
 *
 * The check follows GB/T 17710 (ISO 7064 style) modulo 31: weights are
 * 3^(i) mod 31 for positions 1–17, and the check character is
 * ALPHABET[(31 − Σ value×weight mod 31) mod 31]. Verified against published
 * codes (test/unit/domain/credit-code.test.ts). Only the check character is
 * verified: the embedded GB 11714 check of positions 9–17 and the code lists
 * of positions 1–2 are left to the backend, which knows the registered codes.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or null when they hold a character outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    // Stryker disable next-line StringLiteral: never reached: the length is 17, so first17[i] is always defined.
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? null;
}

/** True for an 18-character code (capitals, as printed) whose check character is right. */
export function isValidCreditCode(code: string): boolean {
  return SHAPE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
