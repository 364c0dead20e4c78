import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import type { Db } from '../db/database';
import { formatNumber } from './stock-store';

/**
 * Hands consecutive invoice numbers to transactions, never one number twice —
 * also across concurrent writers and a process killed at any step.
 *
 * Why it holds:
 * - `allocate` runs in a BEGIN IMMEDIATE transaction (SQLite's single writer
 *   lock), so the search for free numbers and the claim are one step.
 * - Every claimed number is a row in `allocated_numbers` with primary key
 *   (code, number): a second claim fails inside SQLite itself.
 * - States are written AHEAD of the physical step: `markPrinting` before the
 *   first byte goes to the printer. So after a crash:
 *     allocated → returned   the numbers never reached the printer: free again
 *     printing  → voided     the forms may be (partly) printed: never reused,
 *                            reported void (作废) so the backend knows
 *     printed   → completed  the forms left the printer: they exist on paper and
 *                            belong to the transaction; completed with an audit
 *                            event saying recovery did it
 *   Each outcome is a `stock_events` row with the reason.
 * - A kill mid-transaction leaves nothing: SQLite rolls the uncommitted claim back.
 *
 * `recoverOnStartup` treats every in-flight allocation as orphaned, so it must
 * run once when the host starts, before any service allocates.
 */
export type AllocationState = 'allocated' | 'printing' | 'printed' | 'completed' | 'returned' | 'voided';

export interface Allocation {
  id: string;
  transactionId: string;
  type: string;
  code: string;
  first: string;
  last: string;
  quantity: number;
  state: AllocationState;
}

export type AllocateResult = { ok: true; allocation: Allocation } | { ok: false; reason: 'noStock'; remaining: number; longestRun: number };

export interface RecoveryOutcome {
  allocationId: string;
  transactionId: string;
  code: string;
  first: string;
  last: string;
  was: 'allocated' | 'printing' | 'printed';
  now: 'returned' | 'voided' | 'completed';
  reason: string;
}

export class AllocationError extends Error {
  constructor(
    readonly code: 'notFound' | 'unexpectedState' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'AllocationError';
  }
}

const AllocRow = z.object({
  id: z.string(),
  transaction_id: z.string(),
  invoice_type: z.string(),
  code: z.string(),
  first_number: z.number().int(),
  last_number: z.number().int(),
  state: z.enum(['allocated', 'printing', 'printed', 'completed', 'returned', 'voided']),
});
const Span = z.object({ first_number: z.number().int(), last_number: z.number().int() });
const Range = Span.extend({ code: z.string() });

const toAllocation = (raw: unknown): Allocation => {
  const r = AllocRow.parse(raw);
  return {
    id: r.id,
    transactionId: r.transaction_id,
    type: r.invoice_type,
    code: r.code,
    first: formatNumber(r.first_number),
    last: formatNumber(r.last_number),
    quantity: r.last_number - r.first_number + 1,
    state: r.state,
  };
};

const RECOVERY: Record<RecoveryOutcome['was'], { now: RecoveryOutcome['now']; event: string; reason: string }> = {
  allocated: { now: 'returned', event: 'recoveredReturned', reason: 'process stopped before printing: the numbers never reached the printer' },
  printing: { now: 'voided', event: 'recoveredVoided', reason: 'process stopped while printing: the forms may be on paper, numbers voided and never reused' },
  printed: {
    now: 'completed',
    event: 'recoveredCompleted',
    reason: 'process stopped after the forms left the printer: completed by recovery, numbers never reused',
  },
};

export class StockAllocator {
  private readonly now: () => Date;
  private readonly newId = monotonicFactory();

  constructor(
    private readonly db: Db,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The lowest run of `quantity` free consecutive numbers of `type` (lowest code, then number). */
  allocate(request: { transactionId: string; type: string; quantity: number }): AllocateResult {
    const quantity = request.quantity;
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 1000) throw new AllocationError('invalid', 'quantity must be 1..1000');
    return this.db
      .transaction((): AllocateResult => {
        let remaining = 0;
        let longestRun = 0;
        const ranges = this.db
          .prepare('SELECT code, first_number, last_number FROM invoice_stock WHERE invoice_type = ? ORDER BY code, first_number')
          .all(request.type)
          .map((raw) => Range.parse(raw));
        const taken = this.db.prepare(
          `SELECT first_number, last_number FROM stock_allocations
         WHERE code = ? AND state <> 'returned' AND last_number >= ? AND first_number <= ? ORDER BY first_number`,
        );
        for (const range of ranges) {
          let cursor = range.first_number;
          const gaps: Array<[number, number]> = [];
          for (const raw of taken.all(range.code, range.first_number, range.last_number)) {
            const t = Span.parse(raw);
            if (t.first_number > cursor) gaps.push([cursor, t.first_number - 1]);
            cursor = Math.max(cursor, t.last_number + 1);
          }
          if (cursor <= range.last_number) gaps.push([cursor, range.last_number]);
          for (const [from, to] of gaps) {
            const size = to - from + 1;
            if (size >= quantity) return { ok: true, allocation: this.claim(request, range.code, from, from + quantity - 1) };
            remaining += size;
            longestRun = Math.max(longestRun, size);
          }
        }
        return { ok: false, reason: 'noStock', remaining, longestRun };
      })
      .immediate();
  }

