import type { IssuanceRefusal, TaxLineView } from '../../../shared/contract/services/issuance';
import type { PrinterFault } from '../../../shared/domain/device-status';
import { formatFen, formatTaxRate } from '../../../shared/domain/invoice-form';
import type { PlainKey } from '../../../shared/i18n';
import type { T } from '../hooks/use-t';
import { assertNever } from '../../../shared/assert-never';
import type { Progress } from './issuance';
import { printerFaultKey, printerInTextKey } from './printers';
import { wallClock } from '../../../shared/i18n/clock';

/** `123456` fen → `1,234.56 元` / `CNY 1,234.56`: grouped for reading, from integers only. */
export function money(t: T, fen: number): string {
  const [yuan = '0', cents = '00'] = formatFen(fen).split('.');
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return t('issuance.yuan', { amount: `${grouped}.${cents}` });
}

/** 150 → `1.5%`. */
export function rate(bp: number): string {
  return formatTaxRate(bp);
}

export function taxLineKey(kind: TaxLineView['kind']): PlainKey {
  switch (kind) {
    case 'vat':
      return 'issuance.tax.vat';
    case 'urbanMaintenance':
      return 'issuance.tax.urbanMaintenance';
    case 'education':
      return 'issuance.tax.education';
    case 'localEducation':
      return 'issuance.tax.localEducation';
    case 'iit':
      return 'issuance.tax.iit';
    default:
      return assertNever(kind);
  }
}

export function faultText(t: T, printer: 'invoice' | 'receipt', fault: PrinterFault): string {
  return t(printerFaultKey(fault), { printer: t(printerInTextKey(printer)) });
}

/** One plain sentence per refusal: what happened and what to do next. */
export function refusalText(t: T, refusal: IssuanceRefusal): string {
  switch (refusal.reason) {
    case 'sellerHasArrears':
      return t('issuance.refused.sellerHasArrears', { amount: money(t, refusal.arrearsFen) });
    case 'sellerCreditGradeBlocked':
      return t('issuance.refused.sellerCreditGradeBlocked', { grade: refusal.grade });
    case 'notRegistered':
      return t('issuance.refused.notRegistered');
    case 'buyerTaxIdInvalid':
      return t('issuance.refused.buyerTaxIdInvalid');
    case 'grossNotPositive':
      return t('issuance.refused.grossNotPositive');
    case 'grossOverLimit':
      return t('issuance.refused.grossOverLimit', { gross: money(t, refusal.grossFen), limit: money(t, refusal.limitFen) });
    case 'lineAmountMismatch':
      return t('issuance.refused.lineAmountMismatch', { line: refusal.lineIndex + 1 });
    case 'tooManyLines':
      return t('issuance.refused.tooManyLines', { max: refusal.maxLines, lines: refusal.lines });
    case 'noStock':
      return t('issuance.refused.noStock');
    case 'backendUnreachable':
      return t('issuance.refused.backendUnreachable');
    case 'printerNotReady':
      return t('issuance.refused.printerNotReady', { fault: faultText(t, refusal.printer, refusal.fault) });
    default:
      return assertNever(refusal);
  }
}

export function printProgressText(t: T, progress: Progress | null): string {
  if (progress === null) return t('issuance.print.allocating');
  switch (progress.step) {
    case 'checking':
    case 'allocating':
      return t('issuance.print.allocating');
    case 'printingForms':
      return t('issuance.print.invoice');
    case 'printingReceipt':
      return t('issuance.print.receipt');
    default:
      return assertNever(progress.step);
  }
}

/** `2026-06-01T08:15:00.000Z` → `16:15` in the kiosk's zone (Beijing): the QR code's deadline as people read it. */
export function deadlineClock(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return wallClock(at, timeZone);
}
