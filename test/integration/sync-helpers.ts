import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import amqp, { type Message } from 'amqplib';
import { openDatabase, type Db } from '../../electron/host/db/database';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';
import { DeliveryLoop, type DeliveryEvent, type DeliveryLoopOptions } from '../../electron/host/sync/delivery-loop';
import { QUEUES, declareTopology } from '../../electron/host/sync/topology';
import { issue, issueLegs } from '../unit/host/transaction-fixtures';

/** A kiosk data dir with its database and transaction store (real SQLite, real schemas). */
export interface Kiosk {
  dir: string;
  db: Db;
  store: TransactionStore;
  close(): void;
}

export function openKiosk(): Kiosk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sync-'));
  const db = openDatabase(dir);
  return {
    dir,
    db,
    store: new TransactionStore(db, openPiiCipher(dir)),
    close() {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `n` invoice-issue transactions, each with a national and a local leg: 2n outbox rows. */
export function addIssues(store: TransactionStore, n: number, legs = issueLegs()): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(...store.createTransaction(issue(), legs).outboxIds);
  return ids;
}

export interface OutboxState {
  id: string;
  authority: string;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  dead_at: string | null;
}

/** The transaction legs (the kiosk's own rows, audit and config, go to other queues). */
export function outboxRows(db: Db): OutboxState[] {
  return db
    .prepare('SELECT id, authority, attempts, last_error, sent_at, dead_at FROM outbox WHERE transaction_id IS NOT NULL ORDER BY id')
    .all() as OutboxState[];
}

export function countUnsent(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
}

/** A loop with test-sized timings: confirms time out in 1.5 s, backoff from 100 ms capped at 1 s. */
export function testLoop(db: Db, url: string, overrides: Partial<DeliveryLoopOptions> = {}, events: DeliveryEvent[] = []): DeliveryLoop {
  return new DeliveryLoop({
    db,
    appId: 'KIOSK-TEST-0001',
    publisher: { url, heartbeatSeconds: 30, confirmTimeoutMs: 1500, connectTimeoutMs: 2000, declareTopology: true },
    idlePollMs: 100,
    rowBackoff: { baseMs: 100, capMs: 1000 },
    reconnectBackoff: { baseMs: 100, capMs: 1000 },
    onEvent: (event) => events.push(event),
    ...overrides,
  });
}

/** Declares the topology and empties every queue, so each test starts from a clean broker. */
export async function resetBroker(url: string): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    await declareTopology(channel);
    for (const { queue, dead } of Object.values(QUEUES)) {
      await channel.purgeQueue(queue);
      await channel.purgeQueue(dead);
    }
  } finally {
    await connection.close();
  }
}

/**
 * Everything in a queue, in queue order (the test is the consumer). Consumed
 * with auto-ack: basic.get on a quorum queue is one Raft round per message.
 */
export async function drainQueue(url: string, queue: string, timeoutMs = 30_000): Promise<Message[]> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    const { messageCount } = await channel.checkQueue(queue);
    if (messageCount === 0) return [];
    const out: Message[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${queue}: ${out.length} of ${messageCount} messages in ${timeoutMs} ms`)), timeoutMs);
      channel
        .consume(
          queue,
          (message) => {
            if (message === null) return;
            out.push(message);
            if (out.length === messageCount) {
              clearTimeout(timer);
              resolve();
            }
          },
          { noAck: true },
        )
        .catch(reject);
    });
    await channel.close();
    return out;
  } finally {
    await connection.close();
  }
}

/** Runs `fn` with a plain channel on its own connection. */
export async function withChannel<T>(url: string, fn: (channel: amqp.Channel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(url);
  // A refused operation (checkQueue on a queue not declared yet) closes the channel with an
  // 'error' event besides rejecting: without listeners that event is an uncaught exception.
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return await fn(channel);
  } finally {
    await connection.close();
  }
}

/** Polls `probe` every 50 ms until it answers something other than undefined, null or false. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 8000,
  what = 'a condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
