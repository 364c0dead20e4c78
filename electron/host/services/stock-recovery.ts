import type { Logger } from '../logger';
import type { StockAllocator } from '../stock/allocator';
import type { TransactionStore } from '../transactions/transaction-store';
import { TransactionError } from '../transactions/transaction-store';

/**
 * Runs the allocator's crash recovery once at host start, before any service
 * allocates. Numbers that may be on paper are voided by the allocator; the
 * transaction they belonged to is flagged for staff where its state allows,
 * because nobody knows whether the taxpayer got the forms.
 */
export function recoverStockOnStartup(allocator: StockAllocator, store: TransactionStore, log: Logger): number {
  const outcomes = allocator.recoverOnStartup();
  for (const o of outcomes) {
    // Codes and numbers are stock data, not personal data.
    log.warn(
      {
        event: 'stock.recovered',
        allocationId: o.allocationId,
        transactionId: o.transactionId,
        code: o.code,
        first: o.first,
        last: o.last,
        was: o.was,
        now: o.now,
      },
      o.reason,
    );
    flag(store, o.transactionId, o.reason, log);
  }
  return outcomes.length;
}

function flag(store: TransactionStore, transactionId: string, reason: string, log: Logger): void {
  const tx = store.get(transactionId);
  if (!tx) return;
  const to = tx.state === 'created' ? 'failed' : tx.state === 'printing' || tx.state === 'printed' ? 'needsAttention' : null;
  if (to === null) return;
  try {
    store.transition(transactionId, { from: tx.state, to, error: `stock recovery: ${reason}` });
    log.warn({ event: 'transaction.recovered', transactionId, from: tx.state, to }, 'transaction settled by stock recovery');
  } catch (error) {
    if (!(error instanceof TransactionError)) throw error;
    log.warn({ event: 'transaction.recoveryRefused', transactionId, state: tx.state, code: error.code }, 'transaction left as is');
  }
}
