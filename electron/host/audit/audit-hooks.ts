import type { SessionEndReason } from '../../../shared/contract/session';
import { printerFault, type PrinterStatus } from '../../../shared/domain/device-status';
import type { IdCard } from '../../../shared/domain/idcard';
import { maskIdNumber } from '../../../shared/domain/pii';
import type { CardRejection } from '../../../shared/domain/idcard';
import type { TransactionStep } from '../transactions/transaction-store';
import type { AuditLog } from './audit-log';
import type { RefusalSeen } from './audit-refusals';
import { maskText } from './audit-mask';

/**
 * One-line audit calls for the host's wiring (host.ts), so the composition
 * root stays readable. Each masks before anything reaches the log: the card
 * appears as `370102********1234`, never with the name.
 */
export function auditSessionStarted(audit: AuditLog, sessionId: string, card: IdCard): void {
  audit.record({ kind: 'session.start', data: { sessionId, cardType: card.cardType, maskedId: maskIdNumber(card.idNumber) } });
}

export function auditSessionEnded(audit: AuditLog, sessionId: string, reason: SessionEndReason): void {
  audit.record({ kind: 'session.end', data: { sessionId, reason } });
}

/** A printer status with a fault (no paper, cover open, offline...) is an audit entry; a healthy one is not. */
export function auditPrinterFault(audit: AuditLog, status: PrinterStatus): void {
  const fault = printerFault(status);
  if (fault) audit.record({ kind: 'device.fault', data: { device: `${status.kind}Printer`, fault } });
}

/**
 * Every state a transaction reaches is an entry (TransactionStore's onStep),
 * so issuance (quoted, paymentPending, paid, printing, printed, completed,
 * refunded), certificates and collections are traced alike. An issuance's
 * `created` is its accepted quote, so it is named `quoted`.
 */
export function auditTransactionStep(audit: AuditLog, step: TransactionStep): void {
  const name = step.state === 'created' && step.kind === 'invoiceIssue' ? 'quoted' : step.state;
  const detail =
    step.state === 'created'
      ? `national ${step.nationalFen ?? 0} fen, local ${step.localFen ?? 0} fen`
      : step.error
        ? maskText(step.error).slice(0, 500)
        : undefined;
  audit.record({ kind: 'transaction.step', data: { transactionId: step.transactionId, service: step.kind, step: name, ...(detail ? { detail } : {}) } });
}

/** A card the kiosk would not take (expired, unreadable, not a resident card...): who is not recorded, only why. */
export function auditCardRejected(audit: AuditLog, cardType: string | null, rejection: CardRejection): void {
  audit.record({ kind: 'card.rejected', data: { cardType, rejection } });
}

/** A request refused (not eligible, over quota, a used 取票码, arrears...): the call and the reason code. */
export function auditRefusal(audit: AuditLog, refusal: RefusalSeen): void {
  audit.record({ kind: 'service.refused', data: { method: refusal.method, reason: refusal.reason } });
}
