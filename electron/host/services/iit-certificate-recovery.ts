import type { Logger } from '../logger';
import type { TransactionStore } from '../transactions/transaction-store';
import { TransactionError } from '../transactions/transaction-store';

/**
 * Runs once at host start, before any visit can print a certificate
 * (docs/certificate.md "After a crash"). A certificate is recorded already
 * `printing`, in the same SQLite transaction as its outbox row, before the
 * PDF goes to the A4 printer. What a crash can leave:
 * - `created`: never sent to the printer (the normal path does not even
 *   commit it): nothing on paper, the transaction fails.
 * - `printing`: the job may be on paper or not: needsAttention, for staff to
 *   look. Never a blind reprint: a second copy would carry another
 *   verification code.
 * - `printed`: the A4 printer had taken the whole job; only the receipt may
 *   be missing, which the normal path also accepts: completed.
 * A certificate already `needsAttention` stays as it is (a person settles it).
 */
export function recoverCertificatesOnStartup(store: TransactionStore, log: Logger): { failed: number; flagged: number; completed: number } {
  const counts = { failed: 0, flagged: 0, completed: 0 };
  for (const tx of store.listOpen(10_000)) {
    if (tx.kind !== 'iitCertificate') continue;
    const move =
      tx.state === 'created'
        ? { to: 'failed' as const, error: 'host stopped before the certificate went to the printer', count: 'failed' as const }
        : tx.state === 'printing'
          ? { to: 'needsAttention' as const, error: 'host stopped while printing: the certificate may be on paper', count: 'flagged' as const }
          : tx.state === 'printed'
            ? { to: 'completed' as const, error: 'host stopped after the A4 printer took the job: the receipt may be missing', count: 'completed' as const }
            : null;
    if (!move) continue;
    try {
      store.transition(tx.id, { from: tx.state, to: move.to, error: move.error });
    } catch (error) {
      if (!(error instanceof TransactionError)) throw error;
      log.warn({ event: 'certificate.recoveryRefused', transactionId: tx.id, state: tx.state, code: error.code }, 'certificate left as is');
      continue;
    }
    // Ids and states only: the person's ID number stays encrypted in the store.
    log.warn({ event: 'certificate.recovered', transactionId: tx.id, from: tx.state, to: move.to }, move.error);
    counts[move.count]++;
  }
  return counts;
}
