import { DeliveryLoop } from '../../../electron/host/sync/delivery-loop';
import { QUEUES } from '../../../electron/host/sync/topology';
import { openKiosk, resetBroker, withChannel } from '../../integration/sync-helpers';
import { startCluster, type Broker, type BrokerCluster } from '../../support/rabbitmq';
import type { BenchRow } from '../bench-types';
import { msSince } from '../stats';
import { seedPending } from '../../support/outbox-seed';

const ROWS = 10_000;
const FAILOVER_ROWS = 4_000;
const DRAIN_TIMEOUT_MS = 300_000;

let cluster: BrokerCluster | null = null;

/**
 * The outbox-drain row against a three-node RabbitMQ cluster on loopback
 * (test/support/rabbitmq.ts startCluster; quorum queues replicated to all
 * three): the same loop and options, given the three nodes' URLs. Read it
 * beside `outbox-drain` (one node) — `npm run bench -- --only
 * outbox-drain,outbox-drain-cluster` — for what replication costs.
 *
 * Then the failover: a second outbox draining, the national queue's leader
 * killed (SIGKILL of its Erlang VM) once a quarter of it is sent; the figure
 * is the gap between the last publisher confirm before the kill and the first
 * one after it (the kiosk noticing, moving to the next node, the cluster
 * electing a new leader). The killed node is started again for the next run.
 */
export const outboxDrainClusterRow: BenchRow = {
  id: 'outbox-drain-cluster',
  title: 'outbox drain to a 3-node RabbitMQ cluster, and failover',
  measures: `DeliveryLoop.start() with ${ROWS.toLocaleString('en')} pending rows → last row confirmed by the cluster; failover: last confirm before SIGKILL of the queue leader → first confirm after`,
  runs: 1,
  async setup() {
    cluster = await startCluster('bench', 3);
    process.stderr.write(`  three-node cluster up in ${cluster.startMs} ms\n`);
  },
  async run() {
    if (!cluster) throw new Error('not set up');
    const drain = await drainOnce(cluster);
    const failover = await failoverOnce(cluster);
    return [
      { name: 'messages/s', value: ROWS / drain.seconds, unit: '/s' },
      { name: 'drain', value: drain.seconds, unit: 's' },
      { name: 'retries', value: drain.retries, unit: '' },
      { name: 'failover', value: failover.gapMs, unit: 'ms' },
      { name: 'duplicates', value: failover.duplicates, unit: '' },
    ];
  },
  async teardown() {
    const running = cluster;
    cluster = null;
    await running?.dispose();
  },
};

async function drainOnce(c: BrokerCluster): Promise<{ seconds: number; retries: number }> {
  await resetBroker(c.nodes[0]?.url ?? '');
  const kiosk = openKiosk();
  let loop: DeliveryLoop | null = null;
  try {
    seedPending(kiosk.db, kiosk.store, ROWS);
    let sent = 0;
    let retries = 0;
    let finished: () => void = () => undefined;
    const allSent = new Promise<void>((resolve) => (finished = resolve));
    loop = new DeliveryLoop({
      db: kiosk.db,
      appId: 'KIOSK-BENCH-0001',
      publisher: { url: c.urls, heartbeatSeconds: 30, confirmTimeoutMs: 10_000, declareTopology: true },
      onEvent: (event) => {
        if (event.type === 'sent') sent += event.count;
        if (event.type === 'retry') retries++;
        if (sent >= ROWS) finished();
      },
    });
    const started = process.hrtime.bigint();
    loop.start();
    await bounded(allSent, () => `only ${sent} of ${ROWS} rows sent`);
    const seconds = msSince(started) / 1000;
    await loop.stop();
    const queued = await withChannel(
      c.nodes[0]?.url ?? '',
      async (ch) => (await ch.checkQueue(QUEUES.national.queue)).messageCount + (await ch.checkQueue(QUEUES.local.queue)).messageCount,
    );
    if (queued !== ROWS) throw new Error(`${queued} messages in the queues, wanted ${ROWS}`);
    return { seconds, retries };
  } finally {
    await loop?.stop();
    kiosk.close();
  }
}

async function failoverOnce(c: BrokerCluster): Promise<{ gapMs: number; duplicates: number }> {
  await resetBroker(c.nodes[0]?.url ?? '');
  const leader = await c.leaderOf(QUEUES.national.queue);
  const survivor = c.nodes.find((n) => n !== leader) as Broker;
  const kiosk = openKiosk();
  let loop: DeliveryLoop | null = null;
  try {
    seedPending(kiosk.db, kiosk.store, FAILOVER_ROWS);
    const confirms: number[] = [];
    let sent = 0;
    let killedAt = Number.POSITIVE_INFINITY;
    let kill: () => void = () => undefined;
    const quarter = new Promise<void>((resolve) => (kill = resolve));
    let finished: () => void = () => undefined;
    const allSent = new Promise<void>((resolve) => (finished = resolve));
    loop = new DeliveryLoop({
      db: kiosk.db,
      appId: 'KIOSK-BENCH-0001',
      publisher: { url: c.urls, heartbeatSeconds: 30, confirmTimeoutMs: 10_000, declareTopology: true },
      onEvent: (event) => {
        if (event.type !== 'sent') return;
        confirms.push(Date.now());
        sent += event.count;
        if (sent >= FAILOVER_ROWS / 4) kill();
        if (sent >= FAILOVER_ROWS) finished();
      },
    });
    loop.start();
    await bounded(quarter, () => `only ${sent} rows sent before the kill`);
    killedAt = Date.now();
    await leader.kill();
    await bounded(allSent, () => `only ${sent} of ${FAILOVER_ROWS} rows sent after the kill`);
    await loop.stop();
    const before = Math.max(...confirms.filter((t) => t <= killedAt));
    const after = Math.min(...confirms.filter((t) => t > killedAt));
    const queued = await withChannel(
      survivor.url,
      async (ch) => (await ch.checkQueue(QUEUES.national.queue)).messageCount + (await ch.checkQueue(QUEUES.local.queue)).messageCount,
    );
    if (queued < FAILOVER_ROWS) throw new Error(`${queued} messages in the queues, wanted at least ${FAILOVER_ROWS}`);
    return { gapMs: after - before, duplicates: queued - FAILOVER_ROWS };
  } finally {
    await loop?.stop();
    kiosk.close();
    await leader.start();
  }
}

async function bounded(promise: Promise<void>, what: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what()} in ${DRAIN_TIMEOUT_MS} ms`)), DRAIN_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}
