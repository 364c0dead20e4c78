import type { Message } from 'amqplib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUEUES } from '../../electron/host/sync/topology';
import type { DeliveryEvent } from '../../electron/host/sync/delivery-loop';
import type { Authority } from '../../electron/host/transactions/outbox-payloads';
import { delay, startBroker, type Broker } from '../support/rabbitmq';
import { addIssues, countUnsent, drainQueue, openKiosk, outboxRows, resetBroker, testLoop, waitFor, withChannel, type Kiosk } from './sync-helpers';

/**
 * Broker faults against a real RabbitMQ: stopped and restarted in the middle
 * of a large delivery, and frozen so that a publisher confirm never arrives.
 * What must hold: every row arrives, duplicates are only the same message id
 * again, order per authority holds, nothing is marked sent without a confirm.
 */
let broker: Broker;
let kiosk: Kiosk;

beforeAll(async () => {
  broker = await startBroker('faults');
  console.info(`rabbitmq-server up in ${broker.startMs} ms (${broker.url})`);
}, 120_000);
afterAll(async () => {
  await broker?.dispose();
}, 60_000);
beforeEach(async () => {
  await resetBroker(broker.url);
  kiosk = openKiosk();
});
afterEach(() => {
  broker.resume(); // never leave a frozen broker behind a failed test
  kiosk.close();
});

/** Per authority: every row arrived, duplicates are byte-identical redeliveries, first arrivals in creation order. */
function expectExactlyOnceInOrder(messages: Record<Authority, Message[]>): void {
  const rows = outboxRows(kiosk.db);
  for (const authority of ['national', 'local'] as const) {
    const expected = rows.filter((r) => r.authority === authority).map((r) => r.id);
    const firstSeen: string[] = [];
    const bodies = new Map<string, string>();
    for (const m of messages[authority]) {
      const id = String(m.properties.messageId);
      const body = m.content.toString('utf8');
      const earlier = bodies.get(id);
      if (earlier === undefined) {
        bodies.set(id, body);
        firstSeen.push(id);
      } else {
        expect(body, `duplicate ${id} is the same message`).toBe(earlier);
      }
    }
    expect(firstSeen.length, `${authority}: distinct ids = rows`).toBe(expected.length);
    expect(firstSeen, `${authority}: first arrivals in creation order`).toEqual(expected);
  }
}

async function drainBoth(): Promise<Record<Authority, Message[]>> {
  return { national: await drainQueue(broker.url, QUEUES.national.queue), local: await drainQueue(broker.url, QUEUES.local.queue) };
}

