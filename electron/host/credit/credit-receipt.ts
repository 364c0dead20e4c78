import type { Receipt, ReceiptLine } from '../../../shared/domain/receipt';
import { maskIdNumber, maskName } from '../../../shared/domain/pii';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import { beijingTime, receiptFooter } from '../services/receipt-footer';
import type { ConsentScope } from './consent-gate';

export interface CreditReceiptData {
  lang: Lang;
  texts?: TextOverrides;
  kind: 'consent' | 'revoke';
  taxpayerName: string;
  taxpayerId: string;
  bankName: string;
  scope: ConsentScope;
  expiresAt: string;
  /** The bank's reference; null while it has not answered. */
  applicationRef: string | null;
  at: Date;
  kioskId: string;
  /** The consent id: what staff and the bank trace it by. */
  transactionId: string;
}

/**
 * The 银税互动 receipt (docs/credit-sharing.md): which bank, for what, what
 * was shared and until when, and the bank's application reference. A receipt
 * is easily left behind: the taxpayer's name and credit code are masked.
 */
export function creditReceipt(d: CreditReceiptData): Receipt {
  const t = translateWith;
  const consent = d.kind === 'consent';
  const lines: ReceiptLine[] = [
    {
      type: 'text',
      text: t(d.texts, d.lang, consent ? 'receipt.credit.consentTitle' : 'receipt.credit.revokeTitle'),
      align: 'center',
      bold: true,
      size: 2,
    },
    { type: 'separator', char: '=' },
    { type: 'pair', label: t(d.texts, d.lang, 'receipt.credit.taxpayer'), value: maskName(d.taxpayerName) },
    { type: 'pair', label: t(d.texts, d.lang, 'receipt.credit.taxpayerId'), value: maskIdNumber(d.taxpayerId) },
    { type: 'pair', label: t(d.texts, d.lang, 'receipt.credit.bank'), value: d.bankName },
    { type: 'pair', label: t(d.texts, d.lang, 'receipt.credit.purpose'), value: t(d.texts, d.lang, 'receipt.credit.purposeValue') },
    { type: 'pair', label: t(d.texts, d.lang, 'receipt.credit.shared'), value: '' },
    { type: 'text', text: t(d.texts, d.lang, 'receipt.credit.sharedValue', { grade: d.scope.grade, year: d.scope.year }) },
    ...(consent
      ? [{ type: 'pair' as const, label: t(d.texts, d.lang, 'receipt.credit.expires'), value: beijingTime(new Date(d.expiresAt)).slice(0, 10) }]
      : []),
    {
      type: 'pair',
      label: t(d.texts, d.lang, 'receipt.credit.reference'),
      value: d.applicationRef ?? t(d.texts, d.lang, 'receipt.credit.referencePending'),
      bold: true,
    },
    { type: 'separator', char: '-' },
    ...receiptFooter(d, consent ? 'receipt.credit.consentNote' : 'receipt.credit.revokeNote'),
  ];
  return { lines };
}
