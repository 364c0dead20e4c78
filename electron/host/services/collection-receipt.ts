import type { Receipt, ReceiptLine } from '../../../shared/domain/receipt';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';

export interface CollectionReceiptData {
  lang: Lang;
  /** Overrides of the catalogue texts (config bundles). */
  texts?: TextOverrides;
  taxpayerName: string;
  invoiceTypeName: string;
  code: string;
  first: string;
  last: string;
  quantity: number;
  at: Date;
  kioskId: string;
  transactionId: string;
}

/** Beijing local time (the kiosk's tax offices are in China whatever the host's TZ). */
function beijingTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/** The collection receipt: no ID number, no person's name; the taxpayer is a business. */
export function collectionReceipt(d: CollectionReceiptData): Receipt {
  const lines: ReceiptLine[] = [
    { type: 'text', text: translateWith(d.texts, d.lang, 'receipt.collection.title'), align: 'center', bold: true, size: 2 },
    { type: 'separator', char: '=' },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.collection.taxpayer'), value: '' },
    { type: 'text', text: d.taxpayerName },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.collection.invoiceType'), value: '' },
    { type: 'text', text: d.invoiceTypeName },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.collection.code'), value: d.code },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.collection.range'), value: translateWith(d.texts, d.lang, 'receipt.collection.rangeValue', { first: d.first, last: d.last }) },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.collection.quantity'), value: translateWith(d.texts, d.lang, 'receipt.collection.quantityValue', { count: d.quantity }), bold: true },
    { type: 'separator', char: '-' },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.time'), value: beijingTime(d.at) },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.kiosk'), value: d.kioskId },
    { type: 'pair', label: translateWith(d.texts, d.lang, 'receipt.transaction'), value: '' },
    { type: 'text', text: d.transactionId },
    { type: 'qr', data: d.transactionId },
    { type: 'text', text: translateWith(d.texts, d.lang, 'receipt.qrHint'), align: 'center' },
    { type: 'separator', char: '-' },
    { type: 'text', text: translateWith(d.texts, d.lang, 'receipt.collection.note') },
    { type: 'feed', lines: 3 },
  ];
  return { lines };
}
