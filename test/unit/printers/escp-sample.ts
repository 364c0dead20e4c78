import { amountInWords } from '../../../shared/domain/amount-in-words';
import { InvoiceFormData, INVOICE_MAX_ITEMS, type InvoiceItem } from '../../../shared/domain/invoice-form';

/** A fictional invoice that fills every field of the form, at the longest texts a line allows. */
export function sampleInvoice(itemCount = INVOICE_MAX_ITEMS, buyer: 'company' | 'individual' = 'company'): InvoiceFormData {
  const items: InvoiceItem[] = Array.from({ length: itemCount }, (_, i) => ({
    name: i === 0 ? '*现代服务*咨询服务费' : `*货物*办公用品${i}`,
    spec: i % 2 === 0 ? 'A4-80g' : 'B5',
    unit: i === 0 ? '次' : '箱',
    quantity: i === 0 ? '1' : `${i}.5`,
    unitPrice: i === 0 ? '9708.73786408' : '120.00',
    amountFen: i === 0 ? 970_874 : 12_000 * i + 6_000,
    taxRate: i === 3 ? 'exempt' : i === 0 ? 300 : 1300,
    taxFen: i === 3 ? 0 : i === 0 ? 29_126 : Math.round((12_000 * i + 6_000) * 0.13),
  }));
  const amountFen = items.reduce((s, it) => s + it.amountFen, 0);
  const taxFen = items.reduce((s, it) => s + it.taxFen, 0);
  return InvoiceFormData.parse({
    code: '044031900111',
    number: '12345678',
    issueDate: '2026-06-01',
    buyer:
      buyer === 'individual'
        ? { name: '测试甲', taxId: null }
        : {
            name: '深圳市测试甲贸易有限公司',
            taxId: '91440300MA5FYYYY1Z',
            addressPhone: '深圳市福田区测试路1号 0755-12345678',
            bankAccount: '示例银行福田支行 6222000033334444',
          },
    items,
    totals: { amountFen, taxFen, totalFen: amountFen + taxFen },
    totalInWords: amountInWords(amountFen + taxFen),
    seller: {
      name: '深圳市示例科技有限公司',
      taxId: '91440300MA5FXXXX0Y',
      addressPhone: '深圳市南山区示例大道100号 0755-87654321',
      bankAccount: '中国示例银行深圳分行 6222000011112222',
    },
    remarks: '代开 示例备注',
    payee: '收款员',
    reviewer: '复核员',
    issuer: '开票员',
  });
}
