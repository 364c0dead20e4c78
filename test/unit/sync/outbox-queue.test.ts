import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { openPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../../electron/host/transactions/transaction-store';
import { addKioskOutbox } from '../../../electron/host/transactions/kiosk-outbox';
import { OutboxQueue } from '../../../electron/host/sync/outbox-queue';
import { issue, issueLegs } from '../host/transaction-fixtures';

const open: Array<{ db: Db; dir: string }> = [];
function setup(): { db: Db; store: TransactionStore; queue: OutboxQueue } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-outbox-'));
  const db = openDatabase(dir);
  open.push({ db, dir });
  return { db, store: new TransactionStore(db, openPiiCipher(dir)), queue: new OutboxQueue(db) };
}
afterEach(() => {
  for (const { db, dir } of open.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function addIssues(store: TransactionStore, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(...store.createTransaction(issue(), issueLegs()).outboxIds);
  return ids;
}
const T = new Date('2025-03-01T08:00:00.000Z');

describe('paging through a large outbox', () => {
  it('reads one page per authority from the head, in creation order, and moves on as rows are marked sent', () => {
    const { store, queue } = setup();
    const ids = addIssues(store, 250); // 500 rows, alternating national/local
    const national = ids.filter((_, i) => i % 2 === 0);
    const seen: string[] = [];
    for (let page = 0; page < 10; page++) {
      const rows = queue.head('national', 30);
      if (rows.length === 0) break;
      expect(rows.every((r) => r.authority === 'national')).toBe(true);
      seen.push(...rows.map((r) => r.id));
      queue.markSent(rows, T);
    }
    expect(seen).toEqual(national.slice(0, seen.length));
    expect(seen).toHaveLength(250);
    expect(queue.head('national', 30)).toEqual([]);
    expect(queue.head('local', 1000).map((r) => r.id)).toEqual(ids.filter((_, i) => i % 2 === 1));
  });

  it('reads the head through the partial pending index, never by scanning the table', () => {
    const { db } = setup();
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE authority = ? AND sent_at IS NULL AND dead_at IS NULL ORDER BY id LIMIT ?')
      .all('national', 10) as Array<{ detail: string }>;
    const details = plan.map((p) => p.detail).join(' | ');
    expect(details).toMatch(/USING (COVERING )?INDEX outbox_pending/);
    expect(details).not.toMatch(/TEMP B-TREE/); // no sort: the index is already in id order
    // One outbox (issue 18): the kiosk's own messages are rows of it, not a second table.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%outbox%'").all()).toEqual([{ name: 'outbox' }]);
  });

  it('merges kiosk rows (audit, config) into the same per-authority order by id', () => {
    const { db, store, queue } = setup();
    const [first] = addIssues(store, 1);
    const audit = addKioskOutbox(
      db,
      'audit.entry',
      { schemaVersion: 1, seq: 1, at: T.toISOString(), kind: 'k', actor: 'kiosk', data: {}, prevHash: '0'.repeat(64), hash: 'a'.repeat(64) },
      new Date(Date.now() + 1000),
    );
    const [third] = addIssues(store, 1);
    // Pending kiosk rows sort by their ULID (creation time) among the legs.
    const head = queue.head('national', 10);
    expect(head.map((r) => [r.transactionId === null ? 'kiosk' : 'leg', r.id])).toEqual(
      [
        ['leg', first],
        ['leg', third],
        ['kiosk', audit],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect(queue.head('national', 2)).toHaveLength(2);
    queue.markSent(head, T);
    expect(queue.head('national', 10)).toEqual([]);
  });

  it('never marks sent or fails a row that was parked meanwhile, and counts what waits', () => {
    const { store, queue } = setup();
    addIssues(store, 3);
    const [a, b, c] = queue.head('national', 10);
    if (!a || !b || !c) throw new Error('rows');
    queue.park(b, { attempts: 0, error: 'invalid payload: grossFen' }, T);
    expect(queue.markSent([a, b], T)).toBe(1);
    queue.recordFailure(c, { attempts: 1, nextAttemptAt: new Date(T.getTime() + 5000), error: 'unroutable: 312 NO_ROUTE' });
    queue.recordFailure(b, { attempts: 9, nextAttemptAt: T, error: 'should not land' });

    const status = queue.status(new Date(Date.parse(c.createdAt) + 90_000));
    expect(status.authorities[0]).toEqual({
      authority: 'national',
      pending: 1,
      oldestCreatedAt: c.createdAt,
      oldestAgeSeconds: 90,
      headAttempts: 1,
      nextAttemptAt: new Date(T.getTime() + 5000).toISOString(),
      lastError: 'unroutable: 312 NO_ROUTE',
    });
    expect(status.authorities[1]).toMatchObject({ authority: 'local', pending: 3 });
    expect(status.deadCount).toBe(1);
    expect(status.dead).toEqual([
      {
        id: b.id,
        transactionId: b.transactionId,
        authority: 'national',
        kind: 'invoice.issue',
        createdAt: b.createdAt,
        attempts: 0,
        deadAt: T.toISOString(),
        lastError: 'invalid payload: grossFen',
      },
    ]);

    // Retry: back in line ahead of the later row, attempts reset; only parked rows can be retried.
    expect(queue.retry(b.id, T)).toBe('retried');
    expect(queue.head('national', 10).map((r) => r.id)).toEqual([b.id, c.id]);
    expect(queue.head('national', 1)[0]).toMatchObject({ attempts: 0, lastError: 'invalid payload: grossFen' });
    expect(queue.retry(b.id, T)).toBe('notParked');
    expect(queue.retry(a.id, T)).toBe('notParked');
    expect(queue.retry('01ARZ3NDEKTSV4RRFFQ69G5FAV', T)).toBe('notFound');
  });
});
