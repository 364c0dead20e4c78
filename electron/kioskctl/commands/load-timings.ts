import type { Call } from './load-visits';

/**
 * How long each contract call of a load run took: what a screen waits on.
 * The renderer awaits these same calls (one router), so a slow call here is a
 * screen that hangs there. The simulation's own calls (`sim.*`: placing the
 * card, confirming a payment) are not screens and are left out.
 */
export interface CallTimingSummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The method of the slowest call (null before any call). */
  slowest: string | null;
}

export class CallTimings {
  private readonly ms: number[] = [];
  private slowest: { method: string; ms: number } | null = null;

  /** `call`, timed. */
  wrap(call: Call): Call {
    return async (method, payload) => {
      if (method.startsWith('sim.')) return call(method, payload);
      const started = performance.now();
      try {
        return await call(method, payload);
      } finally {
        this.add(method, performance.now() - started);
      }
    };
  }

  add(method: string, ms: number): void {
    this.ms.push(ms);
    if (this.slowest === null || ms > this.slowest.ms) this.slowest = { method, ms };
  }

  summary(): CallTimingSummary {
    const sorted = [...this.ms].sort((a, b) => a - b);
    const at = (q: number): number => (sorted.length === 0 ? 0 : round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0));
    return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted[sorted.length - 1] ?? 0), slowest: this.slowest?.method ?? null };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
