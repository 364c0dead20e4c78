import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { QUEUES, declareTopology, transactionQueueArguments } from '../../electron/host/sync/topology';
import type { DeliveryEvent } from '../../electron/host/sync/delivery-loop';
import { createHost } from '../../electron/host/host';
import { createLogger } from '../../electron/host/logger';
import { createHostDelivery } from '../../electron/host/sync/host-delivery';
import { LocalConfig } from '../../shared/config/local-config';
import { createSandboxBackend } from '../../backend/sandbox';
import { IntakeConsumer, type IntakeEvent } from '../../backend/sandbox/amqp-intake';
import { issueLegs } from '../unit/host/transaction-fixtures';
import { startBroker, MAX_MESSAGE_SIZE, type Broker } from '../support/rabbitmq';
import { addIssues, countUnsent, drainQueue, openKiosk, outboxRows, resetBroker, testLoop, waitFor, withChannel, type Kiosk } from './sync-helpers';

/**
 * The delivery loop against a real RabbitMQ (no broker mock anywhere): what
 * arrives, with which properties, in which order, and what happens to a row
 * the broker cannot route or keeps refusing, or whose payload is invalid.
 */
let broker: Broker;
let kiosk: Kiosk;

beforeAll(async () => {
  broker = await startBroker('delivery');
  console.info(`rabbitmq-server up in ${broker.startMs} ms (${broker.url})`);
}, 120_000);
afterAll(async () => {
  await broker?.dispose();
}, 60_000);
beforeEach(async () => {
  await resetBroker(broker.url);
  kiosk = openKiosk();
});
afterEach(() => kiosk.close());

async function kioskctl(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main([...args, '--data-dir', kiosk.dir], io);
  return { code, out, err };
}

