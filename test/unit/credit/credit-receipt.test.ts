import { describe, expect, it } from 'vitest';
import { creditReceipt, type CreditReceiptData } from '../../../electron/host/credit/credit-receipt';

/** The 银税互动 receipt: the bank's reference, what was shared, and the taxpayer only masked. */
const BASE: CreditReceiptData = {
  lang: 'zh-CN',
  kind: 'consent',
  taxpayerName: '示例科技有限公司',
  taxpayerId: '91370102MA01TK019U',
  bankName: '示范银行',
  scope: { grade: 'D', year: 2025, taxPaidByYear: [{ year: 2025, fen: 100 }], arrears: true },
  expiresAt: '2027-12-07T08:00:00.000Z',
  applicationRef: 'YSHD-20261207-ABCDEFGH',
  at: new Date('2026-12-07T08:00:00.000Z'),
  kioskId: 'KIOSK-1',
  transactionId: '01JTESTC0NSENT000000000000',
};
const text = (d: CreditReceiptData) =>
  creditReceipt(d)
    .lines.map((l) => ('text' in l ? l.text : 'label' in l ? `${l.label} ${l.value}` : ''))
    .join('\n');

describe('credit receipt', () => {
  it('prints the bank, what was shared, the expiry and the reference; the taxpayer masked', () => {
    const printed = text(BASE);
    expect(printed).toContain('银税互动授权凭条');
    expect(printed).toContain('授权银行 示范银行');
    expect(printed).toContain('信用等级 D 级（2025 年度）');
    expect(printed).toContain('有效期至 2027-12-07');
    expect(printed).toContain('银行受理编号 YSHD-20261207-ABCDEFGH');
    expect(printed).toContain('913701********019U');
    expect(printed).not.toContain('91370102MA01TK019U');
    expect(printed).not.toContain('示例科技有限公司');
  });

  it('says the bank has not answered yet rather than leaving the reference out; a withdrawal has no expiry', () => {
    expect(text({ ...BASE, applicationRef: null })).toContain('银行受理编号 待银行回复');
    const revoked = text({ ...BASE, kind: 'revoke', lang: 'en' });
    expect(revoked).toContain('Consent withdrawal receipt');
    expect(revoked).not.toContain('Valid until');
  });
});
