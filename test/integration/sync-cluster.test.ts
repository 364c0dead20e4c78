import amqp from 'amqplib';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../../electron/host/sync/delivery-loop';
import { seededShuffle } from '../../electron/host/sync/broker-rotation';
import { AmqpRpcClient } from '../../electron/host/sync/rpc-client';
import { BackendError } from '../../shared/backend';
import { QUEUES } from '../../electron/host/sync/topology';
import {
  CONFIG_EXCHANGE,
  configBindingKeys,
  configQueueName,
  declareKioskConfigQueue,
  legacyConfigQueueName,
} from '../../electron/host/config/config-topology';
import { ConfigConsumer, type ConfigConsumerEvent } from '../../electron/host/config/config-consumer';
import { FLEET_QUEUE, declareFleetQueue } from '../../electron/host/fleet/fleet-topology';
import { seedPending } from '../support/outbox-seed';
import { delay, startCluster, type Broker, type BrokerCluster } from '../support/rabbitmq';
import { addIssues, countUnsent, drainQueue, openKiosk, resetBroker, testLoop, waitFor, withChannel, type Kiosk } from './sync-helpers';

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

/** Whether something accepts TCP connections on the port (the node's AMQP listener). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every message id in both work queues, read from a running node. */
async function arrived(via: Broker): Promise<string[]> {
  const messages = [...(await drainQueue(via.url, QUEUES.national.queue, 60_000)), ...(await drainQueue(via.url, QUEUES.local.queue, 60_000))];
  return messages.map((m) => String(m.properties.messageId));
}

/** A config push as `kioskctl config publish` makes it: confirmed by the broker before the link closes. */
async function publishConfirmed(url: string, routingKey: string, body: string): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(CONFIG_EXCHANGE, routingKey, Buffer.from(body), { persistent: true });
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

function pendingIds(kiosk: Kiosk): string[] {
  return (kiosk.db.prepare('SELECT id FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL').all() as { id: string }[]).map((r) => r.id);
}

/** None lost, and duplicates bounded by what broken links could have had in flight. */
function expectDelivered(ids: string[], got: string[], events: DeliveryEvent[], window = WINDOW): { duplicates: number; breaks: number } {
  const unique = new Set(got);
  const missing = ids.filter((id) => !unique.has(id));
  expect(missing).toEqual([]);
  const duplicates = got.length - unique.size;
  const breaks = events.filter((e) => e.type === 'disconnected').length;
  expect(duplicates).toBeLessThanOrEqual(breaks * 2 * window);
  return { duplicates, breaks };
}

