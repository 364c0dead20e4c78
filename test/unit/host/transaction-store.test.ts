import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { openPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { TransactionError, TransactionStore } from '../../../electron/host/transactions/transaction-store';
import type { OutboxLeg } from '../../../electron/host/transactions/outbox-payloads';
import { PERSON_ID, collection, issue, issueLegs } from './transaction-fixtures';

const open: Array<{ db: Db; dir: string }> = [];
function setup(): { db: Db; store: TransactionStore } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-tx-'));
  const db = openDatabase(dir);
  open.push({ db, dir });
  return { db, store: new TransactionStore(db, openPiiCipher(dir)) };
}
afterEach(() => {
  for (const { db, dir } of open.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('createTransaction: the transaction and its outbox rows commit together', () => {
  it('stores one row per authority leg, sharing the transaction id, in state created', () => {
    const { db, store } = setup();
    const { id, outboxIds } = store.createTransaction(issue(), issueLegs());
    expect(outboxIds).toHaveLength(2);
    const tx = store.get(id);
    expect(tx).toMatchObject({ kind: 'invoiceIssue', state: 'created', nationalFen: 30_000, localFen: 16_800, payableFen: 46_800 });
    const rows = db.prepare('SELECT transaction_id, authority, kind, payload, attempts, sent_at FROM outbox ORDER BY id').all() as Array<
      Record<string, unknown>
    >;
    expect(rows.map((r) => [r.transaction_id, r.authority, r.kind, r.attempts, r.sent_at])).toEqual([
      [id, 'national', 'invoice.issue', 0, null],
      [id, 'local', 'invoice.issue', 0, null],
    ]);
    expect(JSON.parse(String(rows[0]?.payload))).toMatchObject({ schemaVersion: 1, transactionId: id, lines: [{ item: 'vat', fen: 30_000 }] });
  });

  it('leaves nothing behind when the outbox insert fails after the transaction insert', () => {
    const { db, store } = setup();
    // Injected failure: the transaction row is already inserted when the first outbox row is refused.
    db.exec("CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    expect(() => store.createTransaction(issue(), issueLegs())).toThrow(/injected failure/);
    expect(count(db, 'transactions')).toBe(0);
    expect(count(db, 'outbox')).toBe(0);
    db.exec('DROP TRIGGER fail_outbox');
    // A failure on the SECOND leg (duplicate authority+kind) also rolls back the first.
    const legs = issueLegs();
    expect(() => store.createTransaction(issue(), [legs[0]!, legs[0]!])).toThrow(/UNIQUE/);
    expect(count(db, 'transactions')).toBe(0);
    expect(count(db, 'outbox')).toBe(0);
  });

  it('refuses bad payloads before writing anything, without echoing the ID number', () => {
    const { db, store } = setup();
    const withName = { ...collection(), payload: { ...collection().payload, buyerName: '张三' } } as unknown as ReturnType<typeof collection>;
    expect(() => store.createTransaction(withName, [])).toThrow(TransactionError);
    const vatOnLocal = issueLegs().map((l) => ({ ...l, authority: 'local' })) as unknown as OutboxLeg[];
    expect(() => store.createTransaction(issue(), vatOnLocal)).toThrow(/vat do not belong to the local authority/);
    const selfTaxpayer = { ...collection(), taxpayerId: PERSON_ID };
    let message = '';
    try {
      store.createTransaction(selfTaxpayer, []);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/pass null/);
    expect(message).not.toContain(PERSON_ID);
    expect(count(db, 'transactions')).toBe(0);
  });

  it('has SQLite itself refuse a plaintext ID number in the encrypted column', () => {
    const { db } = setup();
    const insert = () =>
      db
        .prepare(
          `INSERT INTO transactions (id, kind, state, taxpayer_id, person_id_cipher, person_id_hash, national_fen, local_fen, payable_fen, payload, created_at, updated_at)
           VALUES ('X', 'iitCertificate', 'created', NULL, ?, 'h1:00', 0, 0, 0, '{"schemaVersion":1}', 'now', 'now')`,
        )
        .run(PERSON_ID);
    expect(insert).toThrow(/CHECK constraint/);
  });
});

describe('transitions are guarded', () => {
  it('moves along the service path and refuses a move from an unexpected state', () => {
    const { store } = setup();
    const { id } = store.createTransaction(issue(), []);
    store.transition(id, { from: 'created', to: 'paymentPending' });
    expect(() => store.transition(id, { from: 'created', to: 'paymentPending' })).toThrow(expect.objectContaining({ code: 'unexpectedState' }));
    expect(() => store.transition(id, { from: 'paymentPending', to: 'printing' })).toThrow(expect.objectContaining({ code: 'notAllowed' }));
    store.transition(id, { from: 'paymentPending', to: 'paid' });
    store.transition(id, { from: 'paid', to: 'printing' });
    store.transition(id, { from: 'printing', to: 'printed' });
    const done = store.transition(id, { from: 'printed', to: 'completed', legs: issueLegs() });
    expect(done.state).toBe('completed');
    expect(store.pendingOutbox({ authority: 'national', limit: 10 }).map((r) => r.transactionId)).toEqual([id]);
    expect(() => store.transition(id, { from: 'completed', to: 'needsAttention' })).toThrow(expect.objectContaining({ code: 'notAllowed' }));
  });

  it('refuses an invoice issue without payment and a collection through payment', () => {
    const { store } = setup();
    const paid = store.createTransaction(issue(), []);
    expect(() => store.transition(paid.id, { from: 'created', to: 'printing' })).toThrow(expect.objectContaining({ code: 'notAllowed' }));
    const free = store.createTransaction(collection(), []);
    expect(() => store.transition(free.id, { from: 'created', to: 'paymentPending' })).toThrow(expect.objectContaining({ code: 'notAllowed' }));
    expect(() => store.transition('01ARZ3NDEKTSV4RRFFQ69G5FAV', { from: 'created', to: 'printing' })).toThrow(expect.objectContaining({ code: 'notFound' }));
  });

  it("finds a person's transactions by the keyed hash and decrypts the number only when asked", () => {
    const { store } = setup();
    const { id } = store.createTransaction(collection(), []);
    store.createTransaction(collection(3, '370102196005150024'), []);
    expect(store.findByPerson(PERSON_ID.toLowerCase()).map((t) => t.id)).toEqual([id]);
    expect(store.revealPersonIdNumber(id)).toBe(PERSON_ID);
    expect(store.listOpen().length).toBe(2);
  });
});

describe('pendingOutbox pages per authority in creation order', () => {
  it('walks every pending row of one authority once, in order, skipping sent and parked rows', () => {
    const { db, store } = setup();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push(store.createTransaction(issue(1_030_000 + i), issueLegs(1_030_000 + i)).id);
    db.prepare("UPDATE outbox SET sent_at = 'x' WHERE transaction_id = ? AND authority = 'national'").run(created[1]);
    db.prepare("UPDATE outbox SET dead_at = 'x' WHERE transaction_id = ? AND authority = 'national'").run(created[4]);

    const seen: string[] = [];
    let afterId: string | null = null;
    let pages = 0;
    for (;;) {
      const page = store.pendingOutbox({ authority: 'national', limit: 2, afterId });
      if (page.length === 0) break;
      pages++;
      for (const row of page) {
        expect(row.authority).toBe('national');
        expect(row.payload.schemaVersion).toBe(1);
        seen.push(row.transactionId);
      }
      afterId = page[page.length - 1]!.id;
    }
    expect(seen).toEqual(created.filter((_, i) => i !== 1 && i !== 4));
    expect(pages).toBe(3);
    expect(store.pendingOutbox({ authority: 'local', limit: 100 }).map((r) => r.transactionId)).toEqual(created);
  });
});
