import type { Receipt, ReceiptLine } from '../../../shared/domain/receipt';
import { formatFen } from '../../../shared/domain/invoice-form';
import type { TaxLineKind } from '../../../shared/domain/tax/quote';
import { translateWith, type PlainKey, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import { receiptFooter } from './receipt-footer';

export interface IssueReceiptData {
  lang: Lang;
  /** Overrides of the catalogue texts (config bundles). */
  texts?: TextOverrides;
  /** Already masked: the card holder's name and ID number never print in full. */
  personMaskedName: string;
  personMaskedId: string;
  sellerName: string;
  sellerTaxId: string;
  /** Already masked when the buyer is an individual. */
  buyerName: string;
  buyerTaxId: string | null;
  invoiceCode: string;
  invoiceNumber: string;
  grossFen: number;
  exempt: boolean;
  national: readonly { kind: TaxLineKind; amountFen: number }[];
  local: readonly { kind: TaxLineKind; amountFen: number }[];
  nationalFen: number;
  localFen: number;
  paymentOrderId: string | null;
  at: Date;
  kioskId: string;
  transactionId: string;
}

const LINE_KEYS: Record<TaxLineKind, PlainKey> = {
  vat: 'receipt.issuance.vat',
  urbanMaintenance: 'receipt.issuance.urbanMaintenance',
  education: 'receipt.issuance.education',
  localEducation: 'receipt.issuance.localEducation',
  iit: 'receipt.issuance.iit',
};

/**
 * The 发票代开 receipt: what was issued, the tax per authority (国税 / 地税) with
 * each line, and the payment order that paid it. Personal data only masked.
 */
export function issueReceipt(d: IssueReceiptData): Receipt {
  const t = (key: PlainKey): string => translateWith(d.texts, d.lang, key);
  const yuan = (fen: number) => translateWith(d.texts, d.lang, 'receipt.issuance.yuan', { amount: formatFen(fen) });
  const legLines = (lines: IssueReceiptData['national']): ReceiptLine[] =>
    lines.map((l) => ({ type: 'pair', label: `  ${t(LINE_KEYS[l.kind])}`, value: yuan(l.amountFen) }));
  const lines: ReceiptLine[] = [
    { type: 'text', text: t('receipt.issuance.title'), align: 'center', bold: true, size: 2 },
    { type: 'separator', char: '=' },
    { type: 'pair', label: t('receipt.issuance.person'), value: `${d.personMaskedName} ${d.personMaskedId}` },
    { type: 'pair', label: t('receipt.issuance.seller'), value: '' },
    { type: 'text', text: `${d.sellerName} ${d.sellerTaxId}` },
    { type: 'pair', label: t('receipt.issuance.buyer'), value: '' },
    { type: 'text', text: d.buyerTaxId ? `${d.buyerName} ${d.buyerTaxId}` : d.buyerName },
    { type: 'pair', label: t('receipt.issuance.code'), value: d.invoiceCode },
    { type: 'pair', label: t('receipt.issuance.number'), value: d.invoiceNumber, bold: true },
    { type: 'pair', label: t('receipt.issuance.gross'), value: yuan(d.grossFen), bold: true },
    { type: 'separator', char: '-' },
    { type: 'pair', label: t(d.exempt ? 'receipt.issuance.nationalExempt' : 'receipt.issuance.national'), value: yuan(d.nationalFen), bold: true },
    ...legLines(d.national),
    { type: 'pair', label: t('receipt.issuance.local'), value: yuan(d.localFen), bold: true },
    ...legLines(d.local),
    { type: 'pair', label: t('receipt.issuance.paid'), value: yuan(d.nationalFen + d.localFen), bold: true },
    { type: 'pair', label: t('receipt.issuance.order'), value: '' },
    { type: 'text', text: d.paymentOrderId ?? t('receipt.issuance.noPayment') },
    { type: 'separator', char: '-' },
    ...receiptFooter(d, 'receipt.issuance.note'),
  ];
  return { lines };
}
