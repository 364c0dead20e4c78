import crypto from 'node:crypto';

/**
 * The technician PIN that opens diagnostics mode. Stored in config as a slow
 * salted hash (scrypt, the KDF Node ships): `scrypt$N$r$p$salt$hash`, salt
 * and hash in base64. A PIN is 6–12 digits; a kiosk screen has no other
 * keyboard a technician would want to use on a ladder.
 */
export const PIN_PATTERN = /^\d{6,12}$/;

const DEFAULT_COST = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]{16,})\$([A-Za-z0-9+/=]{40,})$/;

export class PinFormatError extends Error {}

function derive(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  // maxmem: scrypt needs 128·N·r bytes; Node's 32 MB default is just too small for N = 2^15.
  return crypto.scryptSync(pin, salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r });
}

export function hashPin(pin: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): string {
  if (!PIN_PATTERN.test(pin)) throw new PinFormatError('a technician PIN is 6 to 12 digits');
  const salt = crypto.randomBytes(16);
  const hash = derive(pin, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function isPinHash(stored: string): boolean {
  return FORMAT.test(stored);
}

/** Constant-time comparison; a malformed stored hash never matches. */
export function verifyPin(pin: string, stored: string): boolean {
  const m = FORMAT.exec(stored);
  if (!m || !PIN_PATTERN.test(pin)) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1 || N * r > 1 << 24) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const actual = derive(pin, Buffer.from(m[4] ?? '', 'base64'), { N, r, p });
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

export interface LockoutPolicy {
  /** Wrong tries in a row that lock the entry. */
  maxTries: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxTries: 5, lockMs: 15 * 60_000 };

/** Where the count of wrong tries lives (SQLite on the kiosk, so a power cycle does not reset it). */
export interface LockoutState {
  failures: number;
  lockedUntil: number | null;
}

export type PinCheck =
  | { outcome: 'accepted' }
  | { outcome: 'wrong'; triesLeft: number }
  | { outcome: 'locked'; lockedUntil: number; justLocked: boolean }
  | { outcome: 'notConfigured' };

/**
 * One PIN attempt against the policy. Pure: the caller loads the state,
 * calls this, stores `next`, and writes the audit entry for `justLocked`.
 * While locked, the PIN is not even checked (no oracle for a patient guesser).
 */
export function checkPin(
  pin: string,
  stored: string | null,
  state: LockoutState,
  now: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): { result: PinCheck; next: LockoutState } {
  if (stored === null || !isPinHash(stored)) return { result: { outcome: 'notConfigured' }, next: state };
  if (state.lockedUntil !== null && now < state.lockedUntil) {
    return { result: { outcome: 'locked', lockedUntil: state.lockedUntil, justLocked: false }, next: state };
  }
  const fresh = state.lockedUntil !== null ? { failures: 0, lockedUntil: null } : state;
  if (verifyPin(pin, stored)) return { result: { outcome: 'accepted' }, next: { failures: 0, lockedUntil: null } };
  const failures = fresh.failures + 1;
  if (failures >= policy.maxTries) {
    const lockedUntil = now + policy.lockMs;
    return { result: { outcome: 'locked', lockedUntil, justLocked: true }, next: { failures, lockedUntil } };
  }
  return { result: { outcome: 'wrong', triesLeft: policy.maxTries - failures }, next: { failures, lockedUntil: null } };
}