describe('a kiosk given a three-node cluster', () => {
  it('replicates the transaction queues, a kiosk config queue and the fleet queue to all three nodes (quorum queues)', async () => {
    // As a kiosk and kioskctl declare them (declareTopology): a push or the fleet view outlives any one node.
    await withChannel(cluster.nodes[0]!.url, async (ch) => {
      await declareKioskConfigQueue(ch, { kioskId: KIOSK_ID, branchId: 'BRANCH-1' });
      await declareFleetQueue(ch);
    });
    const members = await cluster.membersOf([QUEUES.national.queue, QUEUES.local.queue, configQueueName(KIOSK_ID), FLEET_QUEUE]);
    expect(members.map((m) => m.length)).toEqual([3, 3, 3, 3]);
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
      // A small window: a slower drain, so the leader goes while rows are still pending even on a busy machine.
      const window = 20;
      const loop = testLoop(kiosk.db, cluster.urls, {
        window,
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'sent') confirms.push(Date.now());
        },
      });
      // Every replica up and caught up (the node the stop_app case restarted may still be replaying its
      // log; killing the leader then left the queue without a majority and nacking for minutes), then the leader.
      await cluster.awaitAllOnline([QUEUES.national.queue, QUEUES.local.queue]);
      const leader = await cluster.leaderOf(QUEUES.national.queue);
      // The kiosk keeps selling while the node goes: new rows every 20 ms, so some are pending whenever the stop lands.
      const produced: string[] = [];
      const producer = setInterval(() => produced.push(...addIssues(kiosk.store, 1)), 20);
      try {
        seedPending(kiosk.db, kiosk.store, 1000);
        const ids = pendingIds(kiosk);
        loop.start();
        await waitFor(() => countUnsent(kiosk.db) < 900, 60_000, 'the drain under way');
        let stoppedAt: number;
        if (how === 'stop_app') {
          // The CLI boots a VM of its own first: the node is stopped when its AMQP port refuses.
          const stopping = leader.ctl('stop_app');
          await waitFor(async () => !(await accepts(leader.port)), 180_000, 'the leader stopped');
          stoppedAt = Date.now();
          await stopping;
        } else {
          stoppedAt = Date.now();
          await leader.kill();
        }
        const pendingAtStop = countUnsent(kiosk.db);
        await delay(2000);
        clearInterval(producer);
        ids.push(...produced);
        expect(pendingAtStop, 'rows still pending when the leader went').toBeGreaterThan(0);
        await waitFor(() => countUnsent(kiosk.db) === 0, 120_000, 'every row confirmed on the survivors').catch((error: unknown) => {
          console.info(`${countUnsent(kiosk.db)} unsent; last events: ${JSON.stringify(events.slice(-8))}`);
          throw error;
        });
        await loop.stop();
        const survivor = cluster.nodes.find((n) => n !== leader) as Broker;
        const got = await arrived(survivor);
        const { duplicates, breaks } = expectDelivered(ids, got, events, window);
        expect(confirms.some((t) => t > stoppedAt)).toBe(true);
        const lastBefore = Math.max(...confirms.filter((t) => t <= stoppedAt));
        const firstAfter = Math.min(...confirms.filter((t) => t > stoppedAt + 50));
        console.info(
          `${how} of the leader with ${pendingAtStop} rows pending: ${got.length} messages for ${ids.length} rows, ` +
            `${duplicates} duplicates over ${breaks} broken links; ` +
            `no confirm for ${firstAfter - lastBefore} ms`,
        );
      } finally {
        clearInterval(producer);
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
      await waitFor(() => countUnsent(kiosk.db) < 2600, 60_000, 'the drain under way');
      frozen.pause();
      const atFreeze = countUnsent(kiosk.db);
      // Five heartbeats (2 s): the kiosk's link to it is long dead by the time it thaws.
      await delay(10_000);
      const atThaw = countUnsent(kiosk.db);
      frozen.resume();
      await waitFor(() => countUnsent(kiosk.db) === 0, 120_000, 'every row confirmed');
      await loop.stop();
      const got = await arrived(cluster.nodes.find((n) => n !== frozen) as Broker);
      const { duplicates, breaks } = expectDelivered(ids, got, events);
      // It noticed: the link to the frozen node broke (confirm timeout or heartbeat), and it connected again.
      expect(breaks).toBeGreaterThan(0);
      console.info(
        `SIGSTOP of the kiosk's node: ${atFreeze - atThaw} rows confirmed during the 10 s freeze; ` +
          `${got.length} messages for ${ids.length} rows, ${duplicates} duplicates over ${breaks} broken links`,
      );
    } finally {
      frozen.resume();
      await loop.stop();
      kiosk.close();
      await restoreAll();
    }
  }, 240_000);

  it('fails a query in flight at once when its node dies, and the next query goes to another node', async () => {
    await running();
    const appId = 'KIOSK-RPC-0001';
    const node = firstNodeOf(appId);
    // No backend consumer: a query waits for its full timeout unless the link breaks under it.
    const client = new AmqpRpcClient({ url: cluster.urls, appId, timeoutMs: 30_000, connectTimeoutMs: 3000 });
    try {
      const started = Date.now();
      const inFlight = client.call('audit.head', {}).then(
        () => null,
        (error: unknown) => error,
      );
      await delay(1000);
      await node.kill();
      const error = await inFlight;
      expect(error).toBeInstanceOf(BackendError);
      expect((error as BackendError).code).toBe('unreachable');
      const failedAfterMs = Date.now() - started;
      expect(failedAfterMs, 'failed long before its 30 s timeout').toBeLessThan(15_000);
      // The next query reaches a surviving node (and, with nobody answering, times out there: not "unreachable").
      // Right after the kill the query queue may still be homed on the dead node (a classic queue: "home node
      // is down" until the cluster drops it), which fails fast as unreachable: then the kiosk asks again.
      const next = await waitFor(
        async () => {
          const e = await client.call('audit.head', {}).then(
            () => null,
            (error: unknown) => error,
          );
          return (e as BackendError).code === 'timeout' ? e : undefined;
        },
        120_000,
        'a query that reached a surviving node',
      );
      expect((next as BackendError).code).toBe('timeout');
      console.info(`query in flight on a killed node refused after ${failedAfterMs} ms`);
    } finally {
      await client.close();
      await node.start();
      await restoreAll();
    }
  }, 300_000);

  it("moves an older build's config queue over once its node is back, without waiting for a reconnect", async () => {
    // An older build's config queue was classic: it lives on one node. With that node down the kiosk
    // cannot move what it holds; it must say so, consume on the replicated queue meanwhile, and try
    // again while its link stays up (a link that never breaks would otherwise strand the bundle).
    await running();
    const kiosk = { kioskId: 'KIOSK-LEGACY-0001', branchId: 'BRANCH-1' };
    const home = cluster.nodes.find((n) => n !== firstNodeOf(kiosk.kioskId)) as Broker;
    const legacy = legacyConfigQueueName(kiosk.kioskId);
    await withChannel(home.url, async (ch) => {
      await ch.assertExchange(CONFIG_EXCHANGE, 'topic', { durable: true });
      await ch.assertQueue(legacy, { durable: true });
      for (const key of configBindingKeys(kiosk)) await ch.bindQueue(legacy, CONFIG_EXCHANGE, key);
    });
    await publishConfirmed(home.url, `kiosk.${kiosk.kioskId}`, 'left in the old queue');
    await home.stopNode();
    const applied: string[] = [];
    const events: ConfigConsumerEvent[] = [];
    const consumer = new ConfigConsumer({
      url: cluster.urls,
      heartbeatSeconds: 5,
      kiosk,
      declareTopology: true,
      adoptRetryMs: 2000,
      apply: (bytes) => {
        applied.push(bytes.toString());
        return { outcome: 'refused', reason: 'malformed', detail: 'test', version: null, hash: '' };
      },
      onEvent: (event) => events.push(event),
    });
    try {
      consumer.start();
      const failed = await waitFor(() => events.find((e) => e.type === 'legacyQueueAdoptFailed'), 60_000, 'the move reported as failed');
      expect(JSON.stringify(failed)).toMatch(/down|inaccessible/);
      // Meanwhile pushes reach the kiosk through the replicated queue.
      await publishConfirmed((await running()).url, `kiosk.${kiosk.kioskId}`, 'pushed meanwhile');
      await waitFor(() => applied.includes('pushed meanwhile'), 30_000, 'a new push consumed').catch((error: unknown) => {
        console.info(`config consumer events: ${JSON.stringify(events)}; applied ${JSON.stringify(applied)}`);
        throw error;
      });
      const connects = events.filter((e) => e.type === 'connected').length;
      await home.start();
      await waitFor(() => applied.includes('left in the old queue'), 90_000, 'the old bundle moved over and consumed');
      // The moved bundle can be consumed before the move finishes (deleting the old queue): wait for its report.
      await waitFor(() => events.some((e) => e.type === 'legacyQueueAdopted'), 30_000, 'the move reported');
      expect(events).toContainEqual({ type: 'legacyQueueAdopted', moved: 1 });
      expect(events.filter((e) => e.type === 'connected').length, 'moved on the same link').toBe(connects);
      await withChannel(home.url, async (ch) => {
        await expect(ch.checkQueue(legacy)).rejects.toThrow(/NOT_FOUND/);
      });
    } finally {
      await consumer.stop();
      await restoreAll();
    }
  }, 300_000);

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
