import { describe, expect, it } from 'vitest';
import { TaxConfig } from '../../../shared/config/tax-config';
import { InvoiceFormData } from '../../../shared/domain/invoice-form';
import { quoteTax } from '../../../shared/domain/tax/quote';
import { formItems, invoiceForm, netUnitPrice } from '../../../electron/host/services/invoice-issue-form';

/** The config of tax-rules vector A, stated in full so a change of defaults does not move it. */
const VECTOR_A = TaxConfig.parse({ levyRateBp: 300, reducedLevyRateOn: false, location: 'city', smallScaleReductionBp: 5000, iitAssessedRateBp: 150 });

const quote = (grossFen: number, monthToDateFen: number) => {
  const q = quoteTax({ grossFen, monthToDateFen, date: '2026-12-07' }, VECTOR_A);
  if (!q.ok) throw new Error('refused');
  return q.quote;
};

describe('invoice lines as the form prints them', () => {
  it('splits each line into amount and VAT that add up to the quote exactly (docs/tax-rules.md vector A)', () => {
    const q = quote(1_030_000, 10_000_000);
    // Vector A: net 10,000.00, VAT 300.00.
    expect([q.netFen, q.vatFen]).toEqual([1_000_000, 30_000]);
    const items = formItems(
      [
        { name: '咨询', quantity: '1', unitPrice: '3333.33', amountFen: 333_333 },
        { name: '设计', quantity: '3', unitPrice: '2322.22', amountFen: 696_666 },
        { name: '服务', amountFen: 1 },
      ],
      q,
    );
    expect(items.reduce((s, i) => s + i.amountFen, 0)).toBe(q.netFen);
    expect(items.reduce((s, i) => s + i.taxFen, 0)).toBe(q.vatFen);
    expect(items.every((i) => i.taxFen >= 0 && i.taxRate === 300)).toBe(true);
    expect(items[0]?.unitPrice).toBe('3236.24271845');
    const form = invoiceForm({
      code: '1100261632',
      number: '00000001',
      issueDate: '2026-01-01',
      buyerName: '甲',
      buyerTaxId: null,
      sellerName: '乙',
      sellerTaxId: '91370102MA01TK019U',
      items,
      kioskId: 'K1',
    });
    expect(InvoiceFormData.safeParse(form).success).toBe(true);
    expect(form.totals.totalFen).toBe(1_030_000);
  });

  it('an exempt invoice prints the gross as the amount, 免税 and no VAT', () => {
    const q = quote(100_000, 0);
    const [item] = formItems([{ name: '文具', quantity: '4', unitPrice: '250.00', amountFen: 100_000 }], q);
    expect(item).toMatchObject({ amountFen: 100_000, taxFen: 0, taxRate: 'exempt', unitPrice: '250.00' });
  });

  it('net unit prices keep up to 8 decimals, rounded half-up', () => {
    expect(netUnitPrice('10000', 300)).toBe('9708.73786408');
    expect(netUnitPrice('103', 300)).toBe('100.00');
  });
});
