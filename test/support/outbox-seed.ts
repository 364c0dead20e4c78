import type { Db } from '../../electron/host/db/database';
import type { TransactionStore } from '../../electron/host/transactions/transaction-store';
import { addIssues } from '../integration/sync-helpers';

/**
 * Pending outbox rows for the 100k sync test and the bench's sync rows: one real issue transaction
 * (national + local leg) cloned `rows / 2` times in a single SQLite
 * transaction of prepared inserts, ids ordered as they were created, three
 * days old (a kiosk back online), their transactions completed.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose order is `n`'s order: fixed time part, `n` in the random part. */
function ulid(timeMs: number, n: number): string {
  let time = '';
  for (let t = timeMs, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let rest = '';
  for (let v = n, i = 0; i < 16; i++, v = Math.floor(v / 32)) rest = CROCKFORD[v % 32] + rest;
  return time + rest;
}

/** Inserts `rows` pending rows (half national, half local); returns the pending count and how long the inserts took. */
export function seedPending(db: Db, store: TransactionStore, rows: number): { pending: number; ms: number } {
  addIssues(store, 1);
  const template = db.prepare('SELECT transaction_id FROM outbox LIMIT 1').get() as { transaction_id: string };
  const columns = (db.prepare("SELECT name FROM pragma_table_info('transactions')").all() as { name: string }[]).map((c) => c.name);
  const others = columns.filter((c) => c !== 'id');
  // Completed, as the transactions behind a real backlog are: a clone left `created` would be failed one by one by the host's start-up recovery.
  const values = others.map((c) => (c === 'state' ? "'completed'" : c));
  const cloneTx = db.prepare(`INSERT INTO transactions (id, ${others.join(', ')}) SELECT ?, ${values.join(', ')} FROM transactions WHERE id = ?`);
  const cloneLeg = db.prepare(
    `INSERT INTO outbox (id, transaction_id, authority, kind, payload, created_at, next_attempt_at)
     SELECT ?, ?, authority, kind, json_set(payload, '$.transactionId', ?), created_at, next_attempt_at
     FROM outbox WHERE transaction_id = ? AND authority = ?`,
  );
  const started = process.hrtime.bigint();
  const base = Date.now() - 3 * 24 * 3600_000;
  db.transaction(() => {
    for (let i = 0; i < rows / 2; i++) {
      const tx = ulid(base, i);
      cloneTx.run(tx, template.transaction_id);
      cloneLeg.run(ulid(base + 1, 2 * i), tx, tx, template.transaction_id, 'national');
      cloneLeg.run(ulid(base + 1, 2 * i + 1), tx, tx, template.transaction_id, 'local');
    }
  })();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // Outbox rows are never deleted (migration 7): the template's own legs are marked sent instead.
  db.prepare('UPDATE outbox SET sent_at = ? WHERE transaction_id = ? AND sent_at IS NULL').run(new Date().toISOString(), template.transaction_id);
  const pending = (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL').get() as { n: number }).n;
  if (pending !== rows) throw new Error(`seeded ${pending} pending rows, wanted ${rows}`);
  return { pending, ms };
}
