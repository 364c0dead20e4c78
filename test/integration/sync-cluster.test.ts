import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../../electron/host/sync/delivery-loop';
import { seededShuffle } from '../../electron/host/sync/broker-rotation';
import { QUEUES } from '../../electron/host/sync/topology';
import { seedPending } from '../support/outbox-seed';
import { delay, startCluster, type Broker, type BrokerCluster } from '../support/rabbitmq';
import { countUnsent, drainQueue, openKiosk, resetBroker, testLoop, waitFor, type Kiosk } from './sync-helpers';

/**
 * The broker is a three-node RabbitMQ cluster (docs/broker-cluster.md): the
 * kiosk is given every node's URL and must ride through a node failing under
 * it. Each test seeds an outbox, lets the delivery loop drain it to the
 * cluster, breaks a node on the way, and then counts what the quorum queues
 * hold: every row at least once (none lost), and duplicates no more than the
 * rows that were in flight (unconfirmed) when a link broke — a row is
 * published again only when its confirm never came. One cluster for the file.
 */
const KIOSK_ID = 'KIOSK-TEST-0001'; // testLoop's appId: the seed of its node order
/** testLoop's window: rows of one authority in flight at once, so at most 2 × this per broken link. */
const WINDOW = 100;

let cluster: BrokerCluster;

beforeAll(async () => {
  cluster = await startCluster('cl', 3, (line) => console.info(line));
  console.info(`three-node cluster up in ${cluster.startMs} ms`);
  await resetBroker(cluster.nodes[0]?.url ?? '');
}, 420_000);
afterAll(async () => {
  await cluster?.dispose();
}, 120_000);

/** A node that answers AMQP now (the others may be stopped by a test that failed). */
async function running(): Promise<Broker> {
  for (const node of cluster.nodes) {
    try {
      await resetBroker(node.url);
      return node;
    } catch {
      // not this one
    }
  }
  throw new Error('no node of the cluster answers');
}

/** Brings every node back (a test that failed may have left one stopped or frozen). */
async function restoreAll(): Promise<void> {
  for (const node of cluster.nodes) {
    node.resume();
    try {
      await resetBroker(node.url);
    } catch {
      await node.start();
    }
  }
}

/** The node this kiosk's links try first: its seeded order over the cluster's URLs. */
function firstNodeOf(kioskId: string): Broker {
  const first = seededShuffle(
    cluster.nodes.map((n) => n.url),
    kioskId,
  )[0];
  const node = cluster.nodes.find((n) => n.url === first);
  if (!node) throw new Error('no first node');
  return node;
}

/** Every message id in both work queues, read from a running node. */
async function arrived(via: Broker): Promise<string[]> {
  const messages = [...(await drainQueue(via.url, QUEUES.national.queue, 60_000)), ...(await drainQueue(via.url, QUEUES.local.queue, 60_000))];
  return messages.map((m) => String(m.properties.messageId));
}

function pendingIds(kiosk: Kiosk): string[] {
  return (kiosk.db.prepare('SELECT id FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL').all() as { id: string }[]).map((r) => r.id);
}

/** None lost, and duplicates bounded by what broken links could have had in flight. */
function expectDelivered(ids: string[], got: string[], events: DeliveryEvent[]): { duplicates: number; breaks: number } {
  const unique = new Set(got);
  const missing = ids.filter((id) => !unique.has(id));
  expect(missing).toEqual([]);
  const duplicates = got.length - unique.size;
  const breaks = events.filter((e) => e.type === 'disconnected').length;
  expect(duplicates).toBeLessThanOrEqual(breaks * 2 * WINDOW);
  return { duplicates, breaks };
}

