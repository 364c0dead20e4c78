/**
 * Exact integer arithmetic for money and rates. Floats never touch an amount:
 * 1.15 × 100 is 114.99999999999999 in binary floating point, and one fen off on
 * a tax line is a wrong invoice. Products of fen and basis points overflow
 * 2^53 quickly (99,999,999 fen × 700 bp × 5,000 bp ≈ 3.5e17), so the
 * arithmetic runs in BigInt.
 */

/** `numerator / denominator` rounded half-up (0.5 fen goes up); both non-negative, denominator > 0. */
export function divHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divHalfUp takes a non-negative numerator and a positive denominator');
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Back to a JavaScript number; every amount we produce is far below 2^53, so this only guards bugs. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount outside the safe integer range');
  }
  return Number(value);
}

/** A non-negative decimal as an integer of units and the number of decimals: "12.50" → { units: 1250n, scale: 2 }. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses a plain non-negative decimal ("3", "0.25", "12.50"); no sign, exponent, spaces or grouping. */
export function parseDecimal(text: string): ExactDecimal | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  // Stryker disable next-line StringLiteral: group 1 always takes part in a match; the fallback only satisfies the type checker.
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

/**
 * A decimal with at most `scale` decimals as an integer count of 10^-scale:
 * ("10300.00", 2) → 1030000 (fen); ("1.5", 2) → 150 (basis points of a percent).
 * Null when the text is not such a decimal, has more decimals, or is not a safe integer.
 */
export function parseScaled(text: string, scale: number): number | null {
  const parsed = parseDecimal(text);
  if (!parsed || parsed.scale > scale) return null;
  const value = parsed.units * 10n ** BigInt(scale - parsed.scale);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}
