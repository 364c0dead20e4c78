import { z } from 'zod';
import type { AuditAnomalyKind, BackendReply, BackendRequest } from '../../shared/backend';
import { entryHash, GENESIS_HASH } from '../../electron/host/audit/audit-log';
import type { Db } from '../../electron/host/db/database';
import { AuditEntryMessageV1 } from '../../electron/host/transactions/kiosk-outbox';

/**
 * The backend's copy of each kiosk's audit chain (issue 14 item 6): the
 * anchor off the kiosk. Whoever can write the kiosk's database can truncate
 * its audit tail or edit an entry and re-chain everything after it, and
 * `kioskctl audit verify` on the kiosk alone cannot tell. Every delivered
 * `audit.entry` is checked here against the chain already held for that
 * kiosk and, if it extends the head, kept. An entry that does not is refused
 * — the head does not move — and reported (`audit_anomalies`, the reply to
 * `audit.head`):
 *
 * - regress: a number the backend already holds, with other content (the
 *   kiosk's trail was cut back and written again);
 * - fork: the next number, but not following the held head (an entry before
 *   it was edited and the chain recomputed);
 * - skip: a number past the next one (entries never arrived: deleted before
 *   delivery, or their outbox rows removed);
 * - invalid: the entry does not match its own hash.
 *
 * The same entry again (a redelivery, or a row re-sent after its sent mark
 * was lost) is harmless and changes nothing. Tables: sandbox migration 4.
 */
export const MAX_ANOMALIES_REPORTED = 20;

const Held = z.object({ seq: z.number().int(), hash: z.string(), received_at: z.string() });

export type AnchorEffect = 'auditAnchored' | 'auditDuplicate' | `auditRefused:${AuditAnomalyKind}`;

/** Checks one `audit.entry` payload of `kioskId` against the held chain; call inside the intake transaction. */
export function anchorAuditEntry(db: Db, kioskId: string | undefined, payload: unknown, now: Date): AnchorEffect {
  const kiosk = kioskId ?? 'unknown';
  const parsed = AuditEntryMessageV1.safeParse(payload);
  const at = now.toISOString();
  const report = (kind: AuditAnomalyKind, seq: number, expectedSeq: number, detail: string): AnchorEffect => {
    db.prepare('INSERT INTO audit_anomalies (kiosk_id, kind, seq, expected_seq, detail, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      kiosk,
      kind,
      seq,
      expectedSeq,
      detail.slice(0, 500),
      at,
    );
    return `auditRefused:${kind}`;
  };
  const head = headOf(db, kiosk);
  const expected = (head?.seq ?? 0) + 1;
  if (!parsed.success) return report('invalid', 0, expected, 'not an audit entry (schema)');
  const e = parsed.data;
  if (entryHash({ seq: e.seq, at: e.at, kind: e.kind, actor: e.actor, data: e.data, prevHash: e.prevHash }) !== e.hash) {
    return report('invalid', e.seq, expected, `entry ${e.seq} does not match its own hash`);
  }
  if (e.seq < expected) {
    const held = heldHash(db, kiosk, e.seq);
    if (held === e.hash) return 'auditDuplicate';
    return report('regress', e.seq, expected, `entry ${e.seq} differs from the one held (the kiosk's chain went back: held up to ${expected - 1})`);
  }
  if (e.seq > expected) return report('skip', e.seq, expected, `entries ${expected}–${e.seq - 1} never arrived before entry ${e.seq}`);
  if (e.prevHash !== (head?.hash ?? GENESIS_HASH)) {
    return report(
      'fork',
      e.seq,
      expected,
      `entry ${e.seq} does not follow the held entry ${expected - 1} (an earlier entry was changed and the chain recomputed)`,
    );
  }
  db.prepare('INSERT INTO audit_entries (kiosk_id, seq, hash, prev_hash, received_at) VALUES (?, ?, ?, ?, ?)').run(kiosk, e.seq, e.hash, e.prevHash, at);
  return 'auditAnchored';
}

function headOf(db: Db, kioskId: string): { seq: number; hash: string; receivedAt: string } | null {
  const row = db.prepare('SELECT seq, hash, received_at FROM audit_entries WHERE kiosk_id = ? ORDER BY seq DESC LIMIT 1').get(kioskId);
  if (row === undefined) return null;
  const held = Held.parse(row);
  return { seq: held.seq, hash: held.hash, receivedAt: held.received_at };
}

function heldHash(db: Db, kioskId: string, seq: number): string | null {
  const row = db.prepare('SELECT hash FROM audit_entries WHERE kiosk_id = ? AND seq = ?').get(kioskId, seq) as { hash: string } | undefined;
  return row?.hash ?? null;
}

export function auditHead(db: Db, request: BackendRequest<'audit.head'>): BackendReply<'audit.head'> {
  const head = headOf(db, request.kioskId);
  const atHash = request.seq === undefined ? null : heldHash(db, request.kioskId, request.seq);
  const anomalies = db
    .prepare('SELECT kind, seq, expected_seq, detail, at FROM audit_anomalies WHERE kiosk_id = ? ORDER BY id DESC LIMIT ?')
    .all(request.kioskId, MAX_ANOMALIES_REPORTED)
    .map((raw) => {
      const r = raw as { kind: AuditAnomalyKind; seq: number; expected_seq: number; detail: string; at: string };
      return { kind: r.kind, seq: r.seq, expectedSeq: r.expected_seq, detail: r.detail, at: r.at };
    })
    .reverse();
  return { head, at: atHash === null || request.seq === undefined ? null : { seq: request.seq, hash: atHash }, anomalies };
}
