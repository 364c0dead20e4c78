import type { Logger } from '../logger';
import type { TransactionStore } from '../transactions/transaction-store';

/**
 * Runs once at host start, after the stock recovery (which already flagged an
 * issue caught `printing` or `printed` as needsAttention: maybe on paper, never
 * reprinted blindly). What is left to settle here:
 * - `created`: the process stopped before the QR code was shown, so nobody
 *   can have paid: the transaction fails.
 * - `paymentPending` and `paid` stay as they are: the same person's next visit
 *   asks the backend about the payment and prints the invoice — the money is
 *   never taken twice and the transaction is never dropped. They are counted
 *   in the log so staff can see paid invoices waiting for their taxpayer.
 */
export function recoverIssuesOnStartup(store: TransactionStore, log: Logger): { failed: number; waitingPaid: number; waitingPayment: number } {
  const counts = { failed: 0, waitingPaid: 0, waitingPayment: 0 };
  for (const tx of store.listOpen(10_000)) {
    if (tx.kind !== 'invoiceIssue') continue;
    if (tx.state === 'created') {
      store.transition(tx.id, { from: 'created', to: 'failed', error: 'host stopped before the payment code was shown' });
      log.warn({ event: 'issue.recovered', transactionId: tx.id, from: 'created', to: 'failed' }, 'unpaid issue closed at start');
      counts.failed++;
    } else if (tx.state === 'paid') counts.waitingPaid++;
    else if (tx.state === 'paymentPending') counts.waitingPayment++;
  }
  if (counts.waitingPaid + counts.waitingPayment > 0) {
    log.warn({ event: 'issue.waiting', paid: counts.waitingPaid, paymentPending: counts.waitingPayment }, 'issues wait for their taxpayer to come back');
  }
  return counts;
}
