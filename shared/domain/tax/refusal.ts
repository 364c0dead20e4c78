import type { AmountVersion, CreditGrade } from '../../config/tax-config';

/**
 * Why an invoice issued on behalf is refused (docs/tax-rules.md, "Limits that
 * produce a clear refusal, not a wrong invoice"). The screens and kioskctl turn
 * the reason into words; the extra fields say what to change.
 */
export type TaxRefusal =
  | { readonly reason: 'grossNotPositive'; readonly grossFen: number }
  | { readonly reason: 'grossOverLimit'; readonly grossFen: number; readonly limitFen: number; readonly amountVersion: AmountVersion }
  /** `expectedFen` is quantity × unit price rounded to the fen; null when only one of the two was given. */
  | { readonly reason: 'lineAmountMismatch'; readonly lineIndex: number; readonly amountFen: number; readonly expectedFen: number | null }
  | { readonly reason: 'tooManyLines'; readonly lines: number; readonly maxLines: number }
  | { readonly reason: 'buyerTaxIdInvalid' }
  | { readonly reason: 'sellerHasArrears' }
  | { readonly reason: 'sellerCreditGradeBlocked'; readonly grade: CreditGrade };

export type TaxRefusalReason = TaxRefusal['reason'];

export const TAX_REFUSAL_REASONS: readonly TaxRefusalReason[] = [
  'grossNotPositive',
  'grossOverLimit',
  'lineAmountMismatch',
  'tooManyLines',
  'buyerTaxIdInvalid',
  'sellerHasArrears',
  'sellerCreditGradeBlocked',
];

/** What the checks answer: the value, or one refusal. */
export type Checked<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly refusal: TaxRefusal };

export function refuse(refusal: TaxRefusal): { readonly ok: false; readonly refusal: TaxRefusal } {
  return { ok: false, refusal };
}
