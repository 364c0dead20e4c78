import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';
import { IntakeConsumer } from '../../backend/sandbox/amqp-intake';
import { RpcConsumer } from '../../backend/sandbox/amqp-rpc';
import { BankConsumer } from '../../backend/sandbox/amqp-bank';
import type { CommandIo } from '../../electron/kioskctl/command';
import { main } from '../../electron/kioskctl/main';
import type { CallTimingSummary } from '../../electron/kioskctl/commands/load-timings';
import { QUEUES } from '../../electron/host/sync/topology';
import { startConsole, type RunningConsole } from '../../backend/console/console';
import { delay, startCluster, type BrokerCluster } from '../support/rabbitmq';
import { resetBroker, waitFor } from './sync-helpers';

/**
 * Production's shape on a three-node cluster (docs/broker-cluster.md): a kiosk
 * (`kioskctl load --amqp` × 3, so its queries, outbox, config and heartbeat
 * links all ride the cluster), the sandbox backend (intake, query and bank
 * consumers) and the fleet console, all given the same three nodes. While the seeded load runs, each
 * node in turn is stopped, left down for a few visits, and started again,
 * waiting for the quorum queues to catch up between nodes as an operator
 * would. What a taxpayer would notice: a visit that fails, or a screen that
 * hangs. Neither may happen: every visit ends in an outcome the screens
 * explain (exit 0), no contract call waits longer than the kiosk's query
 * timeout, and every row the kiosk committed reaches the backend. The
 * console's own link loses its node too; it must still hear the kiosk after
 * the last restart.
 */
const SEED = '21';
/**
 * The kiosk's own bound on a backend query (kiosk.json backend.queryTimeoutMs
 * default, shared/config/local-config.ts): a call that took longer waited out
 * a query on a dead node, which is what a blocked screen is.
 */
const QUERY_TIMEOUT_MS = 8000;
const DOWN_MS = 4000;

let cluster: BrokerCluster;
let dir: string;
let backend: SandboxBackend;
let fleetConsole: RunningConsole;
let consoleLinks = 0;
const consumers: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  cluster = await startCluster('lc', 3, (line) => console.info(line));
  await resetBroker(cluster.nodes[0]?.url ?? '');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-load-cluster-'));
  backend = createSandboxBackend({ dbPath: path.join(dir, 'backend', 'sandbox-backend.sqlite'), paymentAutoConfirmMs: 500 });
  const intake = new IntakeConsumer({ url: cluster.urls, backend });
  const rpc = new RpcConsumer({ url: cluster.urls, backend });
  // As `npm run sandbox -- --amqp` runs it: the demo bank's receiver too, so 授权银行查询 gets the bank's answer.
  const bank = new BankConsumer({ url: cluster.urls, bankId: 'demo-bank', backend });
  for (const consumer of [intake, rpc, bank]) {
    consumer.start();
    consumers.push(consumer);
  }
  fleetConsole = await startConsole({
    amqpUrl: cluster.urls,
    dataDir: path.join(dir, 'console'),
    port: 0,
    sweepMs: 1000,
    log: (_level, message) => {
      if (message === 'broker link up') consoleLinks++;
    },
  });
}, 420_000);
afterAll(async () => {
  await fleetConsole?.close();
  await Promise.all(consumers.map((c) => c.stop()));
  backend?.close();
  await cluster?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

function kioskctlIo(stop: AbortSignal = new AbortController().signal): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: stop }, out, err };
}

