import type { TaxConfig } from '../../../shared/config/tax-config';
import type { Taxpayer } from '../../../shared/backend';
import type { IssuanceRefusal, IssueDraft, QuoteView, TaxLineView } from '../../../shared/contract/services/issuance';
import { checkAndQuote, checkSeller } from '../../../shared/domain/tax/issue-checks';
import type { TaxLine, TaxQuote } from '../../../shared/domain/tax/quote';
import type { TaxRefusal } from '../../../shared/domain/tax/refusal';
import { assertNever } from '../../../shared/assert-never';

/**
 * The host's own checks of a draft invoice: the seller's standing from the
 * backend's record, then the domain's issue checks and the quote from the
 * active config. The screen's numbers are never used: the lines are checked
 * (quantity × unit price = amount) and the tax is computed here.
 */

/** The invoice type (form stock) the kiosk issues on, by the config's amount version. */
export function issueInvoiceType(config: TaxConfig): string {
  switch (config.amountVersion) {
    case 'tenThousand':
      return 'ordinary-paper-1';
    case 'hundredThousand':
      return 'ordinary-paper-10';
    case 'million':
      return 'ordinary-paper-100';
    default:
      return assertNever(config.amountVersion);
  }
}

/** Who may issue at all: registered, no arrears, a grade the config does not block. */
export function sellerRefusal(seller: Taxpayer, config: TaxConfig): IssuanceRefusal | null {
  if (seller.registration !== 'registered') return { reason: 'notRegistered', registration: seller.registration };
  const checked = checkSeller(standing(seller), config);
  return checked.ok ? null : toContractRefusal(checked.refusal, seller);
}

function standing(seller: Taxpayer): { hasArrears: boolean; creditGrade: Taxpayer['creditGrade'] } {
  return { hasArrears: seller.arrears.owed, creditGrade: seller.creditGrade };
}

export type QuoteOutcome = { ok: true; quote: TaxQuote } | { ok: false; refusal: IssuanceRefusal };

/** Every refusal of docs/tax-rules.md, in the order a taxpayer can act on it, then the quote. */
export function quoteDraft(draft: IssueDraft, seller: Taxpayer, monthToDateFen: number, config: TaxConfig): QuoteOutcome {
  if (seller.registration !== 'registered') return { ok: false, refusal: { reason: 'notRegistered', registration: seller.registration } };
  const checked = checkAndQuote(
    {
      seller: standing(seller),
      buyerTaxId: draft.buyer.kind === 'company' ? draft.buyer.taxId : null,
      lines: draft.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unitPrice, amountFen: l.amountFen })),
      monthToDateFen,
    },
    config,
  );
  return checked.ok ? { ok: true, quote: checked.quote } : { ok: false, refusal: toContractRefusal(checked.refusal, seller) };
}

export function toContractRefusal(refusal: TaxRefusal, seller: Taxpayer): IssuanceRefusal {
  switch (refusal.reason) {
    case 'sellerHasArrears':
      return { reason: 'sellerHasArrears', arrearsFen: seller.arrears.amountFen };
    case 'sellerCreditGradeBlocked':
      return { reason: 'sellerCreditGradeBlocked', grade: refusal.grade };
    case 'buyerTaxIdInvalid':
      return { reason: 'buyerTaxIdInvalid' };
    case 'grossNotPositive':
      return { reason: 'grossNotPositive', grossFen: refusal.grossFen };
    case 'grossOverLimit':
      return { reason: 'grossOverLimit', grossFen: refusal.grossFen, limitFen: refusal.limitFen };
    case 'lineAmountMismatch':
      return { reason: 'lineAmountMismatch', lineIndex: refusal.lineIndex, amountFen: refusal.amountFen, expectedFen: refusal.expectedFen };
    case 'tooManyLines':
      return { reason: 'tooManyLines', lines: refusal.lines, maxLines: refusal.maxLines };
    default:
      return assertNever(refusal);
  }
}

const lineView = (l: TaxLine): TaxLineView => ({ kind: l.kind, baseFen: l.baseFen, rateBp: l.rateBp, reductionBp: l.reductionBp, amountFen: l.amountFen });

export function quoteView(q: TaxQuote): QuoteView {
  return {
    grossFen: q.grossFen,
    netFen: q.netFen,
    exempt: q.exempt,
    levyRateBp: q.levyRateBp,
    national: { totalFen: q.nationalFen, lines: q.lines.national.map(lineView) },
    local: { totalFen: q.localFen, lines: q.lines.local.map(lineView) },
    payableFen: q.totalFen,
  };
}

/** `YYYY-MM` / `YYYY-MM-DD` in Beijing time: the tax month is China's, whatever the host's time zone. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function beijingMonth(at: Date): string {
  return beijingDay(at).slice(0, 7);
}
