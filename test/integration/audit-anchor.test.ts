import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/config/canonical-json';
import { AuditLog, entryHash, GENESIS_HASH } from '../../electron/host/audit/audit-log';
import { openDatabase, type Db } from '../../electron/host/db/database';
import { SANDBOX_BACKEND_FILE } from '../../electron/host/services/tax-backend-choice';
import { pendingKioskOutbox } from '../../electron/host/transactions/kiosk-outbox';
import type { CommandIo } from '../../electron/kioskctl/command';
import { main } from '../../electron/kioskctl/main';
import { createSandboxBackend } from '../../backend/sandbox';

/**
 * Issue 14 item 6: whoever can write the kiosk's database could cut the
 * audit tail or edit an entry and re-chain the rest, and `audit verify`
 * still passed; deleting pending outbox rows left no trace. Now outbox rows
 * cannot be deleted (migration 7), the backend keeps each kiosk's chain and
 * refuses one that regresses, forks or skips, and `audit verify --backend`
 * names the gap. Here the backend is the in-process sandbox in the data dir
 * (the AMQP path is test/integration/sync-tls.test.ts).
 */
const KIOSK_ID = 'KIOSK-ANCHOR-1';
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

interface Kiosk {
  dataDir: string;
  db: Db;
  audit: AuditLog;
}

function kiosk(): Kiosk {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-anchor-'));
  roots.push(dataDir);
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ kioskId: KIOSK_ID }));
  const db = openDatabase(dataDir);
  return { dataDir, db, audit: new AuditLog(db) };
}

function append(k: Kiosk, n: number): void {
  for (let i = 0; i < n; i++) k.audit.append({ kind: 'diagnostics.action', data: { action: 'test', ok: true, detail: `step ${i}` } });
}

/** What the delivery loop does, straight into the sandbox: each pending audit.entry in order, marked sent after the answer. */
async function deliver(k: Kiosk): Promise<void> {
  const backend = createSandboxBackend({ dbPath: path.join(k.dataDir, SANDBOX_BACKEND_FILE) });
  try {
    for (const row of pendingKioskOutbox(k.db, { authority: 'national', limit: 1000 })) {
      await backend.transactionsSubmit({ messageId: row.id, kind: row.kind, authority: row.authority, payload: row.payload, kioskId: KIOSK_ID });
      k.db.prepare('UPDATE outbox SET sent_at = ? WHERE id = ?').run(new Date().toISOString(), row.id);
    }
  } finally {
    backend.close();
  }
}

async function anomalies(k: Kiosk) {
  const backend = createSandboxBackend({ dbPath: path.join(k.dataDir, SANDBOX_BACKEND_FILE) });
  try {
    return (await backend.auditHead({ kioskId: KIOSK_ID })).anomalies;
  } finally {
    backend.close();
  }
}

async function verify(k: Kiosk, backend: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main(['audit', 'verify', '--data-dir', k.dataDir, '--json', ...(backend ? ['--backend'] : [])], io);
  return {
    code,
    json: JSON.parse(out.join('\n') || '{}') as {
      ok: boolean;
      backend?: { ok: boolean; problem: { reason: string; firstSeq: number } | null; notYetDelivered: number };
    },
    err: err.join('\n'),
  };
}

/** The attacker's tools: drop the triggers that refuse it, then write. */
function dropGuards(db: Db): void {
  for (const t of ['audit_log_no_delete', 'audit_log_no_update', 'audit_log_appends_to_head', 'outbox_no_delete']) db.exec(`DROP TRIGGER IF EXISTS ${t}`);
}

/** Edits entry `seq` and recomputes every hash after it, as someone who knows the scheme would. */
function rechainFrom(db: Db, seq: number, newDetail: string): void {
  dropGuards(db);
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as {
    seq: number;
    at: string;
    kind: string;
    actor: string;
    data: string;
    prev_hash: string;
  }[];
  let prev = seq === 1 ? GENESIS_HASH : (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq - 1) as { hash: string }).hash;
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (row.seq === seq) data.detail = newDetail;
    const hash = entryHash({ seq: row.seq, at: row.at, kind: row.kind, actor: row.actor, data, prevHash: prev });
    db.prepare('UPDATE audit_log SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(canonicalJson(data), prev, hash, row.seq);
    prev = hash;
  }
}