describe('kioskctl load on a three-node cluster', () => {
  it('rides through a rolling restart of every node: no visit fails, no screen waits past the query timeout, every row delivered', async () => {
    const dataDir = path.join(dir, 'kiosk');
    const amqp = cluster.nodes.flatMap((n) => ['--amqp', n.url]);
    const stop = new AbortController();
    const load = kioskctlIo(stop.signal);
    const running = main(['load', '--visits', '100000', '--seed', SEED, ...amqp, '--data-dir', dataDir, '--json'], load.io);
    const committed = (): number => load.out.filter((l) => l.includes('"type":"committed"')).length;
    const downtimes: string[] = [];
    try {
      await waitFor(() => load.err.some((l) => l.includes('host ready')), 120_000, 'the kiosk host');
      await waitFor(() => committed() >= 5, 120_000, 'visits on the whole cluster');
      for (const node of cluster.nodes) {
        // As an operator must (docs/broker-cluster.md): the next node only once every replica caught up.
        await cluster.awaitAllOnline([QUEUES.national.queue, QUEUES.local.queue]);
        const before = committed();
        const started = Date.now();
        await node.stopNode();
        await delay(DOWN_MS);
        await node.start();
        downtimes.push(`${node.node.split('@')[0]} down ${Date.now() - started} ms, ${committed() - before} commits meanwhile`);
      }
      await cluster.awaitAllOnline([QUEUES.national.queue, QUEUES.local.queue]);
      const restartedAt = Date.now();
      const after = committed();
      await waitFor(() => committed() >= after + 5, 120_000, 'visits after the last restart');
      // The console heard the kiosk again after the last restart (heartbeats come every minute, and on changes).
      const heard = await waitFor(
        () => [...fleetConsole.fleet.kiosks.values()].find((k) => Date.parse(k.heartbeat.sentAt) > restartedAt),
        90_000,
        'a heartbeat at the console after the last restart',
      );
      console.info(
        `console: kiosk ${heard.heartbeat.kioskId} ${heard.health}, ${fleetConsole.ingest.stats.received} heartbeats in, ${consoleLinks} broker links`,
      );
      expect(consoleLinks, "the console's link moved to another node at least once").toBeGreaterThan(1);
    } catch (error) {
      stop.abort();
      await running.catch(() => undefined);
      console.info(`load output, last lines:\n${[...load.out.slice(-3), ...load.err.slice(-40)].join('\n')}`);
      throw error;
    } finally {
      stop.abort();
    }
    const code = await running;
    const summary = JSON.parse(load.out.find((l) => l.includes('"type":"summary"')) ?? '{}') as {
      visits: number;
      services: Record<string, Record<string, number>>;
      calls: CallTimingSummary;
    };
    console.info(`rolling restart under load: ${downtimes.join('; ')}`);
    console.info(`visits ${summary.visits}, outcomes ${JSON.stringify(summary.services)}, calls ${JSON.stringify(summary.calls)}`);
    expect(code, [...load.out.slice(-5), ...load.err.slice(-10)].join('\n')).toBe(0);
    expect(summary.calls.count).toBeGreaterThan(0);
    expect(summary.calls.maxMs, `slowest call: ${summary.calls.slowest ?? ''}`).toBeLessThan(QUERY_TIMEOUT_MS);
    // Every service ran and completed at least once across the restarts.
    for (const service of ['collection', 'issuance', 'certificate', 'credit']) expect(summary.services[service]?.completed ?? 0, service).toBeGreaterThan(0);

    // What the run left in its outbox goes now; then every row the kiosk wrote is in the backend's intake.
    let sync = { code: -1, out: [] as string[] };
    for (let attempt = 0; attempt < 10 && sync.code !== 0; attempt++) {
      const s = kioskctlIo();
      sync = { code: await main(['sync', '--once', ...amqp, '--data-dir', dataDir], s.io), out: [...s.out, ...s.err] };
    }
    expect(sync.code, sync.out.join('\n')).toBe(0);
    const kiosk = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    const all = kiosk.prepare('SELECT id, kind, sent_at, dead_at FROM outbox').all() as {
      id: string;
      kind: string;
      sent_at: string | null;
      dead_at: string | null;
    }[];
    kiosk.close();
    expect(all.filter((r) => r.sent_at === null || r.dead_at !== null).map((r) => r.id)).toEqual([]);
    const rows = all;
    await waitFor(
      () => {
        const sandbox = new Database(path.join(dir, 'backend', 'sandbox-backend.sqlite'), { readonly: true });
        try {
          const takenIn = new Set((sandbox.prepare('SELECT message_id FROM intake').all() as { message_id: string }[]).map((r) => r.message_id));
          return rows.every((r) => takenIn.has(r.id));
        } finally {
          sandbox.close();
        }
      },
      60_000,
      'every outbox row in the backend intake',
    );
    console.info(`${rows.length} outbox rows delivered and taken in (tax legs and the bank's messages)`);
  }, 900_000);
});