describe('a kiosk given a three-node cluster', () => {
  it('replicates the transaction queues to all three nodes (quorum queues)', async () => {
    const members = await cluster.membersOf([QUEUES.national.queue, QUEUES.local.queue]);
    expect(members.map((m) => m.length)).toEqual([3, 3]);
  }, 180_000);

  it('goes to a running node when the first one in its order is down, instead of waiting on the dead one', async () => {
    const dead = firstNodeOf(KIOSK_ID);
    await dead.stopNode();
    await running();
    const kiosk = openKiosk();
    const events: DeliveryEvent[] = [];
    const loop = testLoop(kiosk.db, cluster.urls, {}, events);
    try {
      const { pending } = seedPending(kiosk.db, kiosk.store, 200);
      const ids = pendingIds(kiosk);
      loop.start();
      await waitFor(() => countUnsent(kiosk.db) === 0, 20_000, 'every row confirmed with one node down');
      await loop.stop();
      const survivor = cluster.nodes.find((n) => n !== dead) as Broker;
      const got = await arrived(survivor);
      expect(got).toHaveLength(pending);
      expectDelivered(ids, got, events);
    } finally {
      await loop.stop();
      kiosk.close();
      await dead.start();
    }
  }, 240_000);

  for (const how of ['stop_app', 'SIGKILL'] as const) {
    it(`loses nothing when the national queue's leader is stopped (${how}) mid-drain, and resumes on the survivors`, async () => {
      await running();
      const kiosk = openKiosk();
      const events: DeliveryEvent[] = [];
      const confirms: number[] = [];
      const loop = testLoop(kiosk.db, cluster.urls, {
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'sent') confirms.push(Date.now());
        },
      });
      const leader = await cluster.leaderOf(QUEUES.national.queue);
      try {
        seedPending(kiosk.db, kiosk.store, 3000);
        const ids = pendingIds(kiosk);
        loop.start();
        await waitFor(() => countUnsent(kiosk.db) < 2400, 30_000, 'the drain under way');
        const stoppedAt = Date.now();
        if (how === 'stop_app') await leader.ctl('stop_app');
        else await leader.kill();
        const before = countUnsent(kiosk.db);
        await waitFor(() => countUnsent(kiosk.db) < before - 200, 30_000, 'delivery resumed on the survivors');
        await waitFor(() => countUnsent(kiosk.db) === 0, 60_000, 'every row confirmed');
        await loop.stop();
        const survivor = cluster.nodes.find((n) => n !== leader) as Broker;
        const got = await arrived(survivor);
        const { duplicates, breaks } = expectDelivered(ids, got, events);
        const lastBefore = Math.max(...confirms.filter((t) => t <= stoppedAt));
        const firstAfter = Math.min(...confirms.filter((t) => t > stoppedAt + 50));
        console.info(
          `${how} of the leader: ${got.length} messages for ${ids.length} rows, ${duplicates} duplicates over ${breaks} broken links; ` +
            `no confirm for ${firstAfter - lastBefore} ms`,
        );
      } finally {
        await loop.stop();
        kiosk.close();
        if (how === 'stop_app') await leader.ctl('start_app');
        else await leader.start();
        await restoreAll();
      }
    }, 400_000);
  }

  it('rides through its node frozen (SIGSTOP) longer than the heartbeat, then thawed', async () => {
    const frozen = firstNodeOf(KIOSK_ID);
    await running();
    const kiosk = openKiosk();
    const events: DeliveryEvent[] = [];
    const loop = testLoop(
      kiosk.db,
      cluster.urls,
      { publisher: { url: cluster.urls, heartbeatSeconds: 2, confirmTimeoutMs: 1500, connectTimeoutMs: 2000, declareTopology: true } },
      events,
    );
    try {
      seedPending(kiosk.db, kiosk.store, 3000);
      const ids = pendingIds(kiosk);
      loop.start();
      await waitFor(() => countUnsent(kiosk.db) < 2600, 30_000, 'the drain under way');
      frozen.pause();
      const before = countUnsent(kiosk.db);
      await waitFor(() => countUnsent(kiosk.db) < before - 200, 30_000, 'delivery going on elsewhere while the node is frozen');
      await delay(Math.max(0, 6000));
      frozen.resume();
      await waitFor(() => countUnsent(kiosk.db) === 0, 60_000, 'every row confirmed');
      await loop.stop();
      const got = await arrived(cluster.nodes.find((n) => n !== frozen) as Broker);
      expectDelivered(ids, got, events);
    } finally {
      frozen.resume();
      await loop.stop();
      kiosk.close();
      await restoreAll();
    }
  }, 240_000);

  it('delivers every row through a rolling restart of all three nodes', async () => {
    await running();
    const kiosk = openKiosk();
    const events: DeliveryEvent[] = [];
    const loop = testLoop(kiosk.db, cluster.urls, {}, events);
    try {
      seedPending(kiosk.db, kiosk.store, 4000);
      const ids = pendingIds(kiosk);
      loop.start();
      for (const node of cluster.nodes) {
        await node.stopNode();
        await node.start();
      }
      await waitFor(() => countUnsent(kiosk.db) === 0, 90_000, 'every row confirmed');
      await loop.stop();
      const got = await arrived(cluster.nodes[0] as Broker);
      const { duplicates, breaks } = expectDelivered(ids, got, events);
      console.info(`rolling restart: ${got.length} messages for ${ids.length} rows, ${duplicates} duplicates over ${breaks} broken links`);
    } finally {
      await loop.stop();
      kiosk.close();
      await restoreAll();
    }
  }, 600_000);
});
