import { describe, expect, it } from 'vitest';
import { TaxConfig, type LocationClass } from '../../../shared/config/tax-config';
import { SELLER_KINDS, quoteTax, type TaxQuote } from '../../../shared/domain/tax/quote';
import { prng, randomInt } from '../../support/prng';
import { oracleRatesOf, oracleTax } from '../../support/tax-oracle';

/**
 * quoteTax against an independent computation (test/support/tax-oracle.ts):
 * exact fractions of yuan, rounded once per line by comparing the remainder.
 * Every config here is explicit, so these tests are about the method, not the
 * default rates.
 */
function mustQuote(result: ReturnType<typeof quoteTax>): TaxQuote {
  if (!result.ok) throw new Error(`refused: ${result.refusal.reason}`);
  return result.quote;
}

const pick = (q: TaxQuote) => ({
  exempt: q.exempt,
  netFen: q.netFen,
  vatFen: q.vatFen,
  urbanFen: q.urbanFen,
  educationFen: q.educationFen,
  localEducationFen: q.localEducationFen,
  iitFen: q.iitFen,
  nationalFen: q.nationalFen,
  localFen: q.localFen,
  totalFen: q.totalFen,
});

describe('each surcharge is rounded once, on the exact product', () => {
  // 3 % levy, city, halved surcharges, over the monthly threshold.
  const config = TaxConfig.parse({
    levyRateBp: 300,
    reducedLevyRateOn: false,
    location: 'city',
    smallScaleReductionBp: 5000,
    urbanMaintenanceRateBp: { city: 700 },
    educationSurchargeRateBp: 300,
    localEducationSurchargeRateBp: 200,
    iitAssessedRateBp: 150,
  });

  it('VAT 0.25 元: local education 0.25 × 2 % × 50 % = 0.0025 元 → 0.00; urban 0.00875 → 0.01; education 0.00375 → 0.00', () => {
    // 8.58 元 gross: net round(8.58 / 1.03) = 8.33, VAT 0.25.
    const q = mustQuote(quoteTax({ date: '2026-12-07', grossFen: 858, monthToDateFen: 10_000_000 }, config));
    expect([q.netFen, q.vatFen]).toEqual([833, 25]);
    expect({ urban: q.urbanFen, education: q.educationFen, localEducation: q.localEducationFen }).toEqual({ urban: 1, education: 0, localEducation: 0 });
  });

  it('a half fen goes up on every surcharge line, a hair under half does not', () => {
    // VAT 1.00 元 at 1 %, no cut: 0.01 each; at 50 %: 0.005 → 0.01 (half-up); VAT 0.99 at 1 % halved: 0.00495 → 0.00.
    // VAT built from a 1 % levy: gross = VAT × 101 gives net = VAT × 100 exactly; not exempt.
    const at = (vatFen: number, rateBp: number, reductionBp: number) => {
      const levyConfig = TaxConfig.parse({
        levyRateBp: 100,
        reducedLevyRateOn: false,
        sellerQualifiesSmallScale: false,
        urbanMaintenanceRateBp: { city: rateBp },
        educationSurchargeRateBp: rateBp,
        localEducationSurchargeRateBp: rateBp,
        smallScaleReductionBp: reductionBp,
        iitAssessedRateBp: 0,
      });
      const q = mustQuote(quoteTax({ date: '2026-12-07', grossFen: vatFen * 101, monthToDateFen: 0 }, levyConfig));
      expect(q.vatFen).toBe(vatFen);
      return [q.urbanFen, q.educationFen, q.localEducationFen];
    };
    expect(at(100, 100, 0)).toEqual([1, 1, 1]);
    expect(at(100, 100, 5000)).toEqual([1, 1, 1]);
    expect(at(99, 100, 5000)).toEqual([0, 0, 0]);
  });
});

describe('quoteTax agrees with the independent oracle (seeded)', () => {
  it('on every line, for random explicit configs, sellers and amounts', () => {
    const seed = 0x0a11ce;
    const rand = prng(seed);
    const locations: LocationClass[] = ['city', 'county', 'other'];
    for (let i = 0; i < 2000; i++) {
      const config = TaxConfig.parse({
        levyRateBp: randomInt(rand, 10_001),
        reducedLevyRateBp: randomInt(rand, 10_001),
        // An older bundle's switch, or the reduced period's dates.
        ...(rand() < 0.3
          ? { reducedLevyRateOn: rand() < 0.5 }
          : {
              reducedLevyRateFrom: `202${randomInt(rand, 5)}-0${1 + randomInt(rand, 9)}-1${randomInt(rand, 10)}`,
              reducedLevyRateUntil: `2027-12-${10 + randomInt(rand, 22)}`,
            }),
        location: locations[randomInt(rand, 3)],
        urbanMaintenanceRateBp: { city: randomInt(rand, 1001), county: randomInt(rand, 1001), other: randomInt(rand, 1001) },
        educationSurchargeRateBp: randomInt(rand, 1001),
        localEducationSurchargeRateBp: randomInt(rand, 1001),
        smallScaleReductionBp: [0, 5000, randomInt(rand, 10_001)][randomInt(rand, 3)],
        iitAssessedRateBp: randomInt(rand, 1001),
        vatExemptMonthlyThresholdFen: randomInt(rand, 20_000_000),
        amountVersion: 'million',
      });
      const qualifies = rand() < 0.7;
      const sellerKind = SELLER_KINDS[randomInt(rand, SELLER_KINDS.length)]!;
      const date = `20${22 + randomInt(rand, 8)}-${String(1 + randomInt(rand, 12)).padStart(2, '0')}-${String(1 + randomInt(rand, 28)).padStart(2, '0')}`;
      // Small amounts often: that is where a second rounding shows.
      const grossFen = 1 + randomInt(rand, rand() < 0.5 ? 2_000 : 99_999_999);
      const monthToDateFen = randomInt(rand, 20_000_000);
      const q = mustQuote(quoteTax({ date, grossFen, monthToDateFen, sellerQualifiesSmallScale: qualifies, sellerKind }, config));
      expect(pick(q), `seed ${seed} case ${i}: ${sellerKind} on ${date}, gross ${grossFen}, month ${monthToDateFen}, ${JSON.stringify(config)}`).toEqual(
        oracleTax({ grossFen, monthToDateFen, sellerKind }, oracleRatesOf(config, { qualifies, date })),
      );
    }
  });
});
