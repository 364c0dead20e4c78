import { z } from 'zod';
import { ulidTime } from '../../../shared/backend';
import type { Db } from '../db/database';
import { beijingMonth } from './invoice-issue-checks';

/**
 * The kiosk's own record of invoice collections (migration 6; design in
 * docs/collection.md "The unacknowledged ledger" and "Claims"):
 *
 * - `collection_ledger`: one entry per collection dispensed here, written in
 *   the dispense's SQLite transaction. Until the backend says its numbers
 *   include it (`counted`), the kiosk subtracts it from every quota answer,
 *   so the count is right at once whatever the outbox and the backend's
 *   intake are doing. An entry is never removed; `counted_at` is set once.
 * - `collection_claim_intents`: a backend claim asked for and not settled
 *   here yet. Written before the call; removed in the dispense's transaction
 *   (then the ledger has it) or once the backend took the claim back. What
 *   is left after a crash or a lost reply is a claim to give back.
 */
export interface LedgerEntry {
  transactionId: string;
  taxpayerId: string;
  invoiceType: string;
  quantity: number;
  pickupCode: string | null;
}

export interface ClaimIntent {
  transactionId: string;
  pickupCode: string | null;
}

const Unacknowledged = z.array(z.object({ transaction_id: z.string(), quantity: z.number().int() }));
const Intents = z.array(z.object({ transaction_id: z.string(), pickup_code: z.string().nullable() }));

/** The tax month a collection counts in: its transaction's creation time, in Beijing (as the backend counts it). */
export function ledgerMonth(transactionId: string): string {
  return beijingMonth(ulidTime(transactionId));
}

export class CollectionLedger {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Call inside the dispense's SQLite transaction. A 取票码 already dispensed here fails (unique index). */
  record(entry: LedgerEntry): void {
    this.db
      .prepare(
        `INSERT INTO collection_ledger (transaction_id, taxpayer_id, invoice_type, month, quantity, pickup_code, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.transactionId,
        entry.taxpayerId,
        entry.invoiceType,
        ledgerMonth(entry.transactionId),
        entry.quantity,
        entry.pickupCode,
        this.now().toISOString(),
      );
  }

  /** Entries of this taxpayer, type and month the backend has not said it counted, oldest first (at most 1000: the contract's bound). */
  unacknowledged(taxpayerId: string, invoiceType: string, month: string): Array<{ transactionId: string; quantity: number }> {
    const rows = this.db
      .prepare(
        `SELECT transaction_id, quantity FROM collection_ledger
          WHERE taxpayer_id = ? AND invoice_type = ? AND month = ? AND counted_at IS NULL ORDER BY transaction_id LIMIT 1000`,
      )
      .all(taxpayerId, invoiceType, month);
    return Unacknowledged.parse(rows).map((r) => ({ transactionId: r.transaction_id, quantity: r.quantity }));
  }

  /** The backend's answer includes these: stop subtracting them. */
  markCounted(transactionIds: readonly string[]): number {
    if (transactionIds.length === 0) return 0;
    const at = this.now().toISOString();
    const update = this.db.prepare('UPDATE collection_ledger SET counted_at = ? WHERE transaction_id = ? AND counted_at IS NULL');
    return this.db.transaction(() => transactionIds.reduce((n, id) => n + update.run(at, id).changes, 0))();
  }

  /** When this kiosk dispensed the code, or null (refused here even with the backend down). */
  pickupDispensedAt(code: string): string | null {
    const row = this.db.prepare('SELECT recorded_at FROM collection_ledger WHERE pickup_code = ?').get(code) as { recorded_at: string } | undefined;
    return row?.recorded_at ?? null;
  }

  /** Written (and committed) before `collection.claim` is asked. */
  addIntent(intent: ClaimIntent): void {
    this.db
      .prepare('INSERT INTO collection_claim_intents (transaction_id, pickup_code, created_at) VALUES (?, ?, ?)')
      .run(intent.transactionId, intent.pickupCode, this.now().toISOString());
  }

  /** The claim is settled here: dispensed (inside the dispense's transaction) or given back. */
  dropIntent(transactionId: string): void {
    this.db.prepare('DELETE FROM collection_claim_intents WHERE transaction_id = ?').run(transactionId);
  }

  /** Claims asked for and never settled, oldest first. */
  intents(): ClaimIntent[] {
    const rows = this.db.prepare('SELECT transaction_id, pickup_code FROM collection_claim_intents ORDER BY transaction_id').all();
    return Intents.parse(rows).map((r) => ({ transactionId: r.transaction_id, pickupCode: r.pickup_code }));
  }
}
