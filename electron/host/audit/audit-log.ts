import crypto from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/config/canonical-json';
import type { Db } from '../db/database';
import { addKioskOutbox } from '../transactions/kiosk-outbox';
import { AuditEvent } from './audit-events';

/**
 * The audit trail (docs/sync.md "Audit trail", 痕迹化): append-only entries in
 * `audit_log` (migration 4), each holding the SHA-256 of the one before, so an
 * edited or deleted entry is found by `verifyAuditChain` (`kioskctl audit
 * verify`).
 *
 * hash = SHA-256(canonical JSON of {seq, at, kind, actor, data, prevHash});
 * the first entry's prevHash is 64 zeros. Each append also writes an
 * `audit.entry` outbox row in the same SQLite transaction, so the backend holds
 * a copy of the chain: truncating the newest entries on the kiosk (which no
 * local check can see) shows there as a gap.
 *
 * SQLite triggers refuse UPDATE and DELETE and an insert that does not extend
 * the head; the chain is what still catches someone who drops the triggers.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export class AuditError extends Error {}

const Row = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  data: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, kind, actor, data, prevHash } = entry;
  return crypto.createHash('sha256').update(canonicalJson({ seq, at, kind, actor, data, prevHash }), 'utf8').digest('hex');
}

/** 18-digit (and old 15-digit) mainland ID numbers, standing alone. */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])/;

function containsIdNumber(value: unknown): boolean {
  if (typeof value === 'string') return ID_NUMBER.test(value);
  if (Array.isArray(value)) return value.some(containsIdNumber);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsIdNumber);
  return false;
}

export interface AuditLogOptions {
  now?: () => Date;
  /** Who acts when a call does not say: `kiosk` in the host, `kioskctl:<user>` in the tool. */
  actor?: string;
  /** Where `record` reports an append that failed (the host's logger). */
  onError?: (error: unknown, kind: string) => void;
}

export class AuditLog {
  private readonly now: () => Date;
  private readonly actor: string;

  constructor(
    private readonly db: Db,
    private readonly options: AuditLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.actor = options.actor ?? 'kiosk';
  }

  /**
   * Appends one entry (and its outbox row). Inside a caller's SQLite
   * transaction it becomes part of it (a savepoint): the trace and the action
   * commit or vanish together. Throws on an invalid event or one carrying an
   * ID number.
   */
  append(event: AuditEvent, actor: string = this.actor): AuditEntry {
    const parsed = AuditEvent.safeParse(event);
    if (!parsed.success) throw new AuditError(`audit event ${event.kind}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    if (containsIdNumber(parsed.data.data) || containsIdNumber(actor))
      throw new AuditError(`audit event ${event.kind} contains an ID number; entries hold masked data only`);
    const data = parsed.data.data as Record<string, unknown>;
    const at = this.now();
    return this.db
      .transaction(() => {
        const head = this.head();
        const base = { seq: (head?.seq ?? 0) + 1, at: at.toISOString(), kind: parsed.data.kind, actor, data, prevHash: head?.hash ?? GENESIS_HASH };
        const entry: AuditEntry = { ...base, hash: entryHash(base) };
        this.db
          .prepare('INSERT INTO audit_log (seq, at, kind, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(entry.seq, entry.at, entry.kind, entry.actor, canonicalJson(entry.data), entry.prevHash, entry.hash);
        addKioskOutbox(this.db, 'audit.entry', { schemaVersion: 1, ...entry }, at);
        return entry;
        // IMMEDIATE: read the head and extend it under the write lock (kioskctl and the host share the file).
      })
      .immediate();
  }

  /** Like `append`, for the host's taxpayer paths: a failed trace is logged, never a failed visit. */
  record(event: AuditEvent, actor?: string): AuditEntry | null {
    try {
      return this.append(event, actor);
    } catch (error) {
      this.options.onError?.(error, event.kind);
      return null;
    }
  }

  head(): { seq: number; hash: string } | null {
    const raw = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    return raw === undefined ? null : z.object({ seq: z.number().int(), hash: z.string() }).parse(raw);
  }

  /** The newest `n` entries, oldest first. */
  tail(n: number): AuditEntry[] {
    return this.db
      .prepare('SELECT * FROM (SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all(n)
      .map((raw) => toEntry(Row.parse(raw)));
  }
}

function toEntry(row: z.infer<typeof Row>): AuditEntry {
  let data: Record<string, unknown>;
  try {
    data = z.record(z.string(), z.unknown()).parse(JSON.parse(row.data));
  } catch {
    data = { unreadable: row.data.slice(0, 200) };
  }
  return { seq: row.seq, at: row.at, kind: row.kind, actor: row.actor, data, prevHash: row.prev_hash, hash: row.hash };
}

export type ChainBreak =
  | { seq: number; reason: 'missing'; detail: string }
  | { seq: number; reason: 'prevHashMismatch'; detail: string }
  | { seq: number; reason: 'hashMismatch'; detail: string }
  | { seq: number; reason: 'unreadable'; detail: string };

export type ChainVerdict = { ok: true; entries: number; head: { seq: number; hash: string } | null } | { ok: false; entries: number; firstBroken: ChainBreak };

/**
 * Walks the chain from the first entry in pages (bounded memory however long
 * it is) and names the first entry that does not hold: a gap in the numbers
 * (deleted), a prevHash that is not the previous entry's hash (the previous
 * one was replaced or removed), or a hash that is not its own content's (edited).
 */
export function verifyAuditChain(db: Db, options: { pageSize?: number } = {}): ChainVerdict {
  const pageSize = options.pageSize ?? 1000;
  const page = db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const rows = page.all(expectedSeq - 1, pageSize).map((raw) => Row.parse(raw));
    for (const row of rows) {
      const broken = (firstBroken: ChainBreak): ChainVerdict => ({ ok: false, entries, firstBroken });
      if (row.seq !== expectedSeq) {
        const gap = row.seq - expectedSeq === 1 ? `entry ${expectedSeq} is missing` : `entries ${expectedSeq}–${row.seq - 1} are missing`;
        return broken({ seq: expectedSeq, reason: 'missing', detail: `${gap} (deleted); the next entry present is ${row.seq}` });
      }
      if (row.prev_hash !== prevHash) {
        return broken({
          seq: row.seq,
          reason: 'prevHashMismatch',
          detail: `entry ${row.seq} does not follow entry ${row.seq - 1}: it was replaced or its predecessor changed`,
        });
      }
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        return broken({ seq: row.seq, reason: 'unreadable', detail: `entry ${row.seq} has unreadable data` });
      }
      let recomputed: string;
      try {
        recomputed = entryHash({ seq: row.seq, at: row.at, kind: row.kind, actor: row.actor, data: data as Record<string, unknown>, prevHash: row.prev_hash });
      } catch {
        return broken({ seq: row.seq, reason: 'unreadable', detail: `entry ${row.seq} holds data that is not canonical JSON` });
      }
      if (recomputed !== row.hash) {
        return broken({ seq: row.seq, reason: 'hashMismatch', detail: `entry ${row.seq} (${row.kind}) was edited: its content no longer matches its hash` });
      }
      prevHash = row.hash;
      expectedSeq++;
      entries++;
    }
    if (rows.length < pageSize) break;
  }
  return { ok: true, entries, head: entries === 0 ? null : { seq: expectedSeq - 1, hash: prevHash } };
}