describe('outbox rows cannot be quietly removed (issue 14)', () => {
  it('refuses DELETE on the outbox, its own rows and the legs alike, and any change of a row but its delivery state', () => {
    const k = kiosk();
    append(k, 1);
    const [row] = pendingKioskOutbox(k.db, { authority: 'national', limit: 10 });
    expect(() => k.db.prepare('DELETE FROM outbox WHERE transaction_id IS NULL').run()).toThrow(/never deleted/);
    // A transaction leg, with the columns its CHECKs want.
    const at = new Date().toISOString();
    k.db
      .prepare(
        `INSERT INTO transactions (id, kind, state, taxpayer_id, person_id_cipher, person_id_hash, national_fen, local_fen, payable_fen, payload, created_at, updated_at)
       VALUES ('01J00000000000000000000000', 'iitCertificate', 'completed', NULL, 'v1:' || printf('%040d', 0), 'h1:x', 0, 0, 0, '{"schemaVersion":1}', ?, ?)`,
      )
      .run(at, at);
    k.db
      .prepare(
        `INSERT INTO outbox (id, transaction_id, authority, kind, payload, created_at, next_attempt_at) VALUES ('01J00000000000000000000001', '01J00000000000000000000000', 'national', 'iit.certificate', '{"schemaVersion":1}', ?, ?)`,
      )
      .run(at, at);
    expect(() => k.db.prepare('DELETE FROM outbox').run()).toThrow(/never deleted/);
    expect(() => k.db.prepare("UPDATE outbox SET kind = 'other'").run()).toThrow(/content never changes/);
    expect(() => k.db.prepare('UPDATE outbox SET payload = \'{"schemaVersion":1}\'').run()).toThrow(/content never changes/);
    // Parking, un-parking and marking sent are the delivery loop's and kioskctl's: allowed.
    k.db.prepare('UPDATE outbox SET dead_at = ?, last_error = ? WHERE id = ?').run('2025-01-01T00:00:00Z', 'x', row?.id);
    k.db.prepare('UPDATE outbox SET dead_at = NULL, attempts = 0 WHERE id = ?').run(row?.id);
    k.db.prepare('UPDATE outbox SET sent_at = ? WHERE id = ?').run('2025-01-01T00:00:00Z', row?.id);
    expect(() => k.db.prepare('UPDATE outbox SET sent_at = NULL WHERE id = ?').run(row?.id)).toThrow(/stays sent/);
    k.db.close();
  });
});

describe('the audit chain anchored on the backend (issue 14)', () => {
  it('an intact, delivered trail matches; entries still waiting in the outbox are counted, not faulted', async () => {
    const k = kiosk();
    append(k, 5);
    await deliver(k);
    expect((await verify(k, true)).code).toBe(0);
    append(k, 2);
    const r = await verify(k, true);
    expect(r.code).toBe(0);
    expect(r.json.backend).toMatchObject({ ok: true, notYetDelivered: 2 });
    k.db.close();
  });

  it('a truncated tail passes the local check but not --backend, which names the missing entries', async () => {
    const k = kiosk();
    append(k, 5);
    await deliver(k);
    dropGuards(k.db);
    k.db.prepare('DELETE FROM audit_log WHERE seq > 3').run();
    expect((await verify(k, false)).code).toBe(0);
    const r = await verify(k, true);
    expect(r.code).toBe(1);
    expect(r.json.backend?.problem).toMatchObject({ reason: 'truncated', firstSeq: 4 });
    k.db.close();
  });

  it('an entry edited and the chain recomputed passes the local check but not --backend, which names the edited entry', async () => {
    const k = kiosk();
    append(k, 9);
    await deliver(k);
    rechainFrom(k.db, 3, 'nothing happened here');
    expect((await verify(k, false)).code).toBe(0);
    const r = await verify(k, true);
    expect(r.code).toBe(1);
    expect(r.json.backend?.problem).toMatchObject({ reason: 'rewritten', firstSeq: 3 });
    k.db.close();
  });

  it('the backend refuses and reports a chain that regresses, forks or skips, and keeps its head', async () => {
    const k = kiosk();
    append(k, 4);
    await deliver(k);
    // regress: cut back to 2 and write on; the new 3 and 4 are numbers the backend holds with other content.
    dropGuards(k.db);
    k.db.prepare('DELETE FROM audit_log WHERE seq > 2').run();
    k.db.exec(`CREATE TRIGGER audit_log_appends_to_head BEFORE INSERT ON audit_log WHEN 0 BEGIN SELECT 1; END`);
    append(k, 2);
    await deliver(k);
    expect((await anomalies(k)).map((a) => a.kind)).toEqual(['regress', 'regress']);
    // fork: the next number (5), but following the rewritten 4, not the backend's 4.
    append(k, 1);
    await deliver(k);
    expect((await anomalies(k)).at(-1)).toMatchObject({ kind: 'fork', seq: 5, expectedSeq: 5 });
    const r = await verify(k, true);
    expect(r.code).toBe(1);
    expect(r.json.backend?.problem?.reason).toBe('rewritten');
    k.db.close();
  });

  it('entries whose outbox rows were removed before delivery show as a skip on the backend and as undelivered here', async () => {
    const k = kiosk();
    append(k, 2);
    await deliver(k);
    append(k, 2);
    dropGuards(k.db);
    // The attacker removes the pending delivery of entry 3 (the triggers of migration 7 refuse this otherwise).
    k.db.prepare("DELETE FROM outbox WHERE transaction_id IS NULL AND json_extract(payload, '$.seq') = 3").run();
    const before = await verify(k, true);
    expect(before.json.backend?.problem).toMatchObject({ reason: 'undelivered', firstSeq: 3 });
    await deliver(k);
    expect((await anomalies(k)).at(-1)).toMatchObject({ kind: 'skip', seq: 4, expectedSeq: 3 });
    const r = await verify(k, true);
    expect(r.code).toBe(1);
    expect(r.json.backend?.problem).toMatchObject({ reason: 'refusedByBackend', firstSeq: 4 });
    k.db.close();
  });
});
