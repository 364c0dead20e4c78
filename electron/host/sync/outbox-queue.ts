import { z } from 'zod';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { Authority } from '../transactions/outbox-payloads';

/**
 * The delivery loop's side of the outbox table (migration 3). SQLite is the
 * only queue on the kiosk: what is not marked sent here is sent again, so
 * nothing is ever kept only in memory.
 *
 * One table holds every message (migration 9): the transaction legs and the
 * kiosk's own messages (config.applied, audit.entry; transaction_id NULL).
 * Rows are keyed by ULIDs, so creation order is id order, read from the head
 * through the partial pending index.
 *
 * Every statement touches at most one page of rows (pending = unsent and not
 * parked), so 100,000 waiting rows cost the UI thread no more per tick than 10.
 */
export const AUTHORITIES: readonly Authority[] = ['national', 'local'];

const SELECT_COLUMNS = 'id, transaction_id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error, dead_at';

/** A pending row as stored; the payload stays text until the publisher validates it. */
export interface QueuedRow {
  id: string;
  /** Null for the kiosk's own messages (config.applied, audit.entry). */
  transactionId: string | null;
  authority: Authority;
  kind: string;
  payload: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface AuthorityStatus {
  authority: Authority;
  pending: number;
  /** Created time and age of the oldest pending row (the head: it goes first). */
  oldestCreatedAt: string | null;
  oldestAgeSeconds: number | null;
  /** The head's failed attempts, next attempt and last error: what holds the authority up. */
  headAttempts: number | null;
  nextAttemptAt: string | null;
  lastError: string | null;
}

export interface DeadRow {
  id: string;
  transactionId: string | null;
  authority: Authority;
  kind: string;
  createdAt: string;
  attempts: number;
  deadAt: string;
  lastError: string | null;
}

export interface OutboxStatus {
  authorities: AuthorityStatus[];
  deadCount: number;
  /** Oldest first, at most `deadLimit` of them. */
  dead: DeadRow[];
}

export type RetryResult = 'retried' | 'notFound' | 'notParked';

/** Stored errors are short: a reason for a technician, never a payload. */
const MAX_ERROR_CHARS = 500;

const Row = z.object({
  id: z.string(),
  transaction_id: z.string().nullable(),
  authority: Authority,
  kind: z.string(),
  payload: z.string(),
  created_at: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
  dead_at: z.string().nullable(),
});
type DbRow = z.infer<typeof Row>;

export class OutboxQueue {
  /** Prepared once per SQL text: a pass runs the same few statements for every row of its page. */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  private statement(sql: string): Statement<unknown[]> {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * The first `limit` pending rows of one authority in creation (id) order.
   * Sent and parked rows have left the partial index, so this is a page read
   * from the head however long the outbox is.
   */
  head(authority: Authority, limit: number): QueuedRow[] {
    return this.statement(`SELECT ${SELECT_COLUMNS} FROM outbox WHERE authority = ? AND sent_at IS NULL AND dead_at IS NULL ORDER BY id LIMIT ?`)
      .all(authority, limit)
      .map((raw) => toQueued(Row.parse(raw)));
  }

  /**
   * Runs `fn` as one transaction whose commit does not wait for an fsync
   * (synchronous=NORMAL for this commit only; WAL keeps it atomic and the
   * file consistent). Only for delivery outcomes: a sent mark lost to a power
   * cut sends its row again, which consumers dedupe on messageId — never a
   * loss. The next FULL commit (every business transaction) makes it durable
   * too. Saves an fsync per page on the thread the UI shares.
   */
  recordOutcomes<T>(fn: () => T): T {
    const previous = Number(this.db.pragma('synchronous', { simple: true }));
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(fn)();
    } finally {
      this.db.pragma(`synchronous = ${previous}`);
    }
  }

  /** Marks rows sent after their confirms, in one transaction. A row already sent or parked is left alone. */
  markSent(rows: readonly RowRef[], at: Date): number {
    if (rows.length === 0) return 0;
    const stamp = at.toISOString();
    return this.db.transaction(() =>
      rows.reduce(
        (n, row) =>
          n +
          this.statement(`UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL`).run(stamp, row.id).changes,
        0,
      ),
    )();
  }

  /** A publish that did not get through: count it and set when to try again. */
  recordFailure(row: RowRef, failure: { attempts: number; nextAttemptAt: Date; error: string }): void {
    this.statement(`UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL`).run(
      failure.attempts,
      failure.nextAttemptAt.toISOString(),
      clip(failure.error),
      row.id,
    );
  }

  /** Parks a row as dead: never retried by the loop, shown by `kioskctl outbox status` until a technician retries it. */
  park(row: RowRef, failure: { attempts: number; error: string }, at: Date): void {
    this.statement(`UPDATE outbox SET dead_at = ?, attempts = ?, last_error = ? WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL`).run(
      at.toISOString(),
      failure.attempts,
      clip(failure.error),
      row.id,
    );
  }

  /**
   * Puts a parked row back in line (a technician fixed the cause). It keeps
   * its id, so it goes before every later row of its authority; its attempts
   * start again and its last error stays visible until it is sent.
   */
  retry(id: string, at: Date): RetryResult {
    return this.db
      .transaction((): RetryResult => {
        const row = this.db.prepare('SELECT dead_at, sent_at FROM outbox WHERE id = ?').get(id) as
          { dead_at: string | null; sent_at: string | null } | undefined;
        if (!row) return 'notFound';
        if (row.dead_at === null || row.sent_at !== null) return 'notParked';
        this.db.prepare('UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = ? WHERE id = ?').run(at.toISOString(), id);
        return 'retried';
      })
      .immediate();
  }

  status(now: Date, deadLimit = 50): OutboxStatus {
    const count = (where: string, ...args: string[]): number =>
      (this.statement(`SELECT count(*) AS n FROM outbox WHERE ${where}`).get(...args) as { n: number }).n;
    const authorities = AUTHORITIES.map((authority): AuthorityStatus => {
      const head = this.head(authority, 1)[0];
      return {
        authority,
        pending: count('authority = ? AND sent_at IS NULL AND dead_at IS NULL', authority),
        oldestCreatedAt: head?.createdAt ?? null,
        oldestAgeSeconds: head ? Math.max(0, Math.floor((now.getTime() - Date.parse(head.createdAt)) / 1000)) : null,
        headAttempts: head?.attempts ?? null,
        nextAttemptAt: head?.nextAttemptAt ?? null,
        lastError: head?.lastError ?? null,
      };
    });
    const dead = this.statement(`SELECT ${SELECT_COLUMNS} FROM outbox WHERE dead_at IS NOT NULL AND sent_at IS NULL ORDER BY id LIMIT ?`)
      .all(deadLimit)
      .map((raw) => Row.parse(raw))
      .map((r): DeadRow => ({
        id: r.id,
        transactionId: r.transaction_id,
        authority: r.authority,
        kind: r.kind,
        createdAt: r.created_at,
        attempts: r.attempts,
        deadAt: r.dead_at ?? '',
        lastError: r.last_error,
      }));
    return { authorities, deadCount: count('dead_at IS NOT NULL AND sent_at IS NULL'), dead };
  }
}

/** Enough to address a row for an update. */
export type RowRef = Pick<QueuedRow, 'id'>;

function toQueued(r: DbRow): QueuedRow {
  return {
    id: r.id,
    transactionId: r.transaction_id,
    authority: r.authority,
    kind: r.kind,
    payload: r.payload,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
  };
}

function clip(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
