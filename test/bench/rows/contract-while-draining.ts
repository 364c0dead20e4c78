import path from 'node:path';
import Database from 'better-sqlite3';
import { createHost } from '../../../electron/host/host';
import { openKiosk, resetBroker } from '../../integration/sync-helpers';
import { startBroker, type Broker } from '../../support/rabbitmq';
import type { BenchRow } from '../bench-types';
import { msSince, percentile } from '../stats';
import { seedPending } from '../../support/outbox-seed';

const ROWS = 100_000;
/** One contract call every 25 ms (40/s): a renderer polling its session and devices while a taxpayer waits. */
const CALL_EVERY_MS = 25;
const CALLS = ['session.get', 'devices.status'] as const;
const DRAIN_TIMEOUT_MS = 600_000;
/** Calls go on this long after the outbox is empty: the same figures without a drain, for comparison. */
const IDLE_MS = 10_000;

let broker: Broker | null = null;

/**
 * docs/sync.md "days offline with 100,000 pending rows must not slow the UI": a
 * host (createHost, backend.transport "amqp") starts on a data dir holding
 * 100,000 pending outbox rows and drains them to a private RabbitMQ on
 * loopback, while contract calls go through `host.router` — the path IPC
 * takes — at a steady rate. Latency is each call's, from when it was due (as an IPC
 * message arriving then) to its answer; the drain is from `host.start()` to no pending row.
 */
/** The last run's latencies, for the chart. */
let lastLatencies: { drain: number[]; idle: number[] } | null = null;

export const contractWhileDrainingRow: BenchRow = {
  id: 'contract-while-draining',
  title: `${ROWS.toLocaleString('en')} pending rows: contract call latency while draining`,
  measures: `a router.call(session.get | devices.status) due every ${CALL_EVERY_MS} ms → its answer (a late timer, i.e. a blocked event loop, counts), from host.start() until the outbox is empty; then 10 s more with it empty (idle p99: the baseline on the same machine). About 1–2 min a run`,
  runs: 2,
  async setup() {
    broker = await startBroker('bench-ui');
    process.stderr.write(`  rabbitmq-server up in ${broker.startMs} ms\n`);
  },
  async run() {
    if (!broker) throw new Error('not set up');
    const url = broker.url;
    await resetBroker(url);
    const kiosk = openKiosk();
    let reader: Database.Database | null = null;
    let stopHost: (() => Promise<void>) | null = null;
    try {
      seedPending(kiosk.db, kiosk.store, ROWS);
      kiosk.db.close();
      const backend = { transport: 'amqp' as const, url, heartbeatSeconds: 30, confirmTimeoutMs: 10_000, declareTopology: true, queryTimeoutMs: 2000 };
      const host = await createHost({ dataDir: kiosk.dir, shell: 'chromium', configOverrides: { backend } });
      stopHost = () => host.stop();
      reader = new Database(path.join(kiosk.dir, 'kiosk.sqlite'), { readonly: true });
      // Through the partial pending index: one row read, not a count of 100,000.
      const anyPending = reader.prepare('SELECT 1 FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL LIMIT 1');
      let failed = 0;
      const started = process.hrtime.bigint();
      await host.start();
      let due = performance.now();
      let drainSeconds = 0;
      // Every call measured the same way while draining, then for IDLE_MS with the outbox empty (the same host on the same machine: the baseline).
      const drainLatencies: number[] = [];
      const idleLatencies: number[] = [];
      let drained: bigint | null = null;
      for (let i = 0; drained === null || msSince(drained) < IDLE_MS; i++) {
        if (drained === null && msSince(started) > DRAIN_TIMEOUT_MS) throw new Error(`outbox not drained in ${DRAIN_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        const r = await host.router.call(CALLS[i % CALLS.length] ?? 'session.get', {}, { shell: 'chromium' });
        // From when the call was due, as an IPC message arriving then would wait: a blocked event loop counts.
        (drained === null ? drainLatencies : idleLatencies).push(performance.now() - due);
        if (!r.ok) failed++;
        due = Math.max(due + CALL_EVERY_MS, performance.now());
        if (drained === null && anyPending.get() === undefined) {
          drained = process.hrtime.bigint();
          drainSeconds = msSince(started) / 1000;
        }
      }
      if (failed > 0) throw new Error(`${failed} contract calls failed`);
      lastLatencies = { drain: drainLatencies, idle: idleLatencies };
      return [
        { name: 'p99', value: percentile(drainLatencies, 99), unit: 'ms', target: { op: '<', value: 50 } },
        { name: 'p50', value: percentile(drainLatencies, 50), unit: 'ms' },
        { name: 'max', value: Math.max(...drainLatencies), unit: 'ms' },
        { name: 'calls', value: drainLatencies.length, unit: '' },
        { name: 'idle p99', value: percentile(idleLatencies, 99), unit: 'ms' },
        { name: 'idle max', value: Math.max(...idleLatencies), unit: 'ms' },
        { name: 'drain', value: drainSeconds, unit: 's' },
        { name: 'drain rows/s', value: ROWS / drainSeconds, unit: '/s' },
      ];
    } finally {
      reader?.close();
      await stopHost?.();
      kiosk.close();
    }
  },
  charts() {
    if (!lastLatencies) return [];
    return [
      {
        kind: 'distribution',
        id: 'contract-while-draining',
        title: `Contract call latency while ${ROWS.toLocaleString('en')} rows drain`,
        unit: 'ms',
        samples: lastLatencies.drain,
      },
      { kind: 'distribution', id: 'contract-idle', title: 'Contract call latency, outbox empty (baseline)', unit: 'ms', samples: lastLatencies.idle },
    ];
  },
  async teardown() {
    const running = broker;
    broker = null;
    await running?.dispose();
  },
};