describe('delivery to the backend queue', () => {
  it('publishes each leg to its authority in creation order, with the properties docs/sync.md lists, and marks it sent', async () => {
    const ids = addIssues(kiosk.store, 3);
    const result = await testLoop(kiosk.db, broker.url).deliverDueOnce();
    expect(result).toMatchObject({ sent: 6, failed: 0, parked: 0 });
    expect(countUnsent(kiosk.db)).toBe(0);

    const national = await drainQueue(broker.url, QUEUES.national.queue);
    const local = await drainQueue(broker.url, QUEUES.local.queue);
    const rows = outboxRows(kiosk.db);
    expect(national.map((m) => m.properties.messageId)).toEqual(rows.filter((r) => r.authority === 'national').map((r) => r.id));
    expect(local.map((m) => m.properties.messageId)).toEqual(rows.filter((r) => r.authority === 'local').map((r) => r.id));
    expect(new Set([...national, ...local].map((m) => m.properties.messageId))).toEqual(new Set(ids));

    const first = national[0];
    if (!first) throw new Error('nothing arrived');
    expect(first.fields.exchange).toBe('tax.transactions');
    expect(first.fields.routingKey).toBe('national.invoice.issue');
    expect(first.properties).toMatchObject({
      deliveryMode: 2,
      type: 'invoice.issue',
      appId: 'KIOSK-TEST-0001',
      contentType: 'application/json',
      headers: expect.objectContaining({ 'schema-version': 1 }),
    });
    expect(typeof first.properties.timestamp).toBe('number');
    const stored = kiosk.db.prepare('SELECT payload, transaction_id FROM outbox WHERE id = ?').get(first.properties.messageId) as {
      payload: string;
      transaction_id: string;
    };
    expect(first.content.toString('utf8')).toBe(stored.payload);
    expect(JSON.parse(stored.payload)).toMatchObject({ transactionId: stored.transaction_id, lines: [{ item: 'vat' }] });
  });

  it('(4) keeps an unroutable row pending — later rows of its authority wait behind it — and delivers after the topology is restored', async () => {
    await withChannel(broker.url, (ch) => ch.deleteQueue(QUEUES.national.queue));
    const ids = addIssues(kiosk.store, 2);
    const events: DeliveryEvent[] = [];
    // The operators own the topology here: the kiosk does not redeclare it on connect.
    const loop = testLoop(
      kiosk.db,
      broker.url,
      { publisher: { url: broker.url, heartbeatSeconds: 30, confirmTimeoutMs: 1500, connectTimeoutMs: 2000, declareTopology: false } },
      events,
    );
    loop.start();
    try {
      const [n1, n2] = outboxRows(kiosk.db).filter((r) => r.authority === 'national');
      if (!n1 || !n2) throw new Error('no national rows');
      // Returned (basic.return) → a failure: retried with backoff, several times, never parked.
      await waitFor(() => outboxRows(kiosk.db).find((r) => r.id === n1.id && r.attempts >= 3), 15_000, 'three unroutable attempts');
      const during = outboxRows(kiosk.db);
      const head = during.find((r) => r.id === n1.id);
      const behind = during.find((r) => r.id === n2.id);
      expect(head).toMatchObject({ sent_at: null, dead_at: null });
      // The later row is only ever tried together with (after) the head, never on its own ahead of it.
      expect(behind?.attempts ?? 0).toBeLessThanOrEqual(head?.attempts ?? 0);
      expect(head?.last_error).toMatch(/unroutable: 312 NO_ROUTE/);
      // The local authority is not held up by the national one.
      expect(during.filter((r) => r.authority === 'local').every((r) => r.sent_at !== null)).toBe(true);
      const status = await kioskctl('outbox', 'status', '--json');
      expect(JSON.parse(status.out[0] ?? '{}')).toMatchObject({
        authorities: [
          { authority: 'national', pending: 2, lastError: expect.stringMatching(/NO_ROUTE/) },
          { authority: 'local', pending: 0 },
        ],
        deadCount: 0,
      });

      await withChannel(broker.url, (ch) => declareTopology(ch));
      await waitFor(() => countUnsent(kiosk.db) === 0, 15_000, 'delivery after the queue is back');
    } finally {
      await loop.stop();
    }
    const national = await drainQueue(broker.url, QUEUES.national.queue);
    expect(national.map((m) => m.properties.messageId)).toEqual(
      outboxRows(kiosk.db)
        .filter((r) => r.authority === 'national')
        .map((r) => r.id),
    );
    expect(ids).toHaveLength(4);
    expect(events.some((e) => e.type === 'retry' && /NO_ROUTE/.test(e.error))).toBe(true);
  }, 60_000);

  it('(4) parks a schema-invalid row dead with its error, delivers the rest, and sends it after a technician fixes and retries it', async () => {
    addIssues(kiosk.store, 3);
    const national = outboxRows(kiosk.db).filter((r) => r.authority === 'national');
    const bad = national[1];
    if (!bad) throw new Error('no row');
    const original = (kiosk.db.prepare('SELECT payload FROM outbox WHERE id = ?').get(bad.id) as { payload: string }).payload;
    // A row damaged on disk (or written by a broken build): still JSON, no longer its schema. Such damage
    // comes from below SQLite's triggers (migration 7 refuses a content edit), so the test lifts that one.
    kiosk.db.exec('DROP TRIGGER IF EXISTS outbox_content_fixed');
    kiosk.db.prepare("UPDATE outbox SET payload = json_set(payload, '$.grossFen', -5) WHERE id = ?").run(bad.id);

    const once = await kioskctl('sync', '--once', '--amqp', broker.url, '--json');
    expect(once.code).toBe(1); // something is parked: not all clear
    expect(JSON.parse(once.out[0] ?? '{}')).toMatchObject({ sent: 5, parked: 1, pending: { national: 0, local: 0 }, dead: 1 });
    const status = await kioskctl('outbox', 'status');
    expect(status.code).toBe(0);
    const text = status.out.join('\n');
    expect(text).toContain(`dead: 1 row(s) parked`);
    expect(text).toContain(bad.id);
    expect(text).toMatch(/invalid payload: grossFen/);
    // The rows after the parked one went on, in order.
    const before = await drainQueue(broker.url, QUEUES.national.queue);
    expect(before.map((m) => m.properties.messageId)).toEqual([national[0]?.id, national[2]?.id]);

    // The technician repairs the row, then puts it back in line.
    kiosk.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(original, bad.id);
    const retry = await kioskctl('outbox', 'retry', bad.id);
    expect(retry.code).toBe(0);
    expect((await kioskctl('outbox', 'retry', bad.id)).code).toBe(2); // no longer parked
    expect((await kioskctl('outbox', 'retry', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).code).toBe(2);
    expect((await kioskctl('outbox', 'retry')).code).toBe(64);
    const again = await kioskctl('sync', '--once', '--amqp', broker.url, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out[0] ?? '{}')).toMatchObject({ sent: 1, parked: 0, dead: 0 });
    expect((await drainQueue(broker.url, QUEUES.national.queue)).map((m) => m.properties.messageId)).toEqual([bad.id]);
  });

  it('parks a row the broker keeps refusing (larger than its max message size) after the attempts allowed, then lets the next one go', async () => {
    // Valid by its schema, but over the broker's max_message_size: the broker closes the channel (406) over it.
    const vat = Array.from({ length: Math.ceil(MAX_MESSAGE_SIZE / 20) }, () => ({ item: 'vat' as const, fen: 1 }));
    const [nationalLeg] = issueLegs();
    if (!nationalLeg || nationalLeg.kind !== 'invoice.issue') throw new Error('fixture');
    addIssues(kiosk.store, 1, [{ ...nationalLeg, payload: { ...nationalLeg.payload, lines: vat } }]);
    addIssues(kiosk.store, 1, [nationalLeg]);
    const [huge, next] = outboxRows(kiosk.db);
    const events: DeliveryEvent[] = [];
    const loop = testLoop(kiosk.db, broker.url, { maxRefusals: 3 }, events);
    loop.start();
    try {
      await waitFor(() => countUnsent(kiosk.db) === 1 && outboxRows(kiosk.db).find((r) => r.dead_at !== null), 30_000, 'the huge row parked');
      await waitFor(
        () => countUnsent(kiosk.db) === 1 && outboxRows(kiosk.db).find((r) => r.id === next?.id && r.sent_at !== null),
        15_000,
        'the next row sent',
      );
    } finally {
      await loop.stop();
    }
    const parked = outboxRows(kiosk.db).find((r) => r.id === huge?.id);
    expect(parked).toMatchObject({ sent_at: null, attempts: 3 });
    expect(parked?.last_error).toMatch(/refused by the broker .*PRECONDITION_FAILED.*max size/i);
    expect(events.filter((e) => e.type === 'disconnected').length).toBeGreaterThanOrEqual(3); // the broker closed the channel each time
    const status = JSON.parse((await kioskctl('outbox', 'status', '--json')).out[0] ?? '{}');
    expect(status).toMatchObject({ deadCount: 1, dead: [{ id: huge?.id, authority: 'national', kind: 'invoice.issue', attempts: 3 }] });
    expect((await drainQueue(broker.url, QUEUES.national.queue)).map((m) => m.properties.messageId)).toEqual([next?.id]);
  }, 60_000);

  it("dead-letters a message its consumer rejects to the authority's dead queue (tax.dlx)", async () => {
    addIssues(kiosk.store, 1);
    await testLoop(kiosk.db, broker.url).deliverDueOnce();
    const national = outboxRows(kiosk.db).find((r) => r.authority === 'national');
    await withChannel(broker.url, async (ch) => {
      const message = await waitFor(() => ch.get(QUEUES.national.queue, { noAck: false }), 5000, 'the message');
      ch.nack(message, false, false); // what the consumer does with a poison message
      await waitFor(async () => (await ch.checkQueue(QUEUES.national.dead)).messageCount === 1, 5000, 'the dead letter');
    });
    const dead = await drainQueue(broker.url, QUEUES.national.dead);
    expect(dead.map((m) => m.properties.messageId)).toEqual([national?.id]);
    expect(transactionQueueArguments()).toMatchObject({
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': 'tax.dlx',
      'x-delivery-limit': expect.any(Number),
    });
  });

  it('the kiosk host delivers its outbox while it runs when kiosk.json says amqp (no broker loop in the sandbox mode)', async () => {
    expect(createHostDelivery(LocalConfig.parse({}).backend, 'K', kiosk.db, createLogger({ dataDir: kiosk.dir }))).toBeNull();
    addIssues(kiosk.store, 2);
    const backend = { transport: 'amqp' as const, url: broker.url, heartbeatSeconds: 30, confirmTimeoutMs: 2000, declareTopology: true, queryTimeoutMs: 8000 };
    const host = await createHost({ dataDir: kiosk.dir, shell: 'chromium', configOverrides: { backend } });
    await host.start();
    try {
      await waitFor(() => countUnsent(kiosk.db) === 0, 20_000, 'the host to deliver');
      addIssues(kiosk.store, 1); // written while it runs: picked up at the next poll
      await waitFor(() => countUnsent(kiosk.db) === 0, 20_000, 'the host to deliver the new rows');
    } finally {
      await host.stop();
    }
    const arrived = [...(await drainQueue(broker.url, QUEUES.national.queue)), ...(await drainQueue(broker.url, QUEUES.local.queue))];
    // The legs, each once. The kiosk's own rows (audit entries of the startup recovery's steps) went too (countUnsent above).
    const legs = arrived.filter((m) => !/\.(audit\.entry|config\.applied)$/.test(m.fields.routingKey));
    expect(new Set(legs.map((m) => m.properties.messageId))).toEqual(new Set(outboxRows(kiosk.db).map((r) => r.id)));
    expect(arrived.every((m) => m.properties.appId === host.config.kioskId)).toBe(true);
  }, 60_000);

  it('kioskctl sync --once says when the broker is unreachable (exit 3) or not configured (exit 64), and leaves the rows pending', async () => {
    addIssues(kiosk.store, 1);
    const down = await kioskctl('sync', '--once', '--amqp', 'amqp://guest:secret@127.0.0.1:1');
    expect(down.code).toBe(3);
    expect(down.err.join('\n')).toMatch(/unreachable/);
    expect(down.err.join('\n')).not.toContain('secret');
    const saved = process.env.KIOSK_AMQP_URL;
    delete process.env.KIOSK_AMQP_URL;
    try {
      const none = await kioskctl('sync', '--once');
      expect(none.code).toBe(64);
      expect(none.err.join('\n')).toMatch(/no broker/);
      process.env.KIOSK_AMQP_URL = broker.url;
      const viaEnv = await kioskctl('sync', '--once');
      expect(viaEnv.code).toBe(0);
      expect(viaEnv.out[0]).toMatch(/^sent 2, /);
    } finally {
      if (saved === undefined) delete process.env.KIOSK_AMQP_URL;
      else process.env.KIOSK_AMQP_URL = saved;
    }
    expect(countUnsent(kiosk.db)).toBe(0);
  });
});

