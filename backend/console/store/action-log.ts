import crypto from 'node:crypto';
import type { Db } from '../../../electron/host/db/database';
import type { ActionEntry } from '../../../shared/fleet/console-api';

/**
 * The console's own log of who did what (logins, acknowledgements, rule
 * changes, users and tokens; rollouts later): each row's hash covers its
 * fields and the previous row's hash, so editing, removing or reordering a
 * row breaks the chain from there on (`verifyActionChain`).
 */
export const GENESIS_HASH = '0'.repeat(64);

interface ActionRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function actionHash(entry: Omit<ActionEntry, 'hash'>): string {
  // A JSON array is unambiguous where a joined string is not ("a|b" + "c" vs "a" + "b|c").
  const canonical = JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.detail, entry.prevHash]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export class ActionLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Appends one action (in the caller's transaction, if any). Detail: short text, never a password or token. */
  append(actor: string, action: string, detail: string): ActionEntry {
    const write = this.db.transaction((): ActionEntry => {
      const last = this.db.prepare('SELECT seq, hash FROM actions ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const partial = { seq: (last?.seq ?? 0) + 1, at: this.now().toISOString(), actor, action, detail, prevHash: last?.hash ?? GENESIS_HASH };
      const entry: ActionEntry = { ...partial, hash: actionHash(partial) };
      this.db
        .prepare('INSERT INTO actions (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(entry.seq, entry.at, entry.actor, entry.action, entry.detail, entry.prevHash, entry.hash);
      return entry;
    });
    return write();
  }

  /** The newest first. */
  list(limit: number, beforeSeq: number | null): ActionEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM actions WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as ActionRow[];
    return rows.map(toEntry);
  }
}

function toEntry(row: ActionRow): ActionEntry {
  return { seq: row.seq, at: row.at, actor: row.actor, action: row.action, detail: row.detail, prevHash: row.prev_hash, hash: row.hash };
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; seq: number; problem: string };

/** Walks the whole log: sequence without gaps, each row linked to the one before and hashing to its stored hash. */
export function verifyActionChain(db: Db): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of db.prepare('SELECT * FROM actions ORDER BY seq').iterate() as IterableIterator<ActionRow>) {
    const entry = toEntry(row);
    if (entry.seq !== expectedSeq) return { ok: false, seq: entry.seq, problem: `expected seq ${expectedSeq}` };
    if (entry.prevHash !== prevHash) return { ok: false, seq: entry.seq, problem: 'not linked to the entry before' };
    if (actionHash(entry) !== entry.hash) return { ok: false, seq: entry.seq, problem: 'content does not match its hash' };
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: expectedSeq - 1 };
}
