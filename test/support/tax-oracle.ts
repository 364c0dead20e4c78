import type { TaxConfig } from '../../shared/config/tax-config';

/**
 * An independent computation of the tax on an invoice issued on behalf, for
 * tests that must not take their expected numbers from `quoteTax` (which would
 * agree with any bug in it). The method, step by step: VAT-exempt (VAT and
 * surcharges 0) when the seller qualifies and month-to-date + gross stays at or
 * under the monthly threshold; otherwise net = gross / (1 + levy), VAT = gross −
 * net; each surcharge = VAT × rate × (1 − reduction); IIT = net × assessed rate.
 * Who sells (docs/tax-rules.md, "Seller kinds"): an enterprise has no IIT; a
 * natural person is VAT-free per time (gross at or under the 起征点), never by
 * the month.
 * Computed in exact fractions of yuan and percent — not fen × basis points as
 * shared/domain/tax does — and rounded half-up to the fen by comparing the
 * remainder, once per tax line.
 *
 * Rates are passed explicitly (from an explicit config in the test), so the
 * oracle holds the method only and survives a change of default rates.
 */
export interface OracleRates {
  /** VAT levy rate in force, percent (3 = 3 %). */
  levyPercent: number;
  urbanPercent: number;
  educationPercent: number;
  localEducationPercent: number;
  /** 六税两费减半: the share of each surcharge taken off, percent (50 = halved). */
  reductionPercent: number;
  /** Assessed IIT on net, percent; 0 where it is not collected. */
  iitPercent: number;
  /** Monthly sales up to this stay VAT-exempt (fen). */
  exemptThresholdFen: number;
  /** A natural person's sale up to this is VAT-free (fen). */
  perTimeThresholdFen: number;
  sellerQualifies: boolean;
}

export interface OracleTax {
  exempt: boolean;
  netFen: number;
  vatFen: number;
  urbanFen: number;
  educationFen: number;
  localEducationFen: number;
  iitFen: number;
  nationalFen: number;
  localFen: number;
  totalFen: number;
}

/** A non-negative fraction n / d of yuan (or of anything), exact. */
interface Fraction {
  n: bigint;
  d: bigint;
}

/** "12.5" → 125/10: a decimal written in the test, exact. */
function fraction(value: number): Fraction {
  const [whole = '0', decimals = ''] = String(value).split('.');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(decimals)) throw new Error(`oracle: not a plain decimal: ${value}`);
  return { n: BigInt(whole + decimals), d: 10n ** BigInt(decimals.length) };
}

const times = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });
const percent = (p: number): Fraction => times(fraction(p), { n: 1n, d: 100n });
const oneMinus = (f: Fraction): Fraction => ({ n: f.d - f.n, d: f.d });
const onePlus = (f: Fraction): Fraction => ({ n: f.d + f.n, d: f.d });
const over = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d, d: a.d * b.n });

/** Yuan → fen, half-up: 0.005 yuan is one fen, 0.00499… is none. */
function roundToFen(yuan: Fraction): number {
  const fen = times(yuan, { n: 100n, d: 1n });
  const whole = fen.n / fen.d;
  const rest = fen.n - whole * fen.d;
  return Number(rest * 2n >= fen.d ? whole + 1n : whole);
}

const yuanOf = (fen: number): Fraction => ({ n: BigInt(fen), d: 100n });

export type OracleSellerKind = 'enterprise' | 'individualBusiness' | 'naturalPerson';

export function oracleTax(input: { grossFen: number; monthToDateFen: number; sellerKind?: OracleSellerKind }, rates: OracleRates): OracleTax {
  const gross = yuanOf(input.grossFen);
  const kind = input.sellerKind ?? 'individualBusiness';
  const exempt =
    kind === 'naturalPerson'
      ? input.grossFen <= rates.perTimeThresholdFen
      : rates.sellerQualifies && input.monthToDateFen + input.grossFen <= rates.exemptThresholdFen;
  const netFen = exempt ? input.grossFen : roundToFen(over(gross, onePlus(percent(rates.levyPercent))));
  const vatFen = input.grossFen - netFen;
  const vat = yuanOf(vatFen);
  const kept = oneMinus(percent(rates.reductionPercent));
  const surcharge = (p: number) => roundToFen(times(times(vat, percent(p)), kept));
  const urbanFen = surcharge(rates.urbanPercent);
  const educationFen = surcharge(rates.educationPercent);
  const localEducationFen = surcharge(rates.localEducationPercent);
  const iitFen = kind === 'enterprise' ? 0 : roundToFen(times(yuanOf(netFen), percent(rates.iitPercent)));
  const localFen = urbanFen + educationFen + localEducationFen + iitFen;
  return { exempt, netFen, vatFen, urbanFen, educationFen, localEducationFen, iitFen, nationalFen: vatFen, localFen, totalFen: vatFen + localFen };
}

/**
 * The levy rate an explicit TaxConfig states for a day, read on its own: an
 * older bundle's switch decides alone; otherwise the reduced rate between its
 * two dates (both included, compared as calendar days), else the statutory one.
 */
function levyBpOn(config: TaxConfig, date: string): number {
  if (config.reducedLevyRateOn === true) return config.reducedLevyRateBp;
  if (config.reducedLevyRateOn === false) return config.levyRateBp;
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const inPeriod = day(date) >= day(config.reducedLevyRateFrom) && day(date) <= day(config.reducedLevyRateUntil);
  return inPeriod ? config.reducedLevyRateBp : config.levyRateBp;
}

/** The rates an explicit TaxConfig states on `date` (YYYY-MM-DD), in the oracle's units (basis points / 100 → percent). */
export function oracleRatesOf(config: TaxConfig, seller: { qualifies?: boolean; date: string }): OracleRates {
  const pct = (bp: number) => bp / 100;
  return {
    levyPercent: pct(levyBpOn(config, seller.date)),
    urbanPercent: pct(config.urbanMaintenanceRateBp[config.location]),
    educationPercent: pct(config.educationSurchargeRateBp),
    localEducationPercent: pct(config.localEducationSurchargeRateBp),
    reductionPercent: pct(config.smallScaleReductionBp),
    iitPercent: pct(config.iitAssessedRateBp),
    exemptThresholdFen: config.vatExemptMonthlyThresholdFen,
    perTimeThresholdFen: config.vatExemptPerTimeThresholdFen,
    sellerQualifies: seller.qualifies ?? config.sellerQualifiesSmallScale,
  };
}