describe('the sandbox backend as the consumer (npm run sandbox -- --amqp URL)', () => {
  it('applies each message once (manual acks, dedupe on message id), acks redelivered duplicates, dead-letters poison', async () => {
    addIssues(kiosk.store, 3);
    await testLoop(kiosk.db, broker.url).deliverDueOnce();
    const [firstNational] = outboxRows(kiosk.db).filter((r) => r.authority === 'national');
    if (!firstNational) throw new Error('rows');
    const stored = kiosk.db.prepare('SELECT payload FROM outbox WHERE id = ?').get(firstNational.id) as { payload: string };
    await withChannel(broker.url, async (ch) => {
      // The same message again (a kiosk that lost its "sent" mark), then a poison one.
      const properties = { persistent: true, messageId: firstNational.id, type: 'invoice.issue', contentType: 'application/json' };
      ch.publish('tax.transactions', 'national.invoice.issue', Buffer.from(stored.payload), properties);
      ch.publish('tax.transactions', 'national.invoice.issue', Buffer.from(JSON.stringify({ schemaVersion: 1, grossFen: -1 })), {
        ...properties,
        messageId: 'POISON-1',
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    });

    const sandbox = createSandboxBackend({ dbPath: path.join(kiosk.dir, 'sandbox-backend.sqlite') });
    const events: IntakeEvent[] = [];
    const consumer = new IntakeConsumer({ url: broker.url, backend: sandbox, prefetch: 4, onEvent: (e) => events.push(e) });
    consumer.start();
    try {
      await waitFor(
        () => events.filter((e) => e.type === 'accepted' || e.type === 'duplicate' || e.type === 'poison').length === 8,
        20_000,
        'eight messages handled',
      );
      expect(sandbox.intakeCounts()).toEqual({ national: 3, local: 3 });
      expect(events.filter((e) => e.type === 'duplicate').map((e) => 'messageId' in e && e.messageId)).toEqual([firstNational.id]);
      expect(events.find((e) => e.type === 'poison')).toMatchObject({
        messageId: 'POISON-1',
        authority: 'national',
        error: expect.stringMatching(/grossFen|invalid/i),
      });
      await waitFor(
        async () => (await withChannel(broker.url, (ch) => ch.checkQueue(QUEUES.national.dead))).messageCount === 1,
        5000,
        'the poison in the dead queue',
      );
    } finally {
      await consumer.stop();
      sandbox.close();
    }
    const dead = await drainQueue(broker.url, QUEUES.national.dead);
    expect(dead.map((m) => m.properties.messageId)).toEqual(['POISON-1']);
    // Everything else was acked: nothing left to deliver.
    const left = await withChannel(broker.url, async (ch) => [
      (await ch.checkQueue(QUEUES.national.queue)).messageCount,
      (await ch.checkQueue(QUEUES.local.queue)).messageCount,
    ]);
    expect(left).toEqual([0, 0]);
  }, 60_000);
});
