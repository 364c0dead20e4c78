/**
 * Capped exponential backoff with jitter (docs/sync.md "Backoff, parking and
 * `kioskctl outbox retry`": rows capped at 5 min). Used for a row the broker did not take and for
 * reconnecting to the broker.
 */
export interface BackoffPolicy {
  /** Delay around the first retry, in ms. */
  baseMs: number;
  /** No delay is ever longer than this, jitter included. */
  capMs: number;
}

export const ROW_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };
export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

/**
 * Delay before retry number `attempt` (1 = the first retry). "Equal jitter":
 * half of the exponential step is fixed, half random, so a fleet of kiosks
 * coming back after a broker outage spreads out, yet none retries at once.
 * `random` returns [0, 1) (Math.random; tests pass their own).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const step = Math.max(1, Math.floor(attempt));
  // 2^30 already dwarfs any cap; bounding the exponent keeps the maths finite.
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(step - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(policy.capMs, Math.round(exponential / 2 + (r * exponential) / 2));
}
