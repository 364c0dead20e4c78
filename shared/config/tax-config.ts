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

export const TaxConfig = z
  .object({
    /** First day (YYYY-MM-DD, China time) these numbers apply; an administrator's push names it. */
    effectiveFrom: z.iso.date().default('2023-01-01'),
    /** VAT levy rate for small-scale sellers (征收率). */
    levyRateBp: bp.default(300),
    /** The reduced levy rate, used instead of levyRateBp while `reducedLevyRateOn` is set. */
    reducedLevyRateBp: bp.default(100),
    reducedLevyRateOn: z.boolean().default(false),
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
  .strict();
export type TaxConfig = z.infer<typeof TaxConfig>;

/** The defaults of docs/tax-rules.md: small-scale seller, city district. */
export function defaultTaxConfig(): TaxConfig {
  return TaxConfig.parse({});
}

/** The levy rate in force: the reduced one while its switch is on. */
export function effectiveLevyRateBp(config: TaxConfig): number {
  return config.reducedLevyRateOn ? config.reducedLevyRateBp : config.levyRateBp;
}
