import { describe, expect, it } from 'vitest';
import { TaxConfig, defaultTaxConfig } from '../../../shared/config/tax-config';
import { checkInvoiceLines, lineProductFen } from '../../../shared/domain/tax/invoice-lines';
import { checkAndQuote, checkBuyerTaxId, checkSeller, type IssueRequest } from '../../../shared/domain/tax/issue-checks';

const config = defaultTaxConfig();
const VALID_BUYER = '91350100M000100Y43';

describe('checkInvoiceLines', () => {
  it('answers the gross when every quantity × unit price is its amount', () => {
    const lines = [
      { quantity: '3', unitPrice: '12.50', amountFen: 3750 },
      { quantity: '0.5', unitPrice: '19.99', amountFen: 1000 }, // 9.995 rounds half-up to 10.00
      { amountFen: 100_000 }, // a service: the amount alone
    ];
    expect(checkInvoiceLines(lines, config)).toEqual({ ok: true, grossFen: 104_750 });
  });

  it('multiplies exactly where floats would not (1.15 × 100 and 8-decimal prices)', () => {
    expect(lineProductFen('100', '1.15')).toBe(11_500);
    expect(lineProductFen('3', '3.33333333')).toBe(1000); // 9.99999999 → 10.00
    expect(lineProductFen('0.1', '0.2')).toBe(2); // 0.02
    expect(lineProductFen('1e3', '1')).toBeNull();
  });

  it('refuses a line whose amount is not quantity × unit price, naming the line and the right amount', () => {
    const lines = [{ amountFen: 500 }, { quantity: '3', unitPrice: '12.50', amountFen: 3749 }];
    expect(checkInvoiceLines(lines, config)).toEqual({
      ok: false,
      refusal: { reason: 'lineAmountMismatch', lineIndex: 1, amountFen: 3749, expectedFen: 3750 },
    });
  });

  it('refuses a quantity without a unit price, and a malformed decimal', () => {
    expect(checkInvoiceLines([{ quantity: '2', amountFen: 200 }], config)).toMatchObject({
      ok: false,
      refusal: { reason: 'lineAmountMismatch', expectedFen: null },
    });
    expect(checkInvoiceLines([{ quantity: '-2', unitPrice: '1', amountFen: 200 }], config)).toMatchObject({
      ok: false,
      refusal: { reason: 'lineAmountMismatch' },
    });
  });

  it('refuses more lines than the form holds (8), and follows a configured smaller form', () => {
    const line = { amountFen: 100 };
    expect(checkInvoiceLines(Array(8).fill(line), config).ok).toBe(true);
    expect(checkInvoiceLines(Array(9).fill(line), config)).toEqual({ ok: false, refusal: { reason: 'tooManyLines', lines: 9, maxLines: 8 } });
    expect(checkInvoiceLines(Array(6).fill(line), TaxConfig.parse({ maxLinesPerForm: 5 }))).toMatchObject({ ok: false, refusal: { maxLines: 5 } });
  });
});

describe('seller and buyer checks', () => {
  it('refuses a seller with arrears or a blocked credit grade; an ungraded seller passes', () => {
    expect(checkSeller({ hasArrears: true, creditGrade: 'A' }, config)).toEqual({ ok: false, refusal: { reason: 'sellerHasArrears' } });
    expect(checkSeller({ hasArrears: false, creditGrade: 'D' }, config)).toEqual({ ok: false, refusal: { reason: 'sellerCreditGradeBlocked', grade: 'D' } });
    expect(checkSeller({ hasArrears: false, creditGrade: 'C' }, config).ok).toBe(true);
    expect(checkSeller({ hasArrears: false, creditGrade: 'C' }, TaxConfig.parse({ blockedCreditGrades: ['C', 'D'] })).ok).toBe(false);
    expect(checkSeller({ hasArrears: false, creditGrade: null }, config).ok).toBe(true);
  });

  it('accepts an individual buyer without a tax ID and refuses one that fails GB 32100', () => {
    expect(checkBuyerTaxId(null).ok).toBe(true);
    expect(checkBuyerTaxId(VALID_BUYER).ok).toBe(true);
    expect(checkBuyerTaxId('91350100M000100Y44')).toEqual({ ok: false, refusal: { reason: 'buyerTaxIdInvalid' } });
  });
});

describe('checkAndQuote: every refusal of docs/tax-rules.md, and the quote', () => {
  const base: IssueRequest = {
    seller: { hasArrears: false, creditGrade: 'B' },
    buyerTaxId: VALID_BUYER,
    lines: [{ quantity: '2', unitPrice: '5150', amountFen: 1_030_000 }],
    monthToDateFen: 10_000_000,
    sellerKind: 'individualBusiness',
    date: '2028-01-01',
  };
  it.each<[string, Partial<IssueRequest>, string]>([
    ['gross ≤ 0', { lines: [{ amountFen: 0 }] }, 'grossNotPositive'],
    ['no lines at all', { lines: [] }, 'grossNotPositive'],
    ['gross over the 十万元 limit', { lines: [{ amountFen: 5_000_000 }, { amountFen: 5_000_000 }] }, 'grossOverLimit'],
    ['a line that does not multiply out', { lines: [{ quantity: '2', unitPrice: '5150', amountFen: 1_000_000 }] }, 'lineAmountMismatch'],
    ['nine lines', { lines: Array(9).fill({ amountFen: 100 }) }, 'tooManyLines'],
    ['a buyer tax ID with a wrong check character', { buyerTaxId: '91350100M000100Y4X' }, 'buyerTaxIdInvalid'],
    ['a seller with arrears', { seller: { hasArrears: true, creditGrade: 'A' } }, 'sellerHasArrears'],
    ['a seller graded D', { seller: { hasArrears: false, creditGrade: 'D' } }, 'sellerCreditGradeBlocked'],
  ])('refuses %s', (_what, change, reason) => {
    const result = checkAndQuote({ ...base, ...change }, config);
    expect(result.ok ? 'quoted' : result.refusal.reason).toBe(reason);
  });

  it('quotes case A from its lines', () => {
    const result = checkAndQuote(base, config);
    expect(result.ok && [result.quote.nationalFen, result.quote.localFen]).toEqual([30_000, 16_800]);
  });
});
