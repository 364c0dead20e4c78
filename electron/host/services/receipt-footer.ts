import type { ReceiptLine } from '../../../shared/domain/receipt';
import { translateWith, type PlainKey, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';

/** Beijing local time (the kiosk's tax offices are in China whatever the host's TZ). */
export function beijingTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

export interface ReceiptFooterData {
  lang: Lang;
  texts?: TextOverrides;
  at: Date;
  kioskId: string;
  transactionId: string;
}

/**
 * The end every service receipt shares: when and where, the transaction id in
 * words and as a QR code staff can scan to trace it, then the service's note.
 */
export function receiptFooter(d: ReceiptFooterData, noteKey: PlainKey): ReceiptLine[] {
  const t = (key: PlainKey) => translateWith(d.texts, d.lang, key);
  return [
    { type: 'pair', label: t('receipt.time'), value: beijingTime(d.at) },
    { type: 'pair', label: t('receipt.kiosk'), value: d.kioskId },
    { type: 'pair', label: t('receipt.transaction'), value: '' },
    { type: 'text', text: d.transactionId },
    { type: 'qr', data: d.transactionId },
    { type: 'text', text: t('receipt.qrHint'), align: 'center' },
    { type: 'separator', char: '-' },
    { type: 'text', text: t(noteKey) },
    { type: 'feed', lines: 3 },
  ];
}
