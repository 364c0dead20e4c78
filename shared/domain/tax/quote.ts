import { effectiveLevyRateBp, type AmountVersion, type TaxConfig } from '../../config/tax-config';
import { divHalfUp, toSafeNumber } from './exact';
import { refuse, type Checked } from './refusal';

/**
 * The tax on an invoice issued on behalf (发票代开), by the method of
 * docs/tax-rules.md. Every rate comes from TaxConfig; this file holds the method.
 * Each tax line is rounded half-up to the fen once, from exact integers.
 */

export type TaxAuthority = 'national' | 'local';
export type TaxLineKind = 'vat' | 'urbanMaintenance' | 'education' | 'localEducation' | 'iit';

/** One line of one authority's leg: what it is levied on, at what rate, and the amount. */
export interface TaxLine {
  readonly authority: TaxAuthority;
  readonly kind: TaxLineKind;
  readonly baseFen: number;
  readonly rateBp: number;
  /** Share taken off (六税两费减半); 0 for VAT and IIT. */
  readonly reductionBp: number;
  readonly amountFen: number;
}

export interface TaxQuote {
  readonly grossFen: number;
  readonly netFen: number;
  readonly vatFen: number;
  readonly urbanFen: number;
  readonly educationFen: number;
  readonly localEducationFen: number;
  readonly iitFen: number;
  /** VAT (国税). */
  readonly nationalFen: number;
  /** Surcharges and IIT (地税). */
  readonly localFen: number;
  /** All tax: nationalFen + localFen. */
  readonly totalFen: number;
  /** VAT exemption applied (免税): VAT and the surcharges are 0, net equals gross. */
  readonly exempt: boolean;
  /** The levy rate the VAT line used (or would have used, when exempt). */
  readonly levyRateBp: number;
  /** One leg per authority: one queue message each, listing its lines. */
  readonly lines: { readonly national: readonly TaxLine[]; readonly local: readonly TaxLine[] };
}

export interface TaxQuoteInput {
  /** What the buyer pays, tax included: the sum of the invoice lines. */
  readonly grossFen: number;
  /** The seller's invoiced sales this month before this invoice. */
  readonly monthToDateFen: number;
  /** Overrides config.sellerQualifiesSmallScale for this seller (from the backend's registration data). */
  readonly sellerQualifiesSmallScale?: boolean;
  /** Overrides config.amountVersion (the forms loaded). */
  readonly amountVersion?: AmountVersion;
}

const BP = 10_000n;

/**
 * The monthly VAT exemption test, kept in this one function so a bureau can
 * change it: the official threshold counts sales without tax; comparing gross
 * is the brief's simplification (docs/tax-rules.md step 2). At or under the
 * threshold is exempt.
 */
export function isVatExempt(input: { grossFen: number; monthToDateFen: number; sellerQualifies: boolean }, config: TaxConfig): boolean {
  return input.sellerQualifies && input.monthToDateFen + input.grossFen <= config.vatExemptMonthlyThresholdFen;
}

function requireFen(value: number, what: string, allowNegative: boolean): void {
  if (!Number.isSafeInteger(value) || (!allowNegative && value < 0)) {
    throw new RangeError(`${what} must be ${allowNegative ? 'a' : 'a non-negative'} safe integer of fen`);
  }
}

/** round(base × rate × (1 − reduction)): one rounding, on the exact product. */
function surcharge(base: bigint, rateBp: number, reductionBp: number): bigint {
  return divHalfUp(base * BigInt(rateBp) * (BP - BigInt(reductionBp)), BP * BP);
}

export function quoteTax(input: TaxQuoteInput, config: TaxConfig): Checked<{ quote: TaxQuote }> {
  requireFen(input.grossFen, 'grossFen', true);
  requireFen(input.monthToDateFen, 'monthToDateFen', false);
  const amountVersion = input.amountVersion ?? config.amountVersion;
  const limitFen = config.invoiceLimitFen[amountVersion];
  if (input.grossFen <= 0) return refuse({ reason: 'grossNotPositive', grossFen: input.grossFen });
  if (input.grossFen > limitFen) return refuse({ reason: 'grossOverLimit', grossFen: input.grossFen, limitFen, amountVersion });

  const levyRateBp = effectiveLevyRateBp(config);
  const exempt = isVatExempt(
    { grossFen: input.grossFen, monthToDateFen: input.monthToDateFen, sellerQualifies: input.sellerQualifiesSmallScale ?? config.sellerQualifiesSmallScale },
    config,
  );
  const gross = BigInt(input.grossFen);
  // net = round(gross / (1 + levy)) = round(gross × 10000 / (10000 + levyBp)); VAT is the rest, so net + VAT = gross exactly.
  const net = exempt ? gross : divHalfUp(gross * BP, BP + BigInt(levyRateBp));
  const vat = gross - net;
  const reductionBp = config.smallScaleReductionBp;
  const urbanRateBp = config.urbanMaintenanceRateBp[config.location];
  const urban = surcharge(vat, urbanRateBp, reductionBp);
  const education = surcharge(vat, config.educationSurchargeRateBp, reductionBp);
  const localEducation = surcharge(vat, config.localEducationSurchargeRateBp, reductionBp);
  const iit = surcharge(net, config.iitAssessedRateBp, 0);

  const netFen = toSafeNumber(net);
  const vatFen = toSafeNumber(vat);
  const line = (authority: TaxAuthority, kind: TaxLineKind, baseFen: number, rateBp: number, lineReductionBp: number, amount: bigint): TaxLine => ({
    authority,
    kind,
    baseFen,
    rateBp,
    reductionBp: lineReductionBp,
    amountFen: toSafeNumber(amount),
  });
  const national = [line('national', 'vat', input.grossFen, levyRateBp, 0, vat)];
  const local = [
    line('local', 'urbanMaintenance', vatFen, urbanRateBp, reductionBp, urban),
    line('local', 'education', vatFen, config.educationSurchargeRateBp, reductionBp, education),
    line('local', 'localEducation', vatFen, config.localEducationSurchargeRateBp, reductionBp, localEducation),
    line('local', 'iit', netFen, config.iitAssessedRateBp, 0, iit),
  ];
  const nationalFen = national.reduce((sum, l) => sum + l.amountFen, 0);
  const localFen = local.reduce((sum, l) => sum + l.amountFen, 0);
  return {
    ok: true,
    quote: {
      grossFen: input.grossFen,
      netFen,
      vatFen,
      urbanFen: toSafeNumber(urban),
      educationFen: toSafeNumber(education),
      localEducationFen: toSafeNumber(localEducation),
      iitFen: toSafeNumber(iit),
      nationalFen,
      localFen,
      totalFen: nationalFen + localFen,
      exempt,
      levyRateBp,
      lines: { national, local },
    },
  };
}
