import type { IitCertificateInput, IitCertificateRecord } from '../../../electron/host/documents/iit-certificate';
import { formatVerificationCode, makeVerificationCode } from '../../../shared/domain/verification-code';

/**
 * Two years of a salaried person's IIT records (测试乙 of the simulated card
 * profiles): a change of employer half-way, and a few service fees, so
 * agent and authority names wrap in their cells as real ones do.
 */
export const TAXPAYER = { name: '测试乙', idNumber: '370102196005150024' } as const;
export const MASKED_ID = '370102********0024';
export const ISSUED_AT = new Date(2026, 2, 5, 14, 7, 9);
/** A fixed, valid code (the kiosk draws its bytes from crypto.randomBytes). */
export const CODE = formatVerificationCode(makeVerificationCode(Uint8Array.from({ length: 32 }, (_, i) => (i * 73 + 11) % 256)));

const AUTHORITY = '国家税务总局济南市历下区税务局';

export function sampleRecords(count = 24): IitCertificateRecord[] {
  const records: IitCertificateRecord[] = [];
  for (let i = 0; i < count; i++) {
    const year = 2024 + Math.floor(i / 12);
    const month = (i % 12) + 1;
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const paidYear = month === 12 ? year + 1 : year;
    const paidMonth = month === 12 ? 1 : month + 1;
    const service = i % 7 === 3;
    records.push({
      period,
      item: service ? '劳务报酬所得' : '工资薪金所得',
      agent: service ? '山东示例文化传媒有限公司' : i < 18 ? '济南示例科技有限公司' : '山东示例商贸集团股份有限公司济南分公司',
      // Deterministic, varied amounts in fen (a few hundred yuan a month).
      amountFen: 31_250 + ((i * 7_919) % 45_000) + (service ? 80_000 : 0),
      paidOn: `${paidYear}-${String(paidMonth).padStart(2, '0')}-15`,
      authority: AUTHORITY,
    });
  }
  return records;
}

export function sampleInput(over: Partial<IitCertificateInput> = {}): IitCertificateInput {
  return {
    taxpayer: { ...TAXPAYER },
    from: '2024-01',
    to: '2025-12',
    records: sampleRecords(),
    issuedAt: ISSUED_AT,
    issuer: '国家税务总局济南市历下区税务局',
    verificationCode: CODE,
    lang: 'zh-CN',
    kioskId: 'KIOSK-0001',
    // What the kiosk prints by default: the holder's own proof, name and ID number in full.
    nameShown: 'full',
    idNumberShown: 'full',
    ...over,
  };
}
