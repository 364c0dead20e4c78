import type { Receipt, ReceiptLine } from '../../../shared/domain/receipt';
import { maskIdNumber, maskName } from '../../../shared/domain/pii';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import { groupedYuan } from '../documents/iit-certificate';
import { receiptFooter } from './receipt-footer';

export interface CertificateReceiptData {
  lang: Lang;
  /** Overrides of the catalogue texts (config bundles). */
  texts?: TextOverrides;
  /** Full values in memory only: the receipt prints them masked. */
  name: string;
  idNumber: string;
  from: string;
  to: string;
  recordCount: number;
  totalFen: number;
  pages: number;
  /** As printed on the certificate (grouped). */
  verificationCode: string;
  at: Date;
  kioskId: string;
  transactionId: string;
}

function month(d: CertificateReceiptData, value: string): string {
  const [year = '', mm = ''] = value.split('-');
  return translateWith(d.texts, d.lang, 'certificate.month', { year, month: mm });
}

/**
 * The certificate receipt: a receipt is easily left behind, so the name and
 * the ID number are masked (docs/sync.md "Personal data"); the verification code
 * lets the holder check or trace the certificate later.
 */
export function certificateReceipt(d: CertificateReceiptData): Receipt {
  const lines: ReceiptLine[] = [
    { type: 'text', text: translateWith(d.texts, d.lang, 'receipt.certificate.title'), align: 'center', bold: true, size: 2 },
    { type: 'separator', char: '=' },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.certificate.name'), value: maskName(d.name) },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.certificate.idNumber'), value: maskIdNumber(d.idNumber) },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.certificate.period'), value: '' },
    { type: 'text', text: translateWith(d.texts, d.lang, 'certificate.periodRange', { from: month(d, d.from), to: month(d, d.to) }) },
    {
      type: 'pair',
      label: translateWith(d.texts, d.lang, 'receipt.certificate.records'),
      value: translateWith(d.texts, d.lang, 'receipt.certificate.recordsValue', { count: d.recordCount }),
    },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.certificate.total'), value: `¥${groupedYuan(d.totalFen)}`, bold: true },
    {
      type: 'pair',
      label: translateWith(d.texts, d.lang, 'receipt.certificate.pages'),
      value: translateWith(d.texts, d.lang, 'receipt.certificate.pagesValue', { count: d.pages }),
    },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.certificate.code'), value: '' },
    { type: 'text', text: d.verificationCode, bold: true },
    { type: 'separator', char: '-' },
    ...receiptFooter(d, 'receipt.certificate.note'),
  ];
  return { lines };
}
