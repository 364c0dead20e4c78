import type { TaxConfig } from '../../config/tax-config';
import { divHalfUp, parseDecimal, toSafeNumber } from './exact';
import { refuse, type Checked } from './refusal';

/**
 * The lines a taxpayer enters for an invoice issued on behalf, tax included
 * (their sum is the gross of docs/tax-rules.md). Structurally a subset of
 * InvoiceItem (invoice-form.ts): quantities and unit prices are decimal
 * strings with up to 8 decimals, so they are multiplied exactly, never as floats.
 */
export interface InvoiceLineInput {
  readonly quantity?: string | undefined;
  readonly unitPrice?: string | undefined;
  readonly amountFen: number;
}

/**
 * quantity × unit price in fen, rounded half-up: a unit price with 8 decimals
 * rarely multiplies to whole fen, so the amount is the exact product rounded
 * once (stricter than the ±0.01 CNY some invoicing software tolerates).
 * Null when either is not a plain decimal.
 */
export function lineProductFen(quantity: string, unitPrice: string): number | null {
  const q = parseDecimal(quantity);
  const p = parseDecimal(unitPrice);
  if (!q || !p) return null;
  // yuan = q.units × p.units / 10^(q.scale + p.scale); fen = that × 100.
  return toSafeNumber(divHalfUp(q.units * p.units * 100n, 10n ** BigInt(q.scale + p.scale)));
}

/**
 * Refuses more lines than the form holds and any line whose quantity × unit
 * price is not its amount; answers the gross. A line may carry neither
 * quantity nor unit price (a service: the amount alone), but not just one of
 * them, because then nothing checks the amount. The gross itself (≤ 0, over
 * the limit) is quoteTax's to refuse.
 */
export function checkInvoiceLines(lines: readonly InvoiceLineInput[], config: TaxConfig): Checked<{ grossFen: number }> {
  if (lines.length > config.maxLinesPerForm) return refuse({ reason: 'tooManyLines', lines: lines.length, maxLines: config.maxLinesPerForm });
  let grossFen = 0;
  for (const [lineIndex, line] of lines.entries()) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen < 0) throw new RangeError('a line amount must be a non-negative safe integer of fen');
    const hasQuantity = line.quantity !== undefined;
    const hasUnitPrice = line.unitPrice !== undefined;
    if (hasQuantity || hasUnitPrice) {
      const expectedFen = line.quantity !== undefined && line.unitPrice !== undefined ? lineProductFen(line.quantity, line.unitPrice) : null;
      if (expectedFen !== line.amountFen) return refuse({ reason: 'lineAmountMismatch', lineIndex, amountFen: line.amountFen, expectedFen });
    }
    grossFen += line.amountFen;
  }
  if (!Number.isSafeInteger(grossFen)) throw new RangeError('the line amounts overflow');
  return { ok: true, grossFen };
}
