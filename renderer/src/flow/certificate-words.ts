import type { CertificateRefusal } from '../../../shared/contract/services/certificate';
import type { PrinterFault } from '../../../shared/domain/device-status';
import type { MonthRange } from '../../../shared/domain/certificate-period';
import type { CertificateStep } from './certificate';
import { printerFaultKey, printerInTextKey } from './printers';
import { assertNever } from '../../../shared/assert-never';
import type { T } from '../hooks/use-t';

/** `2025-03` → 2025年03月 / 2025-03, as the certificate prints it. */
export function monthText(t: T, month: string): string {
  const [year = '', mm = ''] = month.split('-');
  return t('certificate.month', { year, month: mm });
}

export function rangeText(t: T, range: MonthRange): string {
  return t('certificate.periodRange', { from: monthText(t, range.from), to: monthText(t, range.to) });
}

/** Short month names for the picker grid, January first. */
export function monthNames(t: T): string[] {
  return t('certificate.ui.custom.monthNames').split(',');
}

/** `1234567` fen → `¥12,345.67`. */
export function yuanText(fen: number): string {
  const yuan = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

export function faultText(t: T, printer: 'a4' | 'receipt', fault: PrinterFault): string {
  return t(printerFaultKey(fault), { printer: t(printerInTextKey(printer)) });
}

/** What happened, and what to do next, for each refusal. */
export function refusalWords(t: T, refusal: CertificateRefusal): { message: string; next: string | null } {
  switch (refusal.reason) {
    case 'backendUnreachable':
      return { message: t('certificate.ui.refused.backendUnreachable'), next: t('certificate.ui.refused.backendUnreachable.next') };
    case 'periodOutOfRange':
      return {
        message: t('certificate.ui.refused.periodOutOfRange', {
          earliest: monthText(t, refusal.earliest),
          latest: monthText(t, refusal.latest),
          span: refusal.maxSpanMonths,
        }),
        next: null,
      };
    case 'printerNotReady':
      return {
        message: t('certificate.ui.refused.printerNotReady', { fault: faultText(t, refusal.printer, refusal.fault) }),
        next: t('certificate.ui.refused.printerNotReady.next'),
      };
    default:
      return assertNever(refusal);
  }
}

/** The progress line under "请勿离开". */
export function progressWords(t: T, step: CertificateStep | null): string {
  if (step === null) return t('certificate.ui.progress.fetching');
  switch (step) {
    case 'fetching':
      return t('certificate.ui.progress.fetching');
    case 'rendering':
      return t('certificate.ui.progress.rendering');
    case 'printing':
      return t('certificate.ui.progress.printing');
    case 'printingReceipt':
      return t('certificate.ui.progress.printingReceipt');
    default:
      return assertNever(step);
  }
}

/** Progress as a share of the whole, for the bar (the steps are not equally long, but they go one way). */
export function progressShare(step: CertificateStep | null): number {
  const order: (CertificateStep | null)[] = [null, 'fetching', 'rendering', 'printing', 'printingReceipt'];
  return (order.indexOf(step) + 0.5) / order.length;
}
