import { describe, expect, it } from 'vitest';
import { TaxConfig, defaultTaxConfig, levyRateInForceBp } from '../../../shared/config/tax-config';
import { quoteTax, type TaxQuote } from '../../../shared/domain/tax/quote';
import { oracleRatesOf, oracleTax } from '../../support/tax-oracle';

/**
 * Issue 13: who pays which tax. The expected numbers are worked by hand in
 * docs/tax-rules.md ("Worked numbers") and cross-checked with the independent
 * oracle (test/support/tax-oracle.ts), never taken from quoteTax.
 */
function mustQuote(result: ReturnType<typeof quoteTax>): TaxQuote {
  if (!result.ok) throw new Error(`refused: ${result.refusal.reason}`);
  return result.quote;
}

const DAY_2026 = '2026-12-07';

describe('the seller kind decides the IIT line', () => {
  // Case G: 10,300.00 at 3 %, city, surcharges halved, over the monthly threshold.
  const config = TaxConfig.parse({ levyRateBp: 300, reducedLevyRateOn: false, location: 'city', smallScaleReductionBp: 5000, iitAssessedRateBp: 150 });

  it('an enterprise gets no IIT line: VAT 300.00 national, surcharges 18.00 local, nothing else', () => {
    const q = mustQuote(quoteTax({ grossFen: 1_030_000, monthToDateFen: 10_000_000, sellerKind: 'enterprise', date: DAY_2026 }, config));
    expect(q.lines.local.map((l) => l.kind)).toEqual(['urbanMaintenance', 'education', 'localEducation']);
    expect({ net: q.netFen, vat: q.vatFen, iit: q.iitFen, national: q.nationalFen, local: q.localFen, total: q.totalFen }).toEqual({
      net: 1_000_000,
      vat: 30_000,
      iit: 0,
      national: 30_000,
      local: 1_800,
      total: 31_800,
    });
  });

  it('the issue 13 invoice: 示例科技有限公司 at the default rate in force pays no 873.79 IIT', () => {
    // 60,000.00 gross at 3 % gave net 58,252.43 and IIT 58,252.43 × 1.5 % = 873.79 before; an enterprise pays none.
    const q = mustQuote(quoteTax({ grossFen: 6_000_000, monthToDateFen: 6_000_000, sellerKind: 'enterprise', date: DAY_2026 }, defaultTaxConfig()));
    expect(q.iitFen).toBe(0);
    expect(q.lines.local.some((l) => l.kind === 'iit')).toBe(false);
  });

  it('an individual business keeps the IIT line (case A: 150.00), also when the kind is not given', () => {
    for (const sellerKind of ['individualBusiness', undefined] as const) {
      const q = mustQuote(quoteTax({ grossFen: 1_030_000, monthToDateFen: 10_000_000, date: DAY_2026, ...(sellerKind ? { sellerKind } : {}) }, config));
      expect([q.iitFen, q.localFen]).toEqual([15_000, 16_800]);
    }
  });

  it('a natural person pays IIT on net and is taxed per time: VAT-free at or under 500.00, taxed on the whole above it', () => {
    // 500.00: exempt, IIT 500.00 × 1.5 % = 7.50.
    const low = mustQuote(quoteTax({ grossFen: 50_000, monthToDateFen: 0, sellerKind: 'naturalPerson', date: DAY_2026 }, config));
    expect([low.exempt, low.vatFen, low.iitFen, low.totalFen]).toEqual([true, 0, 750, 750]);
    // 500.01 at 3 %: net round(500.01 / 1.03) = 485.45, VAT 14.56, urban 14.56 × 7 % × 50 % = 0.5096 → 0.51,
    // education 0.2184 → 0.22, local education 0.1456 → 0.15, IIT 485.45 × 1.5 % = 7.28175 → 7.28.
    const high = mustQuote(quoteTax({ grossFen: 50_001, monthToDateFen: 0, sellerKind: 'naturalPerson', date: DAY_2026 }, config));
    expect([high.exempt, high.netFen, high.vatFen, high.urbanFen, high.educationFen, high.localEducationFen, high.iitFen]).toEqual([
      false,
      48_545,
      1_456,
      51,
      22,
      15,
      728,
    ]);
    // The monthly threshold does not exempt a natural person: 600.00 with nothing else this month is taxed.
    expect(mustQuote(quoteTax({ grossFen: 60_000, monthToDateFen: 0, sellerKind: 'naturalPerson', date: DAY_2026 }, config)).exempt).toBe(false);
  });

  it('vector H (docs/tax-rules.md): 示例科技有限公司 invoicing 60,000.00 on 2026-12-07 at the default rates pays 629.70, no IIT', () => {
    // 60,000.00 / 1.01 = 59,405.9406 → 59,405.94; VAT 594.06; urban 594.06 × 7 % × 50 % = 20.7921 → 20.79;
    // education × 3 % × 50 % = 8.9109 → 8.91; local education × 2 % × 50 % = 5.9406 → 5.94.
    const q = mustQuote(quoteTax({ grossFen: 6_000_000, monthToDateFen: 6_000_000, sellerKind: 'enterprise', date: DAY_2026 }, defaultTaxConfig()));
    expect([q.levyRateBp, q.netFen, q.vatFen, q.urbanFen, q.educationFen, q.localEducationFen, q.iitFen, q.nationalFen, q.localFen, q.totalFen]).toEqual([
      100, 5_940_594, 59_406, 2_079, 891, 594, 0, 59_406, 3_564, 62_970,
    ]);
  });

  it('vector K (docs/tax-rules.md): a natural person invoicing 800.00 on 2026-12-07 at the default rates pays 20.28', () => {
    // 800.00 / 1.01 = 792.0792 → 792.08; VAT 7.92; urban 0.2772 → 0.28; education 0.1188 → 0.12;
    // local education 0.0792 → 0.08; IIT 792.08 × 1.5 % = 11.8812 → 11.88.
    const q = mustQuote(quoteTax({ grossFen: 80_000, monthToDateFen: 0, sellerKind: 'naturalPerson', date: DAY_2026 }, defaultTaxConfig()));
    expect([q.exempt, q.netFen, q.vatFen, q.urbanFen, q.educationFen, q.localEducationFen, q.iitFen, q.localFen, q.totalFen]).toEqual([
      false,
      79_208,
      792,
      28,
      12,
      8,
      1_188,
      1_236,
      2_028,
    ]);
  });

  it('agrees with the independent oracle for every kind', () => {
    for (const sellerKind of ['enterprise', 'individualBusiness', 'naturalPerson'] as const) {
      for (const [grossFen, monthToDateFen] of [
        [50_000, 0],
        [50_001, 0],
        [1_030_000, 10_000_000],
        [3_000_000, 6_000_000],
      ] as const) {
        const q = mustQuote(quoteTax({ grossFen, monthToDateFen, sellerKind, date: DAY_2026 }, config));
        const o = oracleTax({ grossFen, monthToDateFen, sellerKind }, oracleRatesOf(config, { date: DAY_2026 }));
        expect({ exempt: q.exempt, net: q.netFen, vat: q.vatFen, iit: q.iitFen, local: q.localFen, total: q.totalFen }, `${sellerKind} ${grossFen}`).toEqual({
          exempt: o.exempt,
          net: o.netFen,
          vat: o.vatFen,
          iit: o.iitFen,
          local: o.localFen,
          total: o.totalFen,
        });
      }
    }
  });
});

