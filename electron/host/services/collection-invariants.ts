import { z } from 'zod';
import type { TaxBackend } from '../../../shared/backend';
import type { Db } from '../db/database';
import type { CollectionLedger } from './collection-ledger';
import { beijingMonth } from './invoice-issue-checks';

/**
 * The business rules of invoice collection that must never break, checked
 * from the records rather than from the code that enforces them
 * (docs/collection.md "Invariants"; `kioskctl load` exits 1 on a breach):
 *
 * - quota: per taxpayer, type and month, what the backend counts plus what
 *   this kiosk dispensed that the backend has not counted yet is within the
 *   monthly quota;
 * - pickupOnce: no 取票码 in two of this kiosk's collections that dispensed.
 *
 * Only this month can be asked of the backend; a taxpayer the backend now
 * refuses for another reason (arrears…) answers no numbers and is skipped.
 */
export interface InvariantBreach {
  rule: 'quota' | 'pickupOnce';
  detail: string;
}

export interface InvariantReport {
  /** Taxpayer × type pairs whose quota was checked. */
  quotaChecked: number;
  breaches: InvariantBreach[];
}

const Pairs = z.array(z.object({ taxpayer_id: z.string(), invoice_type: z.string() }));
const Codes = z.array(z.object({ code: z.string(), n: z.number().int() }));

export async function checkCollectionInvariants(
  db: Db,
  backend: Pick<TaxBackend, 'eligibilityCollect'>,
  ledger: CollectionLedger,
  now: Date,
): Promise<InvariantReport> {
  const breaches: InvariantBreach[] = [];
  // Every collection that may have put forms in someone's hands (not failed before printing), by its own payload.
  const codes = Codes.parse(
    db
      .prepare(
        `SELECT json_extract(payload, '$.pickupCode') AS code, count(*) AS n FROM transactions
          WHERE kind = 'invoiceCollection' AND state <> 'failed' AND json_extract(payload, '$.pickupCode') IS NOT NULL
          GROUP BY code HAVING n > 1`,
      )
      .all(),
  );
  for (const { code, n } of codes) breaches.push({ rule: 'pickupOnce', detail: `取票码 ${code} dispensed by ${n} transactions` });

  const month = beijingMonth(now);
  const pairs = Pairs.parse(db.prepare('SELECT DISTINCT taxpayer_id, invoice_type FROM collection_ledger WHERE month = ? ORDER BY 1, 2').all(month));
  let quotaChecked = 0;
  for (const { taxpayer_id: taxpayerId, invoice_type: invoiceType } of pairs) {
    const open = ledger.unacknowledged(taxpayerId, invoiceType, month);
    const answer = await backend.eligibilityCollect({ taxpayerId, invoiceType, quantity: 1, unacknowledged: open.map((e) => e.transactionId) });
    ledger.markCounted(answer.counted);
    const counted = new Set(answer.counted);
    const pending = open.filter((e) => !counted.has(e.transactionId)).reduce((sum, e) => sum + e.quantity, 0);
    const numbers = answer.outcome === 'ok' ? answer : answer.refusal.reason === 'quotaExceeded' ? answer.refusal : null;
    if (numbers === null) continue;
    quotaChecked++;
    if (numbers.usedThisMonth + pending > numbers.monthlyQuota) {
      breaches.push({
        rule: 'quota',
        detail: `${taxpayerId} ${invoiceType} ${month}: ${numbers.usedThisMonth} counted + ${pending} not yet > quota ${numbers.monthlyQuota}`,
      });
    }
  }
  return { quotaChecked, breaches };
}
