import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import { QUEUES } from '../../electron/host/sync/topology';
import { startBroker, type Broker } from '../support/rabbitmq';
import { seedPending } from '../support/outbox-seed';
import { openKiosk, resetBroker, withChannel, type Kiosk } from './sync-helpers';

/**
 * Fault test 3 (docs/sync.md "Days offline with 100,000 pending rows must not slow
 * the UI or grow memory"): a kiosk back online with 100,000 pending outbox rows
 * drains them to a real RabbitMQ through the host's own delivery loop while
 * the UI keeps calling `session.get` and `devices.status`. Memory and latency
 * are reported, not timed: the only bounds are "every call answered" and a
 * generous memory growth limit.
 */
const ROWS = 100_000;
/** Heap growth allowed per row delivered, between a quarter and all of the rows: far below any per-row leak. */
const FLAT_BYTES_PER_ROW = 48;

/** A full GC on demand, without restarting the test worker with --expose-gc. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
let broker: Broker;
let kiosk: Kiosk;

beforeAll(async () => {
  broker = await startBroker('large');
  console.info(`rabbitmq-server up in ${broker.startMs} ms`);
  await resetBroker(broker.url);
  kiosk = openKiosk();
}, 120_000);
afterAll(async () => {
  kiosk?.close();
  await broker?.dispose();
}, 60_000);

describe('fault test 3: 100,000 pending rows', () => {
  it('drains them with flat memory while UI calls keep being answered', async () => {
    const seeded = seedPending(kiosk.db, kiosk.store, ROWS);
    console.log(`${seeded.pending} pending rows inserted in ${Math.round(seeded.ms)} ms`);
    expect(seeded.pending).toBe(ROWS);
    kiosk.db.close();

    const backend = {
      transport: 'amqp' as const,
      url: broker.url,
      heartbeatSeconds: 30,
      confirmTimeoutMs: 10_000,
      declareTopology: true,
      queryTimeoutMs: 2000,
    };
    const host = await createHost({ dataDir: kiosk.dir, shell: 'chromium', configOverrides: { backend } });
    const reader = new Database(path.join(kiosk.dir, 'kiosk.sqlite'), { readonly: true });
    const countPending = reader.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL');
    const pending = (): number => (countPending.get() as { n: number }).n;

    const gc = collectGarbage();
    gc();
    const baseline = process.memoryUsage();
    /** Heap used after a full GC when at least that share of the rows was delivered. */
    const heapAfterGc: { share: number; delivered: number; heapUsed: number }[] = [];
    const sampleAt = [0.25, 0.5, 0.75];
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 100);
    const latencies: number[] = [];
    let unanswered = 0;
    const started = Date.now();
    try {
      await host.start();
      let left = pending();
      while (left > 0 && Date.now() - started < 400_000) {
        for (const method of ['session.get', 'devices.status']) {
          const t0 = performance.now();
          const r = await host.router.call(method, {}, { shell: 'test' });
          latencies.push(performance.now() - t0);
          if (!r.ok) unanswered++;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (latencies.length % 20 === 0) left = pending();
        const share = (ROWS - left) / ROWS;
        if (sampleAt.length > 0 && share >= (sampleAt[0] ?? 1)) {
          while (sampleAt.length > 0 && share >= (sampleAt[0] ?? 1)) sampleAt.shift();
          gc();
          heapAfterGc.push({ share, delivered: ROWS - left, heapUsed: process.memoryUsage().heapUsed });
        }
      }
      gc();
      heapAfterGc.push({ share: 1, delivered: ROWS - pending(), heapUsed: process.memoryUsage().heapUsed });
      const drainMs = Date.now() - started;
      left = pending();
      latencies.sort((a, b) => a - b);
      const p = (q: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1);
      const mb = (n: number): string => (n / 2 ** 20).toFixed(0);
      console.log(
        `drained ${ROWS - left} of ${ROWS} rows in ${(drainMs / 1000).toFixed(1)} s (${Math.round(((ROWS - left) * 1000) / drainMs)} rows/s, host start included); ` +
          `UI calls: ${latencies.length}, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms; ` +
          `RSS ${mb(baseline.rss)} → peak ${mb(peakRss)} MB, heap ${mb(baseline.heapUsed)} → peak ${mb(peakHeap)} MB; ` +
          `heap after GC at ${heapAfterGc.map((h) => `${Math.round(h.share * 100)} %: ${(h.heapUsed / 2 ** 20).toFixed(1)} MB`).join(', ')}`,
      );
      expect(left).toBe(0);
      expect(unanswered).toBe(0);
      // Flat: from a quarter of the rows to all of them, the live heap does not grow with the rows.
      const first = heapAfterGc[0]!;
      const last = heapAfterGc.at(-1)!;
      expect(heapAfterGc.length, JSON.stringify(heapAfterGc)).toBeGreaterThanOrEqual(3);
      expect(first.delivered).toBeLessThanOrEqual(ROWS / 2);
      expect(last.delivered).toBe(ROWS);
      const perRow = (last.heapUsed - first.heapUsed) / (last.delivered - first.delivered);
      expect(perRow, `heap growth per row delivered (bytes), after GC: ${JSON.stringify(heapAfterGc)}`).toBeLessThan(FLAT_BYTES_PER_ROW);
      const counts = await withChannel(broker.url, async (ch) => [
        (await ch.checkQueue(QUEUES.national.queue)).messageCount,
        (await ch.checkQueue(QUEUES.local.queue)).messageCount,
      ]);
      // The kiosk's own rows (audit entries of the host's own steps at start) go to the national queue too.
      const ownRows = new Database(path.join(kiosk.dir, 'kiosk.sqlite'), { readonly: true });
      const own = (ownRows.prepare("SELECT count(*) AS n FROM outbox WHERE transaction_id IS NULL AND authority = 'national'").get() as { n: number }).n;
      ownRows.close();
      expect(counts).toEqual([ROWS / 2 + own, ROWS / 2]);
    } finally {
      clearInterval(sampler);
      reader.close();
      await host.stop();
    }
  }, 480_000);
});

// The kiosk dir is removed by kiosk.close(); make sure nothing else is left.
afterAll(() => {
  if (kiosk && fs.existsSync(kiosk.dir)) fs.rmSync(kiosk.dir, { recursive: true, force: true });
});