describe('broker faults', () => {
  it('(1) 1,000 rows pending while the broker is down, stopped again mid-delivery and restarted: all arrive, once each by id, in order', async () => {
    await broker.stopNode();
    addIssues(kiosk.store, 500);
    expect(countUnsent(kiosk.db)).toBe(1000);

    const events: DeliveryEvent[] = [];
    let sent = 0;
    let sentWhenStopped: number | null = null;
    const onEvent = (event: DeliveryEvent): void => {
      events.push(event);
      if (event.type !== 'sent') return;
      sent += event.count;
      if (sentWhenStopped === null && sent >= 200) {
        sentWhenStopped = sent;
        broker.pause(); // frozen at once: the stop below cannot come too late
      }
    };
    // Small pages, so the freeze lands in the middle of the delivery.
    const loop = testLoop(kiosk.db, broker.url, { window: 20, onEvent });
    loop.start();
    try {
      await waitFor(() => events.some((e) => e.type === 'connectFailed'), 10_000, 'the loop to find the broker down');
      expect(countUnsent(kiosk.db)).toBe(1000);

      await broker.start();
      await waitFor(() => sentWhenStopped !== null, 30_000, '200 rows sent');
      await broker.stopNode(); // graceful stop of the frozen broker (SIGTERM + SIGCONT)
      const unsentWhileDown = countUnsent(kiosk.db);
      expect(unsentWhileDown).toBeGreaterThan(0);
      expect(unsentWhileDown).toBeLessThan(1000);

      await broker.start();
      await waitFor(() => countUnsent(kiosk.db) === 0, 60_000, 'every row sent after the restart');
    } finally {
      await loop.stop();
    }
    expect(outboxRows(kiosk.db).every((r) => r.dead_at === null)).toBe(true);
    expect(events.some((e) => e.type === 'disconnected' || e.type === 'retry')).toBe(true);
    expectExactlyOnceInOrder(await drainBoth());
  }, 150_000);

  it('(5) a confirm that never arrives (broker frozen): the row stays pending, the loop drops the link and delivers once the broker is back', async () => {
    const events: DeliveryEvent[] = [];
    const loop = testLoop(kiosk.db, broker.url, {}, events);
    loop.start();
    try {
      await waitFor(() => events.some((e) => e.type === 'connected'), 10_000, 'the first connection');
      broker.pause(); // SIGSTOP: the socket stays open, nothing answers, not even heartbeats
      addIssues(kiosk.store, 2);
      await waitFor(() => events.find((e) => e.type === 'retry' && /no publisher confirm within 1500 ms/.test(e.error)), 10_000, 'the confirm timeout');
      await waitFor(() => events.find((e) => e.type === 'connectFailed'), 10_000, 'a reconnect attempt that times out');
      const during = outboxRows(kiosk.db);
      expect(during.every((r) => r.sent_at === null && r.dead_at === null)).toBe(true);
      expect(during.find((r) => r.attempts > 0)?.last_error).toMatch(/unknown: no publisher confirm/);

      broker.resume();
      await waitFor(() => countUnsent(kiosk.db) === 0, 30_000, 'delivery after the broker is back');
    } finally {
      await loop.stop();
    }
    expect(events.some((e) => e.type === 'disconnected' && /no publisher confirm/.test(e.error))).toBe(true);
    expectExactlyOnceInOrder(await drainBoth());
  }, 60_000);

  it('(6) a queue that answers only basic.nack: the loop drops that link for a fresh one, and delivers once the queue takes messages again', async () => {
    // A full queue that rejects publishes stands in for the link a killed quorum leader leaves behind,
    // which nacks every publish while a new channel is confirmed (docs/broker-cluster.md).
    await broker.ctl(
      'set_policy',
      '--apply-to',
      'queues',
      'full',
      `^${QUEUES.national.queue.replace(/\./g, '\\.')}$`,
      '{"max-length":1,"overflow":"reject-publish"}',
    );
    await waitFor(
      async () => (await broker.ctl('list_queues', '--quiet', '--no-table-headers', 'name', 'policy')).includes(`${QUEUES.national.queue}\tfull`),
      20_000,
      'the policy on the queue',
    );
    // Over its limit before the kiosk connects: a quorum queue learns it is full after the fact.
    await withChannel(broker.url, async (ch) => {
      for (let i = 0; i < 3; i++) ch.sendToQueue(QUEUES.national.queue, Buffer.from('filler'));
      await delay(500);
    });
    const events: DeliveryEvent[] = [];
    const loop = testLoop(
      kiosk.db,
      broker.url,
      { publisher: { url: broker.url, heartbeatSeconds: 30, confirmTimeoutMs: 1500, connectTimeoutMs: 2000, declareTopology: true, nackBreakMs: 1000 } },
      events,
    );
    try {
      addIssues(kiosk.store, 6);
      loop.start();
      const dropped = await waitFor(
        () => events.find((e) => e.type === 'disconnected' && /only basic\.nack/.test(e.error)),
        20_000,
        'the nacking link dropped',
      ).catch((error: unknown) => {
        console.info(JSON.stringify(events.slice(-6)), JSON.stringify(outboxRows(kiosk.db).map((r) => [r.authority, r.sent_at, r.last_error])));
        throw error;
      });
      expect(dropped).toMatchObject({ error: expect.stringContaining(' national.') });
      const during = outboxRows(kiosk.db).filter((r) => r.authority === 'national');
      expect(during.filter((r) => r.sent_at === null).length, 'national rows still pending').toBeGreaterThan(0);
      expect(during.some((r) => /nack/.test(r.last_error ?? ''))).toBe(true);
      await waitFor(() => events.filter((e) => e.type === 'connected').length > 1, 10_000, 'a fresh link');
      await broker.ctl('clear_policy', 'full');
      await waitFor(() => countUnsent(kiosk.db) === 0, 30_000, 'delivery once the queue takes messages');
    } finally {
      await loop.stop();
      await broker.ctl('clear_policy', 'full').catch(() => undefined);
    }
    const { national, local } = await drainBoth();
    expectExactlyOnceInOrder({ national: national.filter((m) => m.content.toString() !== 'filler'), local });
  }, 90_000);
});