describe('the small-scale levy rate in force (MoF/STA announcement 2023 No. 19)', () => {
  it('defaults to 1 % from 2023-01-01 to 2027-12-31 and 3 % from 2028-01-01', () => {
    const c = defaultTaxConfig();
    expect(levyRateInForceBp(c, '2026-06-15')).toBe(100);
    expect(levyRateInForceBp(c, '2023-01-01')).toBe(100);
    expect(levyRateInForceBp(c, '2027-12-31')).toBe(100);
    expect(levyRateInForceBp(c, '2028-01-01')).toBe(300);
    expect(levyRateInForceBp(c, '2022-12-31')).toBe(300);
  });

  it('the default quote on a 2026 day uses 1 % (case B: 1,234.56 → net 1,222.34, VAT 12.22) and 3 % on 2028-01-01', () => {
    const in2026 = mustQuote(quoteTax({ grossFen: 123_456, monthToDateFen: 10_000_000, date: '2026-06-15' }, defaultTaxConfig()));
    expect([in2026.levyRateBp, in2026.netFen, in2026.vatFen]).toEqual([100, 122_234, 1_222]);
    // 1,234.56 / 1.03 = 1,198.6019… → 1,198.60, VAT 35.96.
    const in2028 = mustQuote(quoteTax({ grossFen: 123_456, monthToDateFen: 10_000_000, date: '2028-01-01' }, defaultTaxConfig()));
    expect([in2028.levyRateBp, in2028.netFen, in2028.vatFen]).toEqual([300, 119_860, 3_596]);
  });

  it('takes administrator dates for the reduced period', () => {
    const c = TaxConfig.parse({ reducedLevyRateFrom: '2024-01-01', reducedLevyRateUntil: '2024-06-30', reducedLevyRateBp: 50 });
    expect([levyRateInForceBp(c, '2023-12-31'), levyRateInForceBp(c, '2024-03-01'), levyRateInForceBp(c, '2024-07-01')]).toEqual([300, 50, 300]);
    expect(TaxConfig.safeParse({ reducedLevyRateFrom: '2025-01-01', reducedLevyRateUntil: '2024-12-31' }).success).toBe(false);
    expect(TaxConfig.safeParse({ reducedLevyRateUntil: '2027-02-30' }).success).toBe(false);
  });

  it('keeps the meaning of bundles written before the dates: their switch wins, a bare levy rate stays in force', () => {
    expect(levyRateInForceBp(TaxConfig.parse({ reducedLevyRateOn: false }), '2026-06-15')).toBe(300);
    expect(levyRateInForceBp(TaxConfig.parse({ reducedLevyRateOn: true }), '2030-01-01')).toBe(100);
    expect(levyRateInForceBp(TaxConfig.parse({ levyRateBp: 500 }), '2026-06-15')).toBe(500);
    expect(levyRateInForceBp(TaxConfig.parse({ levyRateBp: 500, reducedLevyRateUntil: '2027-12-31' }), '2026-06-15')).toBe(100);
  });

  it('reads a whole taxRates section as the previous build wrote it (switch off): 3 % on every day, until a bundle with dates replaces it', () => {
    const previousBuild = {
      effectiveFrom: '2023-01-01',
      levyRateBp: 300,
      reducedLevyRateBp: 100,
      reducedLevyRateOn: false,
      location: 'city',
      urbanMaintenanceRateBp: { city: 700, county: 500, other: 100 },
      educationSurchargeRateBp: 300,
      localEducationSurchargeRateBp: 200,
      smallScaleReductionBp: 5000,
      iitAssessedRateBp: 150,
      vatExemptMonthlyThresholdFen: 10_000_000,
      sellerQualifiesSmallScale: true,
      invoiceLimitFen: { tenThousand: 999_999, hundredThousand: 9_999_999, million: 99_999_999 },
      amountVersion: 'hundredThousand',
      maxLinesPerForm: 8,
      blockedCreditGrades: ['D'],
    };
    const parsed = TaxConfig.safeParse(previousBuild);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect([levyRateInForceBp(parsed.data, '2026-06-15'), levyRateInForceBp(parsed.data, '2028-01-01')]).toEqual([300, 300]);
    expect(parsed.data.vatExemptPerTimeThresholdFen).toBe(50_000);
  });
});
