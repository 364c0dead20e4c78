/**
 * Delay before reloading a renderer that crashed. The first crash reloads
 * almost at once; a renderer that keeps crashing (a bad build, a GPU fault)
 * is retried ever more slowly instead of spinning the CPU, and the count
 * starts over once it has stayed up for `stableMs`.
 */
export interface CrashBackoffOptions {
  /** Delay after the first crash. Defaults to 500 ms. */
  initialMs?: number;
  /** Longest delay. Defaults to 60 s. */
  maxMs?: number;
  /** Up this long since the last crash counts as recovered. Defaults to 5 min. */
  stableMs?: number;
}

export interface CrashBackoff {
  /** Records a crash at `now` and returns how long to wait before reloading. */
  nextDelay(now: number): number;
  /** Crashes counted in the current streak. */
  readonly streak: number;
}

export function createCrashBackoff(options: CrashBackoffOptions = {}): CrashBackoff {
  const initialMs = options.initialMs ?? 500;
  const maxMs = options.maxMs ?? 60_000;
  const stableMs = options.stableMs ?? 5 * 60_000;
  let streak = 0;
  let lastCrash = Number.NEGATIVE_INFINITY;
  return {
    nextDelay(now) {
      if (now - lastCrash >= stableMs) streak = 0;
      lastCrash = now;
      streak++;
      return Math.min(maxMs, initialMs * 2 ** (streak - 1));
    },
    get streak() {
      return streak;
    },
  };
}
