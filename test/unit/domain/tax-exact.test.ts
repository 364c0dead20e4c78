import { describe, expect, it } from 'vitest';
import { TaxConfig } from '../../../shared/config/tax-config';
import { divHalfUp, parseDecimal, parseScaled, toSafeNumber } from '../../../shared/domain/tax/exact';
import { checkInvoiceLines } from '../../../shared/domain/tax/invoice-lines';
import { quoteTax } from '../../../shared/domain/tax/quote';
import { TAX_REFUSAL_REASONS } from '../../../shared/domain/tax/refusal';

/** The exact arithmetic under every tax line, and the guards that turn caller bugs into errors. */
describe('divHalfUp', () => {
  it('rounds half up, and only half up', () => {
    expect([divHalfUp(0n, 7n), divHalfUp(4n, 10n), divHalfUp(5n, 10n), divHalfUp(15n, 10n), divHalfUp(14n, 10n)]).toEqual([0n, 0n, 1n, 2n, 1n]);
    expect(divHalfUp(1n, 1n)).toBe(1n);
  });

  it('refuses a negative numerator and a denominator of zero or less', () => {
    expect(() => divHalfUp(-1n, 10n)).toThrow(new RangeError('divHalfUp takes a non-negative numerator and a positive denominator'));
    // Zero would throw anyway (BigInt division by zero), but with the wrong words.
    expect(() => divHalfUp(10n, 0n)).toThrow(new RangeError('divHalfUp takes a non-negative numerator and a positive denominator'));
    expect(() => divHalfUp(10n, -3n)).toThrow(new RangeError('divHalfUp takes a non-negative numerator and a positive denominator'));
  });
});

describe('toSafeNumber', () => {
  it('passes the safe integer range, both ends included, and refuses one beyond', () => {
    expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(BigInt(Number.MIN_SAFE_INTEGER))).toBe(Number.MIN_SAFE_INTEGER);
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(new RangeError('amount outside the safe integer range'));
    expect(() => toSafeNumber(BigInt(Number.MIN_SAFE_INTEGER) - 1n)).toThrow(new RangeError('amount outside the safe integer range'));
  });
});

describe('plain decimals', () => {
  it('parses units and scale', () => {
    expect(parseDecimal('0')).toEqual({ units: 0n, scale: 0 });
    expect(parseDecimal('12.50')).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal('3')).toEqual({ units: 3n, scale: 0 });
  });

  it('refuses signs, exponents, spaces, grouping and bare points', () => {
    for (const text of ['', '-1', '+1', '1e3', ' 1', '1 ', '1,000', '.5', '5.', '1.2.3', 'abc']) expect(parseDecimal(text), text).toBeNull();
  });

  it('scales to an integer of the given decimals, refusing more decimals or more than a safe integer', () => {
    expect(parseScaled('10300.00', 2)).toBe(1_030_000);
    expect(parseScaled('1.5', 2)).toBe(150);
    expect(parseScaled('7', 2)).toBe(700);
    expect(parseScaled('1.234', 2)).toBeNull();
    expect(parseScaled('x', 2)).toBeNull();
    expect(parseScaled('90071992547409.91', 2)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseScaled('90071992547409.92', 2)).toBeNull();
  });
});

describe('invoice lines', () => {
  const config = TaxConfig.parse({});

  it('refuses a unit price without a quantity (nothing would check the amount), and a quantity without a unit price', () => {
    expect(checkInvoiceLines([{ unitPrice: '1.00', amountFen: 100 }], config)).toEqual({
      ok: false,
      refusal: { reason: 'lineAmountMismatch', lineIndex: 0, amountFen: 100, expectedFen: null },
    });
    expect(checkInvoiceLines([{ quantity: '1', amountFen: 100 }], config)).toMatchObject({
      ok: false,
      refusal: { reason: 'lineAmountMismatch', expectedFen: null },
    });
  });

  it('throws on a line amount that is not non-negative integer fen, and on a sum past the safe integers (caller bugs)', () => {
    expect(() => checkInvoiceLines([{ amountFen: -1 }], config)).toThrow(new RangeError('a line amount must be a non-negative safe integer of fen'));
    expect(() => checkInvoiceLines([{ amountFen: 1.5 }], config)).toThrow(RangeError);
    expect(() => checkInvoiceLines([{ amountFen: Number.MAX_SAFE_INTEGER }, { amountFen: 1 }], config)).toThrow(new RangeError('the line amounts overflow'));
    expect(checkInvoiceLines([{ amountFen: 0 }], config)).toEqual({ ok: true, grossFen: 0 });
  });
});

describe('quoteTax input guards', () => {
  const config = TaxConfig.parse({});
  it('names the bad input', () => {
    expect(() => quoteTax({ date: '2026-12-07', grossFen: 0.5, monthToDateFen: 0 }, config)).toThrow(new RangeError('grossFen must be a safe integer of fen'));
    expect(() => quoteTax({ date: '2026-12-07', grossFen: 100, monthToDateFen: -1 }, config)).toThrow(
      new RangeError('monthToDateFen must be a non-negative safe integer of fen'),
    );
  });

  it('lists every refusal reason the checks produce', () => {
    expect(TAX_REFUSAL_REASONS).toEqual(
      expect.arrayContaining([
        'grossNotPositive',
        'grossOverLimit',
        'lineAmountMismatch',
        'tooManyLines',
        'buyerTaxIdInvalid',
        'sellerHasArrears',
        'sellerCreditGradeBlocked',
      ]),
    );
  });
});
