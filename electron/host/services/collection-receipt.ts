import type { Receipt, ReceiptLine } from '../../../shared/domain/receipt';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import { receiptFooter } from './receipt-footer';

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
    {
      type: 'pair',
      label: translateWith(d.texts, d.lang, 'receipt.collection.range'),
      value: translateWith(d.texts, d.lang, 'receipt.collection.rangeValue', { first: d.first, last: d.last }),
    },
    {
      type: 'pair',
      label: translateWith(d.texts, d.lang, 'receipt.collection.quantity'),
      value: translateWith(d.texts, d.lang, 'receipt.collection.quantityValue', { count: d.quantity }),
      bold: true,
    },
    { type: 'separator', char: '-' },
    ...receiptFooter(d, 'receipt.collection.note'),
  ];
  return { lines };
}
