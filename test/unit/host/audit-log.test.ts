import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../shared/config/canonical-json';
import type { IdCard } from '../../../shared/domain/idcard';
import { auditSessionEnded, auditSessionStarted } from '../../../electron/host/audit/audit-hooks';
import { AuditError, AuditLog, GENESIS_HASH, entryHash } from '../../../electron/host/audit/audit-log';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { silentLogger } from '../../../electron/host/logger';
import { SessionService } from '../../../electron/host/session/session-service';
import { pendingKioskOutbox } from '../../../electron/host/transactions/kiosk-outbox';
import { kioskctl, tempDir } from './config-fixtures';

const ID_NUMBER = '11010519491231002X';
const card: IdCard = {
  cardType: 'resident',
  name: '张三丰',
  sex: 'male',
  nation: { code: '01', name: '汉' },
  birthDate: '1949-12-31',
  address: '北京市东城区某某路1号',
  idNumber: ID_NUMBER,
  issuer: '北京市公安局东城分局',
  validFrom: '2020-01-01',
  validTo: null,
};
const TX = '01JB0000000000000000000001';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A kiosk data dir whose audit trail holds a visit with one collection in it (6 entries). */
function kioskWithTrail(): { dataDir: string; db: Db; audit: AuditLog } {
  const dataDir = tempDir('kiosk-audit-');
  dirs.push(dataDir);
  const db = openDatabase(dataDir);
  const audit = new AuditLog(db);
  // The session service wired as host.ts wires it.
  const session = new SessionService({
    config: () => ({ idleTimeoutMs: 90_000, idleWarnMs: 15_000, rejectedDisplayMs: 10_000, elderlyIdleTimeoutMs: 180_000, elderlyByDefault: false }),
    log: silentLogger(),
    onChange: () => {},
    onStarted: (id, c) => auditSessionStarted(audit, id, c),
    onEnded: (id, reason) => auditSessionEnded(audit, id, reason),
  });
  session.handleCardEvent({ type: 'cardRead', card, checks: { checkCharacter: 'pass', birthDateMatchesNumber: 'pass', notExpired: 'pass' } });
  audit.append({
    kind: 'transaction.step',
    data: { transactionId: TX, service: 'invoiceCollection', step: 'allocated', detail: '1370001230 00000001-00000002' },
  });
  audit.append({ kind: 'print', data: { printer: 'invoice', document: 'blankForms', transactionId: TX, ok: true } });
  audit.append({ kind: 'device.fault', data: { device: 'receiptPrinter', fault: 'paperOut' } });
  audit.append({ kind: 'transaction.step', data: { transactionId: TX, service: 'invoiceCollection', step: 'completed' } });
  session.end('cardRemoved');
  session.dispose();
  return { dataDir, db, audit };
}

