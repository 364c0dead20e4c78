import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/host/db/database';
import { migrations } from '../../../electron/host/db/migrations';
import { OutboxQueue } from '../../../electron/host/sync/outbox-queue';
import { tempDir } from '../host/config-fixtures';

/**
 * Issue 18 item 3: `outbox` and `kiosk_outbox` had the same delivery columns
 * and rules and were merged by ULID at read time. Migration 9 moves both into
 * one table; every row keeps its id, content and delivery state, so delivery
 * order and what is pending, sent or parked are what they were.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const AT = '2025-03-01T08:00:00.000Z';
const TX = '01J00000000000000000000000';
type Seed = { id: string; table: 'outbox' | 'kiosk_outbox'; authority: 'national' | 'local'; kind: string; sent?: boolean; dead?: boolean; attempts?: number };
// Ids interleave the two tables, as the ULIDs of a real kiosk do.
const SEEDS: Seed[] = [
  { id: '01J00000000000000000000A01', table: 'outbox', authority: 'national', kind: 'iit.certificate', sent: true },
  { id: '01J00000000000000000000A02', table: 'kiosk_outbox', authority: 'national', kind: 'audit.entry', sent: true },
  { id: '01J00000000000000000000A03', table: 'kiosk_outbox', authority: 'national', kind: 'config.applied', attempts: 3 },
  { id: '01J00000000000000000000A04', table: 'outbox', authority: 'local', kind: 'iit.certificate', attempts: 1 },
  { id: '01J00000000000000000000A05', table: 'outbox', authority: 'national', kind: 'invoice.collection', dead: true },
  { id: '01J00000000000000000000A06', table: 'kiosk_outbox', authority: 'national', kind: 'audit.entry' },
  { id: '01J00000000000000000000A07', table: 'kiosk_outbox', authority: 'national', kind: 'audit.entry', dead: true },
  { id: '01J00000000000000000000A08', table: 'outbox', authority: 'national', kind: 'invoice.issue' },
];

function seededAtSchema8(): string {
  const dataDir = tempDir('one-outbox-');
  dirs.push(dataDir);
  const db = openDatabase(
    dataDir,
    migrations.filter((m) => m.version < 9),
  );
  db.prepare(
    `INSERT INTO transactions (id, kind, state, taxpayer_id, person_id_cipher, person_id_hash, national_fen, local_fen, payable_fen, payload, created_at, updated_at)
     VALUES (?, 'iitCertificate', 'completed', NULL, 'v1:' || printf('%040d', 0), 'h1:x', 0, 0, 0, '{"schemaVersion":1}', ?, ?)`,
  ).run(TX, AT, AT);
  for (const s of SEEDS) {
    const payload = JSON.stringify({ schemaVersion: 1, seed: s.id });
    if (s.table === 'outbox') {
      db.prepare(
        'INSERT INTO outbox (id, transaction_id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error, sent_at, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(s.id, TX, s.authority, s.kind, payload, AT, s.attempts ?? 0, AT, s.attempts ? 'broker down' : null, s.sent ? AT : null, s.dead ? AT : null);
    } else {
      db.prepare(
        'INSERT INTO kiosk_outbox (id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error, sent_at, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(s.id, s.authority, s.kind, payload, AT, s.attempts ?? 0, AT, s.attempts ? 'broker down' : null, s.sent ? AT : null, s.dead ? AT : null);
    }
  }
  db.close();
  return dataDir;
}

describe('one outbox (migration 9)', () => {
  it('moves every row of both tables into one, keeping ids, content and delivery state', () => {
    const db = openDatabase(seededAtSchema8());
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%outbox%'").all()).toEqual([{ name: 'outbox' }]);
    const rows = db
      .prepare('SELECT id, transaction_id, authority, kind, payload, attempts, last_error, sent_at, dead_at FROM outbox ORDER BY id')
      .all() as Array<Record<string, unknown>>;
    expect(rows).toEqual(
      SEEDS.map((s) => ({
        id: s.id,
        transaction_id: s.table === 'outbox' ? TX : null,
        authority: s.authority,
        kind: s.kind,
        payload: JSON.stringify({ schemaVersion: 1, seed: s.id }),
        attempts: s.attempts ?? 0,
        last_error: s.attempts ? 'broker down' : null,
        sent_at: s.sent ? AT : null,
        dead_at: s.dead ? AT : null,
      })),
    );
    db.close();
  });

  it('keeps the delivery order per authority and what waits, is parked and holds the head up', () => {
    const db = openDatabase(seededAtSchema8());
    const queue = new OutboxQueue(db);
    expect(queue.head('national', 10).map((r) => r.id)).toEqual(['01J00000000000000000000A03', '01J00000000000000000000A06', '01J00000000000000000000A08']);
    expect(queue.head('national', 10).map((r) => r.transactionId)).toEqual([null, null, TX]);
    expect(queue.head('local', 10).map((r) => r.id)).toEqual(['01J00000000000000000000A04']);
    const status = queue.status(new Date(AT));
    expect(status.authorities.map((a) => [a.authority, a.pending, a.headAttempts])).toEqual([
      ['national', 3, 3],
      ['local', 1, 1],
    ]);
    expect(status.dead.map((d) => [d.id, d.transactionId])).toEqual([
      ['01J00000000000000000000A05', TX],
      ['01J00000000000000000000A07', null],
    ]);
    expect(queue.retry('01J00000000000000000000A07', new Date(AT))).toBe('retried');
    db.close();
  });

  it('keeps the guards of migration 7 on the one table, and one leg per transaction, authority and kind', () => {
    const db = openDatabase(seededAtSchema8());
    expect(() => db.prepare('DELETE FROM outbox WHERE transaction_id IS NULL').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE outbox SET payload = '{\"schemaVersion\":2}' WHERE id = '01J00000000000000000000A06'").run()).toThrow(
      /content never changes/,
    );
    expect(() => db.prepare("UPDATE outbox SET sent_at = NULL WHERE id = '01J00000000000000000000A01'").run()).toThrow(/stays sent/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (id, transaction_id, authority, kind, payload, created_at, next_attempt_at) VALUES ('01J00000000000000000000A09', ?, 'national', 'invoice.issue', '{\"schemaVersion\":1}', ?, ?)",
        )
        .run(TX, AT, AT),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});
