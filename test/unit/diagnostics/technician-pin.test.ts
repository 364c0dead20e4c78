import { describe, expect, it } from 'vitest';
import { checkPin, hashPin, isPinHash, verifyPin, type LockoutState } from '../../../electron/host/diagnostics/technician-pin';

// A low scrypt cost keeps the test quick; the format carries the cost, so verify reads it back.
const CHEAP = { N: 1 << 10, r: 8, p: 1 };
const stored = hashPin('24681357', CHEAP);

describe('technician PIN', () => {
  it('stores a salted scrypt hash that verifies the PIN and nothing else', () => {
    expect(isPinHash(stored)).toBe(true);
    expect(stored).not.toContain('24681357');
    expect(hashPin('24681357', CHEAP)).not.toBe(stored); // salted
    expect(verifyPin('24681357', stored)).toBe(true);
    expect(verifyPin('24681358', stored)).toBe(false);
    expect(verifyPin('2468135', stored)).toBe(false);
  });

  it('defaults to a slow hash (scrypt N = 2^15)', () => {
    expect(hashPin('123456')).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('refuses PINs that are not 6–12 digits, and never matches a malformed stored hash', () => {
    expect(() => hashPin('12345')).toThrow(/6 to 12 digits/);
    expect(() => hashPin('abcdef')).toThrow();
    expect(verifyPin('24681357', 'plaintext-24681357')).toBe(false);
    expect(verifyPin('24681357', stored.replace(/\$1024\$/, '$1000$'))).toBe(false); // N not a power of two
    expect(verifyPin('24681357', stored.replace(/\$1024\$/, '$1073741824$'))).toBe(false); // absurd cost refused, not computed
  });

  it('locks after five wrong tries, leaves the lock to expire, and does not check the PIN while locked', () => {
    let state: LockoutState = { failures: 0, lockedUntil: null };
    const t0 = 1_000_000;
    const tries: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { result, next } = checkPin('00000000', stored, state, t0 + i);
      state = next;
      tries.push(
        result.outcome === 'wrong' ? `wrong ${result.triesLeft}` : result.outcome === 'locked' ? `locked ${String(result.justLocked)}` : result.outcome,
      );
    }
    expect(tries).toEqual(['wrong 4', 'wrong 3', 'wrong 2', 'wrong 1', 'locked true']);
    // The right PIN during the lock is refused all the same.
    expect(checkPin('24681357', stored, state, t0 + 60_000).result).toEqual({ outcome: 'locked', lockedUntil: t0 + 4 + 15 * 60_000, justLocked: false });
    // After the lock, the count starts again and the right PIN opens.
    const after = t0 + 16 * 60_000;
    expect(checkPin('00000000', stored, state, after).result).toEqual({ outcome: 'wrong', triesLeft: 4 });
    expect(checkPin('24681357', stored, state, after)).toEqual({ result: { outcome: 'accepted' }, next: { failures: 0, lockedUntil: null } });
  });

  it('a right PIN resets the count of wrong tries', () => {
    const state = checkPin('00000000', stored, { failures: 3, lockedUntil: null }, 0).next;
    expect(state.failures).toBe(4);
    expect(checkPin('24681357', stored, state, 1).next).toEqual({ failures: 0, lockedUntil: null });
  });

  it('says "not configured" when the kiosk has no PIN hash, rather than opening', () => {
    expect(checkPin('123456', null, { failures: 0, lockedUntil: null }, 0).result).toEqual({ outcome: 'notConfigured' });
  });
});
