import type { AmountVersion, CreditGrade, TaxConfig } from '../../config/tax-config';
import { isValidCreditCode } from '../credit-code';
import { checkInvoiceLines, type InvoiceLineInput } from './invoice-lines';
import { quoteTax, type TaxQuote } from './quote';
import { refuse, type Checked } from './refusal';

/** What the backend says about the seller (the taxpayer at the kiosk). */
export interface SellerStanding {
  /** 欠税: any unpaid tax. */
  readonly hasArrears: boolean;
  /** 纳税信用等级; null when not yet graded (not refused: a new taxpayer has no grade to block). */
  readonly creditGrade: CreditGrade | null;
}

type Passed = Checked<Record<never, never>>;
const PASSED: Passed = { ok: true };

export function checkSeller(seller: SellerStanding, config: TaxConfig): Passed {
  if (seller.hasArrears) return refuse({ reason: 'sellerHasArrears' });
  if (seller.creditGrade !== null && config.blockedCreditGrades.includes(seller.creditGrade)) {
    return refuse({ reason: 'sellerCreditGradeBlocked', grade: seller.creditGrade });
  }
  return PASSED;
}

/**
 * A buyer's tax ID must pass GB 32100 (18 characters with a right check
 * character); null is an individual buyer (自然人) who has none. Older
 * 15/17/20-character taxpayer numbers have no check character and are refused
 * here: they were replaced by the unified code (三证合一).
 */
export function checkBuyerTaxId(taxId: string | null): Passed {
  return taxId === null || isValidCreditCode(taxId) ? PASSED : refuse({ reason: 'buyerTaxIdInvalid' });
}

export interface IssueRequest {
  readonly seller: SellerStanding;
  readonly buyerTaxId: string | null;
  readonly lines: readonly InvoiceLineInput[];
  readonly monthToDateFen: number;
  readonly sellerQualifiesSmallScale?: boolean;
  readonly amountVersion?: AmountVersion;
}

/**
 * Every refusal of docs/tax-rules.md in the order a taxpayer can act on it (who may
 * issue, then whom to, then what), then the quote.
 */
export function checkAndQuote(request: IssueRequest, config: TaxConfig): Checked<{ quote: TaxQuote }> {
  const seller = checkSeller(request.seller, config);
  if (!seller.ok) return seller;
  const buyer = checkBuyerTaxId(request.buyerTaxId);
  if (!buyer.ok) return buyer;
  const lines = checkInvoiceLines(request.lines, config);
  if (!lines.ok) return lines;
  return quoteTax(
    {
      grossFen: lines.grossFen,
      monthToDateFen: request.monthToDateFen,
      sellerQualifiesSmallScale: request.sellerQualifiesSmallScale,
      amountVersion: request.amountVersion,
    },
    config,
  );
}
