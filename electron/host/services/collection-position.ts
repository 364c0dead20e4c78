import type { CollectRefusal, TaxBackend } from '../../../shared/backend';
import { beijingMonth } from './invoice-issue-checks';
import type { CollectionLedger } from './collection-ledger';

/**
 * What a taxpayer may still collect of one type, as the kiosk shows and
 * checks it (docs/collection.md "The unacknowledged ledger"): the backend's
 * answer minus what this kiosk dispensed that the backend's numbers do not
 * include yet. The backend is told which collections the kiosk has not seen
 * acknowledged and answers which of them it has counted (`counted`, from the
 * same snapshot as its numbers); those are settled in the ledger, the rest
 * are subtracted. So nothing is subtracted twice, and nothing dispensed here
 * is forgotten while its outbox leg is still on its way.
 */
export type Position = { outcome: 'ok'; monthlyQuota: number; usedThisMonth: number; remaining: number } | { outcome: 'refused'; refusal: CollectRefusal };

export async function collectionPosition(
  backend: Pick<TaxBackend, 'eligibilityCollect'>,
  ledger: CollectionLedger,
  request: { taxpayerId: string; invoiceType: string; quantity: number },
  now: Date,
): Promise<Position> {
  const open = ledger.unacknowledged(request.taxpayerId, request.invoiceType, beijingMonth(now));
  const answer = await backend.eligibilityCollect({ ...request, unacknowledged: open.map((e) => e.transactionId) });
  ledger.markCounted(answer.counted);
  const counted = new Set(answer.counted);
  const pending = open.filter((e) => !counted.has(e.transactionId)).reduce((sum, e) => sum + e.quantity, 0);

  if (answer.outcome === 'refused') {
    const refusal = answer.refusal;
    if (refusal.reason !== 'quotaExceeded') return { outcome: 'refused', refusal };
    return { outcome: 'refused', refusal: { ...refusal, usedThisMonth: refusal.usedThisMonth + pending, remaining: Math.max(0, refusal.remaining - pending) } };
  }
  const usedThisMonth = answer.usedThisMonth + pending;
  const remaining = Math.max(0, answer.monthlyQuota - usedThisMonth);
  if (request.quantity > remaining) {
    return {
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: answer.monthlyQuota, usedThisMonth, remaining, requested: request.quantity },
    };
  }
  return { outcome: 'ok', monthlyQuota: answer.monthlyQuota, usedThisMonth, remaining };
}
