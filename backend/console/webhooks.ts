import type { AlertEvent } from './alerts';

/**
 * Each rule's webhook (the bank's own paging): POST JSON `{ event, alert }`,
 * 5 s timeout, a few at a time. Failures are logged and dropped: a pager that
 * is down must never hold up ingest. The queue is bounded (a fleet-wide
 * outage raises thousands of alerts at once); the oldest are dropped first.
 */
export const WEBHOOK_TIMEOUT_MS = 5000;
const CONCURRENCY = 4;
const MAX_QUEUED = 10_000;

export type LogFn = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export class Webhooks {
  private readonly queue: { url: string; body: string }[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly log: LogFn) {}

  post(url: string, event: AlertEvent): void {
    if (this.stopped) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.log('warn', 'webhook queue full: oldest event dropped');
    }
    this.queue.push({ url, body: JSON.stringify(event) });
    this.pump();
  }

  /** Resolves once nothing is queued or in flight (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await this.idle();
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const next = this.queue.shift();
      if (!next) break;
      this.running += 1;
      void this.send(next.url, next.body).finally(() => {
        this.running -= 1;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private async send(url: string, body: string): Promise<void> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (!response.ok) this.log('warn', 'webhook answered an error', { host: hostOf(url), status: response.status });
    } catch (error) {
      this.log('warn', 'webhook failed', { host: hostOf(url), error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** Only the host in logs: a webhook URL may carry a secret in its path or query. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
