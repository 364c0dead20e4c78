/**
 * Bounds what one noisy peer can make the host write to its log (issue 14:
 * 20,000 refused upgrades added 2.96 MB to kiosk.log). Per key (an event and
 * its reason), the first `burst` events of a window are written; the rest are
 * counted, and the next event written after the window says how many were
 * left out (`suppressed`). Memory is bounded too: at most `maxKeys` keys are
 * tracked; a key beyond that shares one overflow bucket.
 */
export interface LogRateLimitOptions {
  /** Events written per key and window. Default 5. */
  burst?: number;
  /** Window length. Default 60 s. */
  windowMs?: number;
  /** Distinct keys tracked. Default 64. */
  maxKeys?: number;
  now?: () => number;
}

interface Bucket {
  windowStart: number;
  written: number;
  suppressed: number;
}

export type RateVerdict = { write: false } | { write: true; suppressed: number };

const OVERFLOW_KEY = '(other)';

export class LogRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LogRateLimitOptions = {}) {
    this.burst = options.burst ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 64;
    this.now = options.now ?? Date.now;
  }

  /** Whether to write this event now, and how many of its kind were left out since the last one written. */
  take(key: string): RateVerdict {
    const now = this.now();
    const bucketKey = this.buckets.has(key) || this.buckets.size < this.maxKeys ? key : OVERFLOW_KEY;
    let bucket = this.buckets.get(bucketKey);
    if (!bucket) {
      bucket = { windowStart: now, written: 0, suppressed: 0 };
      this.buckets.set(bucketKey, bucket);
    }
    if (now - bucket.windowStart >= this.windowMs) {
      bucket.windowStart = now;
      bucket.written = 0;
    }
    if (bucket.written >= this.burst) {
      bucket.suppressed++;
      return { write: false };
    }
    bucket.written++;
    const suppressed = bucket.suppressed;
    bucket.suppressed = 0;
    return { write: true, suppressed };
  }
}
