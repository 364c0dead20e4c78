import { z } from 'zod';

/**
 * The life of a transaction per service. `printing` is written BEFORE the
 * first byte goes to a printer: after a crash, `paid` means "safe to print
 * again" and `printing` means "maybe on paper" (needsAttention, never a
 * blind reprint) — that is how a paid taxpayer gets exactly one invoice.
 */
export const TransactionKind = z.enum(['invoiceCollection', 'invoiceIssue', 'iitCertificate']);
export type TransactionKind = z.infer<typeof TransactionKind>;

export const TransactionState = z.enum(['created', 'paymentPending', 'paid', 'printing', 'printed', 'completed', 'failed', 'refunded', 'needsAttention']);
export type TransactionState = z.infer<typeof TransactionState>;

/** No move leaves these (also a trigger in migration 3). */
export const FINAL_STATES: readonly TransactionState[] = ['completed', 'failed', 'refunded'];

type Moves = Partial<Record<TransactionState, readonly TransactionState[]>>;

/** Services without payment: refused before printing → failed; a print fault → needsAttention. */
const PRINT_ONLY: Moves = {
  created: ['printing', 'failed'],
  printing: ['printed', 'needsAttention'],
  printed: ['completed', 'needsAttention'],
  // A technician (or the backend's answer) settles it: it was printed, or it was not.
  needsAttention: ['completed', 'failed'],
};

const MOVES: Record<TransactionKind, Moves> = {
  invoiceCollection: PRINT_ONLY,
  iitCertificate: PRINT_ONLY,
  invoiceIssue: {
    created: ['paymentPending', 'failed'],
    // Cancelled or expired before any money moved.
    paymentPending: ['paid', 'failed'],
    // From paid the only ways out are the invoice or the money back.
    paid: ['printing', 'refunded', 'needsAttention'],
    // → paid only when the printer refused the job before its first byte (nothing on paper, safe to print again).
    printing: ['printed', 'needsAttention', 'paid'],
    printed: ['completed', 'needsAttention'],
    // Resolved by a person: print again (back to paid), refund, or confirm it was printed.
    needsAttention: ['paid', 'refunded', 'completed'],
  },
};

export function canMove(kind: TransactionKind, from: TransactionState, to: TransactionState): boolean {
  return MOVES[kind][from]?.includes(to) ?? false;
}

export function isFinal(state: TransactionState): boolean {
  return FINAL_STATES.includes(state);
}