/** What an intruder with the database file does first: drop the guards. */
function dropTriggers(db: Db): void {
  for (const name of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_appends_to_head']) db.exec(`DROP TRIGGER ${name}`);
}

describe('audit trail', () => {
  it('chains every entry to the one before, with a copy for the backend, and verifies', async () => {
    const { dataDir, db } = kioskWithTrail();
    const rows = db.prepare('SELECT seq, kind, data, prev_hash, hash FROM audit_log ORDER BY seq').all() as Array<{
      seq: number;
      kind: string;
      data: string;
      prev_hash: string;
      hash: string;
    }>;
    expect(rows.map((r) => r.kind)).toEqual(['session.start', 'transaction.step', 'print', 'device.fault', 'transaction.step', 'session.end']);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    // The card is there masked; the name and the number are nowhere.
    const all = JSON.stringify(db.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(db.prepare('SELECT * FROM outbox').all());
    expect(JSON.parse(rows[0]?.data ?? '{}')).toMatchObject({ cardType: 'resident', maskedId: '110105********002X' });
    expect(all).not.toContain(ID_NUMBER);
    expect(all).not.toContain('张三丰');
    expect(all).not.toContain('三丰');

    const outbox = pendingKioskOutbox(db, { authority: 'national', limit: 100 });
    expect(outbox.map((r) => [r.kind, (r.payload as { hash: string }).hash])).toEqual(rows.map((r) => ['audit.entry', r.hash]));
    db.close();

    const r = await kioskctl('audit', 'verify', '--data-dir', dataDir);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain(`audit trail intact: 6 entries, head #6 ${rows[5]?.hash}`);
  });

  it('refuses to store an ID number or a field it does not know; the host path logs instead of failing the visit', () => {
    const dataDir = tempDir('kiosk-audit-');
    dirs.push(dataDir);
    const db = openDatabase(dataDir);
    const onError = vi.fn();
    const audit = new AuditLog(db, { onError });
    expect(() =>
      audit.append({ kind: 'transaction.step', data: { transactionId: TX, service: 'invoiceIssue', step: 'failed', detail: `buyer ${ID_NUMBER}` } }),
    ).toThrow(AuditError);
    const withName = { kind: 'session.end', data: { sessionId: TX, reason: 'userExit', name: '张三丰' } };
    expect(() => audit.append(withName as never)).toThrow(/name/);
    expect(audit.record({ kind: 'session.start', data: { sessionId: TX, cardType: 'resident', maskedId: ID_NUMBER } })).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses UPDATE, DELETE and an insert that does not extend the head, in SQLite itself', () => {
    const { db } = kioskWithTrail();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 6').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (seq, at, kind, actor, data, prev_hash, hash) VALUES (8, 'x', 'k', 'a', '{}', ?, ?)").run(GENESIS_HASH, GENESIS_HASH),
    ).toThrow(/head of the chain/);
    db.close();
  });

  it('names an edited entry, even with the guards dropped: exit 1', async () => {
    const { dataDir, db } = kioskWithTrail();
    dropTriggers(db);
    // The fault never happened, says the intruder.
    db.prepare(`UPDATE audit_log SET data = '{"device":"receiptPrinter","fault":"coverOpen"}' WHERE seq = 4`).run();
    db.close();
    const r = await kioskctl('audit', 'verify', '--json', '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({
      ok: false,
      entries: 3,
      firstBroken: { seq: 4, reason: 'hashMismatch', detail: expect.stringContaining('entry 4 (device.fault) was edited') },
    });
    const text = await kioskctl('audit', 'verify', '--data-dir', dataDir);
    expect(text.code).toBe(1);
    expect(text.err.join('\n')).toMatch(/BROKEN at entry #4: hashMismatch/);
  });

  it('names the entry after one edited with its own hash recomputed', async () => {
    const { dataDir, db } = kioskWithTrail();
    dropTriggers(db);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as { at: string; kind: string; actor: string; prev_hash: string };
    const data = { printer: 'invoice', document: 'blankForms', transactionId: TX, ok: false };
    const hash = entryHash({ seq: 3, at: row.at, kind: row.kind, actor: row.actor, data, prevHash: row.prev_hash });
    db.prepare('UPDATE audit_log SET data = ?, hash = ? WHERE seq = 3').run(canonicalJson(data), hash);
    db.close();
    const r = await kioskctl('audit', 'verify', '--json', '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: 4, reason: 'prevHashMismatch' } });
  });

  it('names a deleted entry', async () => {
    const { dataDir, db } = kioskWithTrail();
    dropTriggers(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db.close();
    const r = await kioskctl('audit', 'verify', '--json', '--data-dir', dataDir);
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({
      ok: false,
      entries: 1,
      firstBroken: { seq: 2, reason: 'missing', detail: 'entry 2 is missing (deleted); the next entry present is 3' },
    });
  });

  it('tails the newest entries with personal data masked, whatever a row holds', async () => {
    const { dataDir, db, audit } = kioskWithTrail();
    // A row written around the API (an old build, a hand edit) with a name and a number in it.
    const head = audit.head();
    if (!head) throw new Error('empty trail');
    const base = {
      seq: head.seq + 1,
      at: new Date().toISOString(),
      kind: 'legacy.note',
      actor: 'kiosk',
      data: { buyerName: '张三丰', note: `holder ${ID_NUMBER}` },
      prevHash: head.hash,
    };
    db.prepare('INSERT INTO audit_log (seq, at, kind, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      base.seq,
      base.at,
      base.kind,
      base.actor,
      canonicalJson(base.data),
      base.prevHash,
      entryHash(base),
    );
    db.close();

    const text = await kioskctl('audit', 'tail', '-n', '3', '--data-dir', dataDir);
    expect(text.code).toBe(0);
    expect(text.out).toHaveLength(3);
    expect(text.out[0]).toMatch(/^#5 .* transaction\.step .* step=completed/);
    expect(text.out[2]).toContain('buyerName=张*丰');
    expect(text.out[2]).toContain('holder 110105********002X');
    const json = await kioskctl('audit', 'tail', '--json', '--data-dir', dataDir);
    const entries = (json.json() as { entries: Array<{ seq: number }> }).entries;
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const out of [text.out.join('\n'), json.out.join('\n')]) {
      expect(out).not.toContain(ID_NUMBER);
      expect(out).not.toContain('张三丰');
    }
    expect(json.out.join('\n')).toContain('110105********002X');
    expect((await kioskctl('audit', 'tail', '-n', '0', '--data-dir', dataDir)).code).toBe(64);
  });
});
