import { z } from 'zod';
import { INVOICE_MAX_ITEMS } from '../domain/invoice-form';

/**
 * The rates and limits of the tax method (docs/tax-rules.md). Rates change by year
 * and by region, so administrators push them with an effective date; the code
 * in shared/domain/tax holds the method only. The defaults describe a
 * small-scale seller (小规模纳税人) in a city district.
 *
 * Money is integer fen, rates are basis points (1 % = 100 bp).
 */

const bp = z.number().int().min(0).max(10_000);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Where the kiosk stands decides the urban maintenance and construction tax rate (城市维护建设税). */
export const LocationClass = z.enum(['city', 'county', 'other']);
export type LocationClass = z.infer<typeof LocationClass>;

/** 纳税信用等级. */
export const CreditGrade = z.enum(['A', 'B', 'M', 'C', 'D']);
export type CreditGrade = z.infer<typeof CreditGrade>;

/**
 * The amount version (限额版) of the invoice forms: 万元版, 十万元版, 百万元版.
 * Each has a per-invoice ceiling on the gross.
 */
export const AmountVersion = z.enum(['tenThousand', 'hundredThousand', 'million']);
export type AmountVersion = z.infer<typeof AmountVersion>;

/**
 * The reduced small-scale levy rate in force by default: 1 % from 2023-01-01
 * to 2027-12-31 (MoF/STA announcement 2023 No. 19), the statutory 3 % before
 * and after (docs/tax-rules.md, "The levy rate in force").
 */
export const REDUCED_LEVY_RATE_FROM = '2023-01-01';
export const REDUCED_LEVY_RATE_UNTIL = '2027-12-31';

/** Keys a bundle written before the reduced period had dates may carry about the levy rate. */
const LEVY_PERIOD_KEYS = ['reducedLevyRateFrom', 'reducedLevyRateUntil', 'reducedLevyRateOn'] as const;

/**
 * Bundles written before the reduced period had dates: one that states a levy
 * rate (statutory or reduced) but neither the period nor the switch meant
 * "the switch is off" (the switch defaulted to off then), so it keeps that
 * meaning: its levyRateBp stays in force on every date.
 */
function legacyLevyMeaning(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const keys = Object.keys(input);
  const statesRate = keys.includes('levyRateBp') || keys.includes('reducedLevyRateBp');
  const statesPeriod = LEVY_PERIOD_KEYS.some((k) => keys.includes(k));
  return statesRate && !statesPeriod ? { ...input, reducedLevyRateOn: false } : input;
}

const TaxConfigObject = z
  .object({
    /** First day (YYYY-MM-DD, China time) these numbers apply; an administrator's push names it. */
    effectiveFrom: z.iso.date().default('2023-01-01'),
    /** The statutory VAT levy rate for small-scale sellers (征收率), in force outside the reduced period. */
    levyRateBp: bp.default(300),
    /** The reduced levy rate, in force from reducedLevyRateFrom to reducedLevyRateUntil (both days included, China dates). */
    reducedLevyRateBp: bp.default(100),
    reducedLevyRateFrom: z.iso.date().default(REDUCED_LEVY_RATE_FROM),
    reducedLevyRateUntil: z.iso.date().default(REDUCED_LEVY_RATE_UNTIL),
    /**
     * The switch of older bundles: when present it wins over the dates (true:
     * the reduced rate on every date; false: levyRateBp on every date). New
     * bundles leave it out and give the dates.
     */
    reducedLevyRateOn: z.boolean().optional(),
    location: LocationClass.default('city'),
    /** 城市维护建设税 by location class. */
    urbanMaintenanceRateBp: z
      .object({ city: bp.default(700), county: bp.default(500), other: bp.default(100) })
      .strict()
      .prefault({}),
    /** 教育费附加. */
    educationSurchargeRateBp: bp.default(300),
    /** 地方教育附加. */
    localEducationSurchargeRateBp: bp.default(200),
    /** 六税两费减半: the share taken off each surcharge; 0 where the region does not apply it. */
    smallScaleReductionBp: bp.default(5000),
    /** IIT withheld on the net amount at the assessed rate (核定征收); 0 where the region does not collect it. */
    iitAssessedRateBp: bp.default(150),
    /** Monthly sales up to this stay VAT-exempt for a qualifying seller (default 100,000.00 CNY). */
    vatExemptMonthlyThresholdFen: fen.default(10_000_000),
    /**
     * A natural person (其他个人) pays per time (按次纳税): a sale at or under this
     * 起征点 is VAT-free, above it VAT is due on the whole (default 500.00 CNY;
     * the province sets it within 300–500).
     */
    vatExemptPerTimeThresholdFen: fen.default(50_000),
    /** Whether sellers served by this kiosk qualify for the exemption (small-scale); a quote may say otherwise per seller. */
    sellerQualifiesSmallScale: z.boolean().default(true),
    /** Per-invoice gross ceiling per amount version: 9,999.99 / 99,999.99 / 999,999.99 CNY. */
    invoiceLimitFen: z
      .object({
        tenThousand: fen.default(999_999),
        hundredThousand: fen.default(9_999_999),
        million: fen.default(99_999_999),
      })
      .strict()
      .prefault({}),
    /** The amount version of the forms this kiosk issues on. */
    amountVersion: AmountVersion.default('hundredThousand'),
    /** Lines one form holds; never more than the printer layout (invoice-form.ts) prints. */
    maxLinesPerForm: z.number().int().min(1).max(INVOICE_MAX_ITEMS).default(INVOICE_MAX_ITEMS),
    /** Credit grades refused invoices issued on behalf. */
    blockedCreditGrades: z.array(CreditGrade).default(['D']),
  })
  .strict()
  .refine((c) => c.reducedLevyRateFrom <= c.reducedLevyRateUntil, {
    message: 'reducedLevyRateFrom must not be after reducedLevyRateUntil',
    path: ['reducedLevyRateUntil'],
  });

export const TaxConfig = z.preprocess(legacyLevyMeaning, TaxConfigObject);
export type TaxConfig = z.infer<typeof TaxConfig>;

/** The defaults of docs/tax-rules.md: small-scale seller, city district. */
export function defaultTaxConfig(): TaxConfig {
  return TaxConfig.parse({});
}

/**
 * The levy rate in force on `date` (YYYY-MM-DD, China date): the reduced rate
 * from reducedLevyRateFrom to reducedLevyRateUntil, both included, else the
 * statutory levyRateBp; an older bundle's switch, when present, decides alone.
 */
export function levyRateInForceBp(config: TaxConfig, date: string): number {
  if (config.reducedLevyRateOn !== undefined) return config.reducedLevyRateOn ? config.reducedLevyRateBp : config.levyRateBp;
  const reduced = config.reducedLevyRateFrom <= date && date <= config.reducedLevyRateUntil;
  return reduced ? config.reducedLevyRateBp : config.levyRateBp;
}
