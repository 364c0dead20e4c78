import { z } from 'zod';
import { CalendarDate } from './calendar-date';
import { amountInWords } from './amount-in-words';

/**
 * What the invoice printer puts on a pre-printed VAT ordinary invoice form
 * (增值税普通发票). Money is integer fen; quantities and unit prices are decimal
 * strings (they carry up to 8 decimals on the form and must not round through a
 * float). Buyer, seller, payee, reviewer and issuer names are business data
 * printed on paper: they are never logged (drivers log field counts only).
 */
export const INVOICE_MAX_ITEMS = 8;

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const decimalString = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/, 'a non-negative decimal such as 3 or 12.50');
/** 统一社会信用代码 (18) or an older taxpayer number (15/17/20); the GB 32100 check is the issuing side's job. */
const taxId = z.string().regex(/^[0-9A-Z]{15,20}$/, 'a taxpayer identification number');

export const InvoiceParty = z.object({
  name: z.string().min(1).max(100),
  /** Null for an individual buyer (自然人), who has no taxpayer number. */
  taxId: taxId.nullable(),
  addressPhone: z.string().max(100).optional(),
  bankAccount: z.string().max(100).optional(),
});
export type InvoiceParty = z.infer<typeof InvoiceParty>;

export const InvoiceSeller = InvoiceParty.extend({ taxId });
export type InvoiceSeller = z.infer<typeof InvoiceSeller>;

export const InvoiceItem = z.object({
  name: z.string().min(1).max(60),
  spec: z.string().max(30).optional(),
  unit: z.string().max(10).optional(),
  quantity: decimalString.optional(),
  unitPrice: decimalString.optional(),
  amountFen: fen,
  /** Basis points (300 = 3 %, 1300 = 13 %), or 'exempt' (免税). */
  taxRate: z.union([z.number().int().min(0).max(10_000), z.literal('exempt')]),
  taxFen: fen,
});
export type InvoiceItem = z.infer<typeof InvoiceItem>;

export const InvoiceFormData = z
  .object({
    /** 10- or 12-digit invoice code (发票代码). */
    code: z.string().regex(/^(\d{10}|\d{12})$/),
    /** 8-digit invoice number (发票号码). */
    number: z.string().regex(/^\d{8}$/),
    issueDate: CalendarDate,
    buyer: InvoiceParty,
    items: z.array(InvoiceItem).min(1).max(INVOICE_MAX_ITEMS),
    totals: z.object({ amountFen: fen, taxFen: fen, totalFen: fen }),
    /** 价税合计(大写): must equal amountInWords(totals.totalFen). */
    totalInWords: z.string().min(1),
    seller: InvoiceSeller,
    remarks: z.string().max(200).optional(),
    payee: z.string().max(20).optional(),
    reviewer: z.string().max(20).optional(),
    issuer: z.string().min(1).max(20),
  })
  .superRefine((form, ctx) => {
    const amount = form.items.reduce((sum, item) => sum + item.amountFen, 0);
    const tax = form.items.reduce((sum, item) => sum + item.taxFen, 0);
    if (amount !== form.totals.amountFen) ctx.addIssue({ code: 'custom', path: ['totals', 'amountFen'], message: 'is not the sum of the item amounts' });
    if (tax !== form.totals.taxFen) ctx.addIssue({ code: 'custom', path: ['totals', 'taxFen'], message: 'is not the sum of the item taxes' });
    if (form.totals.amountFen + form.totals.taxFen !== form.totals.totalFen) {
      ctx.addIssue({ code: 'custom', path: ['totals', 'totalFen'], message: 'is not amount + tax' });
    }
    if (form.totalInWords !== amountInWords(form.totals.totalFen)) {
      ctx.addIssue({ code: 'custom', path: ['totalInWords'], message: 'does not match the total' });
    }
  });
export type InvoiceFormData = z.infer<typeof InvoiceFormData>;

/** `1234` fen → `12.34` (the form prints amounts without a currency sign in the columns). */
export function formatFen(value: number): string {
  const yuan = Math.floor(value / 100);
  const cents = String(value % 100).padStart(2, '0');
  return `${yuan}.${cents}`;
}

/** 1300 → `13%`, 150 → `1.5%`, 'exempt' → `免税`. */
export function formatTaxRate(rate: number | 'exempt'): string {
  if (rate === 'exempt') return '免税';
  const whole = Math.floor(rate / 100);
  const frac = rate % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}
