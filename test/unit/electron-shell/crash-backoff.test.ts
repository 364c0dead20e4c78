import { describe, expect, it } from 'vitest';
import { createCrashBackoff } from '../../../electron/shell-electron/crash-backoff';

describe('createCrashBackoff', () => {
  it('doubles the delay for a crash loop, up to the maximum', () => {
    const backoff = createCrashBackoff({ initialMs: 500, maxMs: 4_000, stableMs: 60_000 });
    const delays = [0, 1, 2, 3, 4, 5].map((i) => backoff.nextDelay(1_000 + i * 100));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
    expect(backoff.streak).toBe(6);
  });

  it('starts over after the renderer stayed up long enough', () => {
    const backoff = createCrashBackoff({ initialMs: 500, maxMs: 60_000, stableMs: 60_000 });
    backoff.nextDelay(0);
    backoff.nextDelay(1_000);
    expect(backoff.nextDelay(2_000)).toBe(2_000);
    expect(backoff.nextDelay(2_000 + 60_000)).toBe(500);
    expect(backoff.streak).toBe(1);
  });

  it('has sensible defaults', () => {
    const backoff = createCrashBackoff();
    expect(backoff.nextDelay(Date.now())).toBe(500);
  });
});
