import { INVOICE_MAX_ITEMS, formatFen, formatTaxRate, type InvoiceFormData } from '../../../shared/domain/invoice-form';

/**
 * Where each field of a pre-printed form goes: a box in mm from the form's
 * top-left corner (the corner of the continuous-form page, tractor strips
 * included), the pitch the text prints at, and its alignment in the box.
 *
 * Text is placed inside the box with `PAD_MM` of air left and right and
 * centred vertically, so a technician's calibration of ±2 mm (see
 * escp-encoder.ts) keeps text inside the boxes that have that much air.
 */
export type Cpi = 10 | 12 | 15;
export type Align = 'left' | 'right' | 'center';

export interface FieldBox {
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
  /** Preferred pitch in characters per inch (a half-width cell; a full-width character takes two). */
  cpi: Cpi;
  /** When the text does not fit at `cpi`, try the narrower pitches (12, 15 cpi) before refusing. */
  condense: boolean;
  align: Align;
  /** Most half-width cells the box takes at its narrowest allowed pitch (full-width characters count 2). */
  maxChars: number;
}

export interface FormTemplate {
  name: string;
  widthMm: number;
  /** Form length; the encoder sets the page length to it (whole inches) so `FF` ejects exactly one form. */
  heightMm: number;
  fields: Record<string, FieldBox>;
}

export const MM_PER_INCH = 25.4;
/** Horizontal air inside a box on each side. */
export const PAD_MM = 2.5;
/** A 24-pin head prints a 24-dot character at 180 dpi: 24/180 in tall. */
export const CHAR_HEIGHT_MM = (24 / 180) * MM_PER_INCH;

export function cellMm(cpi: Cpi): number {
  return MM_PER_INCH / cpi;
}

/** The pitches a box may print at, preferred first. */
export function pitchesOf(box: FieldBox): Cpi[] {
  const all: Cpi[] = [10, 12, 15];
  return box.condense ? all.filter((c) => c >= box.cpi) : [box.cpi];
}

/** Builds a box; `maxChars` follows from the width, the padding and the narrowest allowed pitch. */
export function box(xMm: number, yMm: number, widthMm: number, heightMm: number, opts: { cpi?: Cpi; condense?: boolean; align?: Align } = {}): FieldBox {
  const cpi = opts.cpi ?? 10;
  const condense = opts.condense ?? false;
  const narrowest: Cpi = condense ? 15 : cpi;
  const maxChars = Math.floor((widthMm - 2 * PAD_MM) / cellMm(narrowest) + 1e-9);
  return { xMm, yMm, widthMm, heightMm, cpi, condense, align: opts.align ?? 'left', maxChars };
}

/** Item line i's field names, in column order. */
export const ITEM_COLUMNS = ['name', 'spec', 'unit', 'quantity', 'unitPrice', 'amount', 'taxRate', 'tax'] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];
export const itemField = (line: number, column: ItemColumn) => `item${line}.${column}`;

const ITEM_TOP_MM = 62;
const ITEM_PITCH_MM = 5;
const ITEM_X: Record<ItemColumn, [number, number, Align]> = {
  name: [14, 48, 'left'],
  spec: [62, 22, 'left'],
  unit: [84, 12, 'center'],
  quantity: [96, 20, 'right'],
  // Unit prices carry up to 8 decimals on the form (9708.73786408: 13 cells).
  unitPrice: [116, 29, 'right'],
  amount: [145, 30, 'right'],
  taxRate: [175, 14, 'center'],
  tax: [189, 38, 'right'],
};

/**
 * 增值税普通发票 on 241 × 177.8 mm (9.5 × 7 in) continuous form, after the
 * public appearance of the form: the 12.7 mm tractor strips left and right,
 * the machine-printed header (code, number, date) top right, the buyer block
 * (购买方) with the password zone (密码区) to its right (never printed by us),
 * the item table (8 lines of 5 mm), the 合计 row, 价税合计 (大写)/(小写), the
 * seller block (销售方) with 备注 to its right, and 收款人/复核/开票人 at the bottom.
 */