  /** Call BEFORE the first byte goes to the printer (write-ahead; see the file comment). */
  markPrinting(allocationId: string): Allocation {
    return this.move(allocationId, ['allocated'], 'printing', 'printing', null);
  }

  /** The printer reported the forms done. */
  markPrinted(allocationId: string): Allocation {
    return this.move(allocationId, ['printing'], 'printed', 'printed', null);
  }

  /** The taxpayer's transaction finished with these forms. */
  complete(allocationId: string): Allocation {
    return this.move(allocationId, ['printed'], 'completed', 'completed', null);
  }

  /** Numbers that never went to the printer go back to stock (e.g. the taxpayer left). */
  returnAllocation(allocationId: string, reason: string): Allocation {
    return this.move(allocationId, ['allocated'], 'returned', 'returned', reason);
  }

  /**
   * The printer refused the job before its first byte (its status check said
   * not ready): nothing reached the paper, the pre-printed form is still the
   * next in the tray, so its number goes back to stock for the retry. Only for
   * that certainty — any doubt is `voidAllocation`.
   */
  releaseUnprinted(allocationId: string, reason: string): Allocation {
    return this.move(allocationId, ['printing'], 'returned', 'returned', reason);
  }

  /** Forms that may be on paper but are not valid (jam, misprint): never reused. */
  voidAllocation(allocationId: string, reason: string): Allocation {
    return this.move(allocationId, ['printing', 'printed'], 'voided', 'voided', reason);
  }

  get(allocationId: string): Allocation | null {
    const raw = this.db.prepare('SELECT * FROM stock_allocations WHERE id = ?').get(allocationId);
    return raw === undefined ? null : toAllocation(raw);
  }

  /** Allocations not yet completed, returned or voided, oldest first. */
  inFlight(): Allocation[] {
    return this.db.prepare("SELECT * FROM stock_allocations WHERE state IN ('allocated', 'printing', 'printed') ORDER BY id").all().map(toAllocation);
  }

  /** Settles every in-flight allocation left by a process that died; one stock event each. */
  recoverOnStartup(): RecoveryOutcome[] {
    return this.db
      .transaction(() =>
        this.inFlight().map((a) => {
          const was = a.state as RecoveryOutcome['was'];
          const plan = RECOVERY[was];
          this.update(a, plan.now, plan.event, plan.reason, 'recovery');
          return { allocationId: a.id, transactionId: a.transactionId, code: a.code, first: a.first, last: a.last, was, now: plan.now, reason: plan.reason };
        }),
      )
      .immediate();
  }

  private claim(request: { transactionId: string; type: string }, code: string, first: number, last: number): Allocation {
    const id = this.newId();
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO stock_allocations (id, transaction_id, invoice_type, code, first_number, last_number, state, allocated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'allocated', ?)`,
      )
      .run(id, request.transactionId, request.type, code, first, last, at);
    this.db
      .prepare(
        `WITH RECURSIVE n(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM n WHERE x < ?)
         INSERT INTO allocated_numbers (code, number, allocation_id) SELECT ?, x, ? FROM n`,
      )
      .run(first, last, code, id);
    this.event(at, 'allocated', id, code, first, last, null, 'kiosk');
    return {
      id,
      transactionId: request.transactionId,
      type: request.type,
      code,
      first: formatNumber(first),
      last: formatNumber(last),
      quantity: last - first + 1,
      state: 'allocated',
    };
  }

  private move(allocationId: string, from: readonly AllocationState[], to: AllocationState, event: string, reason: string | null): Allocation {
    return this.db
      .transaction(() => {
        const current = this.get(allocationId);
        if (!current) throw new AllocationError('notFound', `no allocation ${allocationId}`);
        if (!from.includes(current.state)) {
          throw new AllocationError('unexpectedState', `allocation ${allocationId} is ${current.state}; ${to} needs ${from.join(' or ')}`);
        }
        this.update(current, to, event, reason, 'kiosk');
        return { ...current, state: to };
      })
      .immediate();
  }

  private update(a: Allocation, to: AllocationState, event: string, reason: string | null, actor: string): void {
    const at = this.now().toISOString();
    const column = to === 'printing' ? 'printing_at' : to === 'printed' ? 'printed_at' : 'finished_at';
    const changed = this.db
      .prepare(`UPDATE stock_allocations SET state = ?, ${column} = ?, finish_reason = coalesce(?, finish_reason) WHERE id = ? AND state = ?`)
      .run(to, at, reason, a.id, a.state);
    if (changed.changes !== 1) throw new AllocationError('unexpectedState', `allocation ${a.id} changed underneath`);
    this.event(at, event, a.id, a.code, Number(a.first), Number(a.last), reason, actor);
  }

  private event(at: string, event: string, allocationId: string, code: string, first: number, last: number, reason: string | null, actor: string): void {
    this.db
      .prepare('INSERT INTO stock_events (at, event, allocation_id, code, first_number, last_number, reason, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, event, allocationId, code, first, last, reason, actor);
  }
}
