import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startConsole, type RunningConsole } from '../../../backend/console/console';
import { CONSOLE_QUEUE, declareConsoleQueue } from '../../../backend/console/ingest';
import { CONSOLE_DATABASE_FILE } from '../../../backend/console/store/console-db';
import { STATUS_EXCHANGE } from '../../../electron/host/fleet/fleet-topology';
import { resetBroker, withChannel } from '../../integration/sync-helpers';
import { heartbeat, withPaper } from '../../support/console-fixtures';
import { startBroker, type Broker } from '../../support/rabbitmq';
import type { BenchRow } from '../bench-types';
import { msSince, percentile } from '../stats';

const KIOSKS = 2000;
const ROUNDS = 10;
const MESSAGES = KIOSKS * ROUNDS;
const API_REQUESTS = 200;
const DRAIN_TIMEOUT_MS = 300_000;

let broker: Broker | null = null;

/**
 * The fleet console (backend/console) taking a backlog of heartbeats: 2,000
 * kiosks × 10 rounds queued on its own queue while it is down (some paper
 * low / out, some stale), then `startConsole` → the last one committed and
 * acked. 2,000 kiosks at 20× the real one-a-minute rate is ~670 messages/s,
 * the target. Then the overview's routes, answered with 2,000 kiosks known:
 * p95 of GET /api/summary and GET /api/kiosks (first page, worst first).
 */
export const consoleIngestRow: BenchRow = {
  id: 'console-ingest',
  title: 'fleet console: heartbeat ingest and overview API',
  measures: `startConsole() with ${MESSAGES.toLocaleString('en')} heartbeats of ${KIOSKS.toLocaleString('en')} kiosks queued → all committed and acked; then ${API_REQUESTS} GET /api/summary and /api/kiosks (bearer token)`,
  runs: 3,
  async setup() {
    broker = await startBroker('bench-console');
    process.stderr.write(`  rabbitmq-server up in ${broker.startMs} ms\n`);
  },
  async run() {
    if (!broker) throw new Error('not set up');
    const url = broker.url;
    await resetBroker(url);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-console-'));
    let running: RunningConsole | null = null;
    try {
      const base = Date.now() - ROUNDS * 6_000;
      await withChannel(url, async (ch) => {
        await declareConsoleQueue(ch);
        await ch.purgeQueue(CONSOLE_QUEUE);
        for (let round = 0; round < ROUNDS; round++) {
          for (let k = 0; k < KIOSKS; k++) {
            const id = `K-${String(k).padStart(5, '0')}`;
            const at = k % 50 === 0 ? new Date(base - 3_600_000) : new Date(base + round * 6_000);
            let beat = heartbeat(id, at, { branchId: `BRANCH-${String(k % 40).padStart(2, '0')}` });
            if (k % 17 === 0) beat = withPaper(beat, 'receipt', round % 2 === 0 ? 'low' : 'out');
            ch.publish(STATUS_EXCHANGE, `kiosk.${id}`, Buffer.from(JSON.stringify(beat)), { persistent: true });
          }
        }
        for (let i = 0; i < 100 && (await ch.checkQueue(CONSOLE_QUEUE)).messageCount < MESSAGES; i++) await new Promise((r) => setTimeout(r, 100));
      });
      const started = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      running = await startConsole({ amqpUrl: url, port: 0, dataDir: dir, sweepMs: 0, log: () => undefined });
      const console = running;
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (console.ingest.stats.received < MESSAGES) {
        if (Date.now() > deadline) throw new Error(`only ${console.ingest.stats.received} of ${MESSAGES} heartbeats taken`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const seconds = msSince(started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      if (console.fleet.kiosks.size !== KIOSKS) throw new Error(`${console.fleet.kiosks.size} kiosks known, wanted ${KIOSKS}`);

      const token = console.auth.createToken('viewer', 'bench');
      const latency = async (route: string): Promise<number> => {
        const samples: number[] = [];
        for (let i = 0; i < API_REQUESTS; i++) {
          const t = process.hrtime.bigint();
          const response = await fetch(new URL(route, console.url), { headers: { authorization: `Bearer ${token}` } });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`${route}: ${response.status}`);
          samples.push(msSince(t));
        }
        return percentile(samples, 95);
      };
      const summaryP95 = await latency('/api/summary');
      const listP95 = await latency('/api/kiosks?limit=100');
      const dbBytes = ['', '-wal'].reduce((sum, suffix) => {
        try {
          return sum + fs.statSync(path.join(dir, CONSOLE_DATABASE_FILE + suffix)).size;
        } catch {
          return sum;
        }
      }, 0);
      return [
        { name: 'heartbeats/s', value: MESSAGES / seconds, unit: '/s', target: { op: '>', value: 670 } },
        { name: 'CPU', value: (cpu.user + cpu.system) / 1000 / (MESSAGES / 1000), unit: 'ms/1k msgs' },
        { name: 'summary p95', value: summaryP95, unit: 'ms', target: { op: '<', value: 100 } },
        { name: 'kiosks p95', value: listP95, unit: 'ms', target: { op: '<', value: 100 } },
        { name: 'database', value: dbBytes / 1e6, unit: 'MB' },
        { name: 'RSS', value: process.memoryUsage().rss / 1e6, unit: 'MB' },
      ];
    } finally {
      await running?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  async teardown() {
    const running = broker;
    broker = null;
    await running?.dispose();
  },
};
