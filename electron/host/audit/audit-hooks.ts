import type { SessionEndReason } from '../../../shared/contract/session';
import { printerFault, type PrinterStatus } from '../../../shared/domain/device-status';
import type { IdCard } from '../../../shared/domain/idcard';
import { maskIdNumber } from '../../../shared/domain/pii';
import type { AuditLog } from './audit-log';

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