export function defaultInvoiceTemplate(): FormTemplate {
  const fields: Record<string, FieldBox> = {
    code: box(165, 12, 50, 6),
    number: box(165, 18, 50, 6),
    issueDate: box(165, 24, 50, 6),
    'buyer.name': box(45, 33, 95, 6, { cpi: 12, condense: true }),
    'buyer.taxId': box(45, 39, 95, 6),
    'buyer.addressPhone': box(45, 45, 95, 6, { cpi: 12, condense: true }),
    'buyer.bankAccount': box(45, 51, 95, 6, { cpi: 12, condense: true }),
    'totals.amount': box(145, 104, 30, 6, { cpi: 12, condense: true, align: 'right' }),
    'totals.tax': box(189, 104, 38, 6, { cpi: 12, condense: true, align: 'right' }),
    totalInWords: box(62, 111, 100, 7, { cpi: 10, condense: true }),
    totalFigures: box(178, 111, 49, 7, { cpi: 10, condense: true, align: 'right' }),
    'seller.name': box(45, 119, 95, 6, { cpi: 12, condense: true }),
    'seller.taxId': box(45, 125, 95, 6),
    'seller.addressPhone': box(45, 131, 95, 6, { cpi: 12, condense: true }),
    'seller.bankAccount': box(45, 137, 95, 6, { cpi: 12, condense: true }),
    remarks: box(150, 121, 77, 6, { cpi: 12, condense: true }),
    payee: box(30, 158, 35, 6, { cpi: 12, condense: true }),
    reviewer: box(85, 158, 35, 6, { cpi: 12, condense: true }),
    issuer: box(140, 158, 35, 6, { cpi: 12, condense: true }),
  };
  for (let line = 0; line < INVOICE_MAX_ITEMS; line++) {
    for (const column of ITEM_COLUMNS) {
      const [x, w, align] = ITEM_X[column];
      fields[itemField(line, column)] = box(x, ITEM_TOP_MM + line * ITEM_PITCH_MM, w, ITEM_PITCH_MM, { cpi: 12, condense: true, align });
    }
  }
  return { name: 'vat-ordinary-241x177.8', widthMm: 241, heightMm: 177.8, fields };
}

/** `2026-06-01` → `2026年06月01日`, as the form's date line reads. */
function formDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${m}月${d}日`;
}

/** The text of every field the form data fills (absent optional values are left out). */
export function fieldTexts(data: InvoiceFormData): Record<string, string> {
  const t: Record<string, string> = {
    code: data.code,
    number: data.number,
    issueDate: formDate(data.issueDate),
    'buyer.name': data.buyer.name,
    'totals.amount': `￥${formatFen(data.totals.amountFen)}`,
    'totals.tax': `￥${formatFen(data.totals.taxFen)}`,
    totalInWords: data.totalInWords,
    totalFigures: `￥${formatFen(data.totals.totalFen)}`,
    'seller.name': data.seller.name,
    'seller.taxId': data.seller.taxId,
    issuer: data.issuer,
  };
  const optional: [string, string | null | undefined][] = [
    ['buyer.taxId', data.buyer.taxId],
    ['buyer.addressPhone', data.buyer.addressPhone],
    ['buyer.bankAccount', data.buyer.bankAccount],
    ['seller.addressPhone', data.seller.addressPhone],
    ['seller.bankAccount', data.seller.bankAccount],
    ['remarks', data.remarks],
    ['payee', data.payee],
    ['reviewer', data.reviewer],
  ];
  data.items.forEach((item, line) => {
    optional.push(
      [itemField(line, 'name'), item.name],
      [itemField(line, 'spec'), item.spec],
      [itemField(line, 'unit'), item.unit],
      [itemField(line, 'quantity'), item.quantity],
      [itemField(line, 'unitPrice'), item.unitPrice],
      [itemField(line, 'amount'), formatFen(item.amountFen)],
      [itemField(line, 'taxRate'), formatTaxRate(item.taxRate)],
      // An exempt line prints *** in the tax column, as the issuing systems do.
      [itemField(line, 'tax'), item.taxRate === 'exempt' ? '***' : formatFen(item.taxFen)],
    );
  });
  for (const [field, value] of optional) if (value) t[field] = value;
  return t;
}
