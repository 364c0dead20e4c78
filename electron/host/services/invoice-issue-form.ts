import { amountInWords } from '../../../shared/domain/amount-in-words';
import type { InvoiceFormData, InvoiceItem } from '../../../shared/domain/invoice-form';
import { divHalfUp, parseDecimal, toSafeNumber } from '../../../shared/domain/tax/exact';
import type { TaxQuote } from '../../../shared/domain/tax/quote';
import type { LineInput } from '../../../shared/contract/services/issuance';
import { translateWith, type TextOverrides } from '../../../shared/i18n';

/**
 * The invoice lines as the form prints them, worked out once when the
 * transaction is stored (so a print after a restart prints the same numbers):
 * each line's amount without tax, its rate and its VAT. The lines' VAT adds up
 * to the quote's VAT exactly; the rounding remainder goes on the line with the most VAT.
 */
const BP = 10_000n;
const PRICE_DECIMALS = 8;

export function formItems(lines: readonly LineInput[], quote: TaxQuote): InvoiceItem[] {
  const levy = BigInt(quote.levyRateBp);
  const items: InvoiceItem[] = lines.map((line) => {
    const netFen = quote.exempt ? line.amountFen : toSafeNumber(divHalfUp(BigInt(line.amountFen) * BP, BP + levy));
    return {
      name: line.name,
      ...(line.unit ? { unit: line.unit } : {}),
      ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
      ...(line.unitPrice !== undefined ? { unitPrice: quote.exempt ? line.unitPrice : netUnitPrice(line.unitPrice, quote.levyRateBp) } : {}),
      amountFen: netFen,
      taxRate: quote.exempt ? ('exempt' as const) : quote.levyRateBp,
      taxFen: line.amountFen - netFen,
    };
  });
  const remainder = quote.netFen - items.reduce((sum, item) => sum + item.amountFen, 0);
  if (remainder !== 0) {
    // The line with the most VAT takes the remainder (never more than half a fen per line, so its VAT stays ≥ 0).
    let largest = 0;
    items.forEach((item, i) => {
      if (item.taxFen > (items[largest]?.taxFen ?? 0)) largest = i;
    });
    const item = items[largest];
    if (item) items[largest] = { ...item, amountFen: item.amountFen + remainder, taxFen: item.taxFen - remainder };
  }
  return items;
}

/** The unit price without tax, to 8 decimals (as the issuing systems print it), trailing zeros trimmed to 2. */
export function netUnitPrice(unitPrice: string, levyRateBp: number): string {
  const parsed = parseDecimal(unitPrice);
  if (!parsed || parsed.scale > PRICE_DECIMALS) return unitPrice;
  const scaled = parsed.units * 10n ** BigInt(PRICE_DECIMALS - parsed.scale);
  const net = divHalfUp(scaled * BP, BP + BigInt(levyRateBp))
    .toString()
    .padStart(PRICE_DECIMALS + 1, '0');
  const whole = net.slice(0, -PRICE_DECIMALS);
  const fraction = net.slice(-PRICE_DECIMALS).replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}

export interface FormParties {
  code: string;
  number: string;
  issueDate: string;
  buyerName: string;
  buyerTaxId: string | null;
  sellerName: string;
  sellerTaxId: string;
  items: InvoiceItem[];
  kioskId: string;
  /** Overrides of the catalogue texts (config bundles). */
  texts?: TextOverrides;
}

/** The invoice form data: the form is a Chinese legal document, so its own words are always zh-CN. */
export function invoiceForm(p: FormParties): InvoiceFormData {
  const amountFen = p.items.reduce((sum, item) => sum + item.amountFen, 0);
  const taxFen = p.items.reduce((sum, item) => sum + item.taxFen, 0);
  return {
    code: p.code,
    number: p.number,
    issueDate: p.issueDate,
    buyer: { name: p.buyerName, taxId: p.buyerTaxId },
    items: p.items,
    totals: { amountFen, taxFen, totalFen: amountFen + taxFen },
    totalInWords: amountInWords(amountFen + taxFen),
    seller: { name: p.sellerName, taxId: p.sellerTaxId },
    remarks: translateWith(p.texts, 'zh-CN', 'issuance.form.remarks', { kiosk: p.kioskId }),
    issuer: translateWith(p.texts, 'zh-CN', 'issuance.form.issuer'),
  };
}
