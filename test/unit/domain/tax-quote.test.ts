import { describe, expect, it } from 'vitest';
import { TaxConfig, defaultTaxConfig, type LocationClass } from '../../../shared/config/tax-config';
import { INVOICE_MAX_ITEMS } from '../../../shared/domain/invoice-form';
import { parseScaled } from '../../../shared/domain/tax/exact';
import { isVatExempt, quoteTax, type TaxQuote } from '../../../shared/domain/tax/quote';
import { prng, randomInt } from '../../support/prng';

/** "10,300.00" as written in docs/tax-rules.md → fen. */
function fen(yuan: string): number {
  const value = parseScaled(yuan.replace(/,/g, '').replace(/ \(exempt\)$/, ''), 2);
  if (value === null) throw new Error(`bad amount in the table: ${yuan}`);
  return value;
}

function mustQuote(result: ReturnType<typeof quoteTax>): TaxQuote {
  if (!result.ok) throw new Error(`refused: ${result.refusal.reason}`);
  return result.quote;
}

// The worked numbers of docs/tax-rules.md, copied column for column.
// case, gross, month-to-date before, levy bp, location, 50% cut, IIT bp, net, VAT, urban, edu, local edu, IIT amt, national, local
const VECTORS: [string, string, string, number, LocationClass, boolean, number, string, string, string, string, string, string, string, string][] = [
  ['A', '10,300.00', '100,000.00', 300, 'city', true, 150, '10,000.00', '300.00', '10.50', '4.50', '3.00', '150.00', '300.00', '168.00'],
  ['B', '1,234.56', '100,000.00', 100, 'city', true, 150, '1,222.34', '12.22', '0.43', '0.18', '0.12', '18.34', '12.22', '19.07'],
  ['C', '1,234.56', '100,000.00', 100, 'county', false, 150, '1,222.34', '12.22', '0.61', '0.37', '0.24', '18.34', '12.22', '19.56'],
  ['D', '30,000.00', '60,000.00', 100, 'city', true, 150, '30,000.00', '0 (exempt)', '0', '0', '0', '450.00', '0', '450.00'],
  ['E', '0.01', '100,000.00', 300, 'city', true, 150, '0.01', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'],
  ['F', '99,999.99', '100,000.00', 300, 'other', true, 50, '97,087.37', '2,912.62', '14.56', '43.69', '29.13', '485.44', '2,912.62', '572.82'],
];

/** A day after the reduced 1 % period: the default config's levy rate is the statutory 3 % then. */
const AFTER_REDUCED = '2028-01-01';

describe('quoteTax: the worked numbers of docs/tax-rules.md', () => {
  it.each(VECTORS)('case %s', (_case, gross, mtd, levyRateBp, location, cut, iitAssessedRateBp, net, vat, urban, edu, localEdu, iit, national, local) => {
    const config = TaxConfig.parse({ levyRateBp, location, smallScaleReductionBp: cut ? 5000 : 0, iitAssessedRateBp });
    const quote = mustQuote(quoteTax({ date: AFTER_REDUCED, grossFen: fen(gross), monthToDateFen: fen(mtd) }, config));
    expect({
      net: quote.netFen,
      vat: quote.vatFen,
      urban: quote.urbanFen,
      edu: quote.educationFen,
      localEdu: quote.localEducationFen,
      iit: quote.iitFen,
      national: quote.nationalFen,
      local: quote.localFen,
    }).toEqual({
      net: fen(net),
      vat: fen(vat),
      urban: fen(urban),
      edu: fen(edu),
      localEdu: fen(localEdu),
      iit: fen(iit),
      national: fen(national),
      local: fen(local),
    });
    expect(quote.exempt).toBe(vat.includes('exempt'));
    expect(quote.totalFen).toBe(fen(national) + fen(local));
  });

  it('splits case A into a national leg (VAT) and a local leg (surcharges with the cut, IIT on net)', () => {
    const quote = mustQuote(quoteTax({ date: AFTER_REDUCED, grossFen: 1_030_000, monthToDateFen: 10_000_000 }, defaultTaxConfig()));
    expect(quote.lines.national).toEqual([{ authority: 'national', kind: 'vat', baseFen: 1_030_000, rateBp: 300, reductionBp: 0, amountFen: 30_000 }]);
    expect(quote.lines.local.map((l) => [l.kind, l.baseFen, l.rateBp, l.reductionBp, l.amountFen])).toEqual([
      ['urbanMaintenance', 30_000, 700, 5000, 1050],
      ['education', 30_000, 300, 5000, 450],
      ['localEducation', 30_000, 200, 5000, 300],
      ['iit', 1_000_000, 150, 0, 15_000],
    ]);
  });
});

describe('the tax config', () => {
  it('defaults to the small-scale seller in a city district of docs/tax-rules.md', () => {
    const c = defaultTaxConfig();
    expect(c).toMatchObject({
      levyRateBp: 300,
      reducedLevyRateBp: 100,
      reducedLevyRateFrom: '2023-01-01',
      reducedLevyRateUntil: '2027-12-31',
      location: 'city',
      urbanMaintenanceRateBp: { city: 700, county: 500, other: 100 },
      educationSurchargeRateBp: 300,
      localEducationSurchargeRateBp: 200,
      smallScaleReductionBp: 5000,
      iitAssessedRateBp: 150,
      vatExemptMonthlyThresholdFen: 10_000_000,
      vatExemptPerTimeThresholdFen: 50_000,
      sellerQualifiesSmallScale: true,
      invoiceLimitFen: { tenThousand: 999_999, hundredThousand: 9_999_999 },
      amountVersion: 'hundredThousand',
      blockedCreditGrades: ['D'],
    });
    expect(c.maxLinesPerForm).toBe(INVOICE_MAX_ITEMS);
    expect(c.reducedLevyRateOn).toBeUndefined();
  });

  it('refuses rates outside 0–100 %, fractional basis points, unknown keys and more lines than the form prints', () => {
    expect(TaxConfig.safeParse({ levyRateBp: 10_001 }).success).toBe(false);
    expect(TaxConfig.safeParse({ iitAssessedRateBp: 1.5 }).success).toBe(false);
    expect(TaxConfig.safeParse({ levyRate: 3 }).success).toBe(false);
    expect(TaxConfig.safeParse({ maxLinesPerForm: INVOICE_MAX_ITEMS + 1 }).success).toBe(false);
    expect(TaxConfig.safeParse({ effectiveFrom: '2024-13-01' }).success).toBe(false);
  });

  it('uses the reduced 1 % levy rate when its switch is on (case B numbers from a 3 % default)', () => {
    const config = TaxConfig.parse({ reducedLevyRateOn: true });
    const quote = mustQuote(quoteTax({ date: AFTER_REDUCED, grossFen: 123_456, monthToDateFen: 10_000_000 }, config));
    expect([quote.levyRateBp, quote.netFen, quote.vatFen]).toEqual([100, 122_234, 1222]);
  });
});

describe('the VAT exemption', () => {
  const config = defaultTaxConfig();
  it('is exempt at the threshold exactly and taxed one fen above it', () => {
    expect(isVatExempt({ grossFen: 4_000_000, monthToDateFen: 6_000_000, sellerQualifies: true }, config)).toBe(true);
    expect(isVatExempt({ grossFen: 4_000_001, monthToDateFen: 6_000_000, sellerQualifies: true }, config)).toBe(false);
  });

  it('does not apply to a seller who does not qualify', () => {
    const quote = mustQuote(quoteTax({ date: AFTER_REDUCED, grossFen: 3_000_000, monthToDateFen: 6_000_000, sellerQualifiesSmallScale: false }, config));
    expect(quote.exempt).toBe(false);
    expect(quote.vatFen).toBe(87_379); // 30,000.00 − round(30,000.00 / 1.03) = 30,000.00 − 29,126.21
  });

  it('follows a bureau-configured threshold', () => {
    const low = TaxConfig.parse({ vatExemptMonthlyThresholdFen: 0 });
    expect(mustQuote(quoteTax({ date: AFTER_REDUCED, grossFen: 1, monthToDateFen: 0 }, low)).exempt).toBe(false);
  });
});

describe('quoteTax refusals', () => {
  const config = defaultTaxConfig();
  it('refuses a gross of zero or less', () => {
    expect(quoteTax({ date: AFTER_REDUCED, grossFen: 0, monthToDateFen: 0 }, config)).toEqual({
      ok: false,
      refusal: { reason: 'grossNotPositive', grossFen: 0 },
    });
    expect(quoteTax({ date: AFTER_REDUCED, grossFen: -500, monthToDateFen: 0 }, config)).toMatchObject({ ok: false, refusal: { reason: 'grossNotPositive' } });
  });

  it('accepts 99,999.99 on the 十万元 forms and refuses one fen more; the 万元 forms stop at 9,999.99', () => {
    expect(quoteTax({ date: AFTER_REDUCED, grossFen: 9_999_999, monthToDateFen: 0 }, config).ok).toBe(true);
    expect(quoteTax({ date: AFTER_REDUCED, grossFen: 10_000_000, monthToDateFen: 0 }, config)).toEqual({
      ok: false,
      refusal: { reason: 'grossOverLimit', grossFen: 10_000_000, limitFen: 9_999_999, amountVersion: 'hundredThousand' },
    });
    expect(quoteTax({ date: AFTER_REDUCED, grossFen: 1_000_000, monthToDateFen: 0, amountVersion: 'tenThousand' }, config)).toMatchObject({
      ok: false,
      refusal: { reason: 'grossOverLimit', limitFen: 999_999 },
    });
  });

  it('throws on amounts that are not integer fen (a caller bug, not a taxpayer refusal)', () => {
    expect(() => quoteTax({ date: AFTER_REDUCED, grossFen: 10.5, monthToDateFen: 0 }, config)).toThrow(RangeError);
    expect(() => quoteTax({ date: AFTER_REDUCED, grossFen: 100, monthToDateFen: -1 }, config)).toThrow(RangeError);
  });
});

/** Half-up written differently from the code (quotient and remainder), as an oracle. */
function oracleRound(n: bigint, d: bigint): bigint {
  return 2n * (n % d) >= d ? n / d + 1n : n / d;
}

describe('quoteTax properties (seeded)', () => {
  it('keeps net + VAT = gross, national + local = total, every amount a non-negative integer, each line rounded once', () => {
    const seed = 0x7a11;
    const rand = prng(seed);
    const locations: LocationClass[] = ['city', 'county', 'other'];
    for (let i = 0; i < 1500; i++) {
      const config = TaxConfig.parse({
        levyRateBp: randomInt(rand, 10_001),
        location: locations[randomInt(rand, 3)],
        urbanMaintenanceRateBp: { city: randomInt(rand, 10_001), county: randomInt(rand, 10_001), other: randomInt(rand, 10_001) },
        educationSurchargeRateBp: randomInt(rand, 10_001),
        localEducationSurchargeRateBp: randomInt(rand, 10_001),
        smallScaleReductionBp: randomInt(rand, 10_001),
        iitAssessedRateBp: randomInt(rand, 10_001),
        amountVersion: 'million',
      });
      const grossFen = 1 + randomInt(rand, rand() < 0.3 ? 100 : 99_999_999);
      const monthToDateFen = randomInt(rand, 20_000_000);
      const q = mustQuote(quoteTax({ date: AFTER_REDUCED, grossFen, monthToDateFen }, config));
      const context = `seed ${seed} case ${i} gross ${grossFen}`;
      expect(q.netFen + q.vatFen, context).toBe(grossFen);
      expect(q.nationalFen + q.localFen, context).toBe(q.totalFen);
      expect(q.localFen, context).toBe(q.urbanFen + q.educationFen + q.localEducationFen + q.iitFen);
      for (const v of [q.netFen, q.vatFen, q.urbanFen, q.educationFen, q.localEducationFen, q.iitFen, q.nationalFen, q.localFen, q.totalFen]) {
        expect(Number.isSafeInteger(v) && v >= 0, context).toBe(true);
      }
      expect(q.exempt, context).toBe(monthToDateFen + grossFen <= config.vatExemptMonthlyThresholdFen);
      if (!q.exempt) {
        expect(BigInt(q.netFen), context).toBe(oracleRound(BigInt(grossFen) * 10_000n, 10_000n + BigInt(config.levyRateBp)));
      }
      const cut = 10_000n - BigInt(config.smallScaleReductionBp);
      const urbanRateBp = config.urbanMaintenanceRateBp[config.location];
      expect(BigInt(q.urbanFen), context).toBe(oracleRound(BigInt(q.vatFen) * BigInt(urbanRateBp) * cut, 100_000_000n));
      expect(BigInt(q.educationFen), context).toBe(oracleRound(BigInt(q.vatFen) * BigInt(config.educationSurchargeRateBp) * cut, 100_000_000n));
      expect(BigInt(q.localEducationFen), context).toBe(oracleRound(BigInt(q.vatFen) * BigInt(config.localEducationSurchargeRateBp) * cut, 100_000_000n));
      expect(BigInt(q.iitFen), context).toBe(oracleRound(BigInt(q.netFen) * BigInt(config.iitAssessedRateBp), 10_000n));
    }
  });
});
