import { sandboxPublicContent } from '../../../backend/sandbox/public-content-seed';
import type { PublicContent, PublicSection } from '../../../shared/content/public-content';

/** Scripted host answers (as the real host would send them) shared by the screen tests: the accessibility walk's whole visit, the issuance test's invoice. */

export const COMPANY = { id: '91370102MA01TK019U', name: '示例科技有限公司', kind: 'enterprise', asAgent: true };
export const SHOP = { id: '92110101L000000116', name: '东城区示例便利店', kind: 'individual', asAgent: false };
export const COLLECTION = {
  taxpayers: { outcome: 'ok', taxpayers: [COMPANY, SHOP] },
  options: {
    outcome: 'ok',
    types: [
      { code: '04', name: '增值税普通发票', quotaRemaining: 20, stockRemaining: 50, maxQuantity: 20 },
      { code: '01', name: '增值税专用发票', quotaRemaining: 0, stockRemaining: 30, maxQuantity: 0 },
    ],
  },
  pickup: { outcome: 'found', pickup: { code: '80000001', taxpayerName: SHOP.name, invoiceType: '04', invoiceTypeName: '增值税普通发票', quantity: 10 } },
  collect: {
    outcome: 'completed',
    transactionId: 'T-1',
    invoiceType: '04',
    invoiceTypeName: '增值税普通发票',
    code: '011002300111',
    first: '00012301',
    last: '00012301',
    quantity: 1,
    taxpayerName: COMPANY.name,
    receiptPrinted: true,
  },
  progress: [{ step: 'printingForms', done: 0, total: 1 }],
  holdCollect: true,
};
export const TX = '01J0000000000000000000000A';
export const QUOTE = {
  outcome: 'ok',
  quote: {
    grossFen: 30_000,
    netFen: 29_126,
    exempt: false,
    levyRateBp: 300,
    national: { totalFen: 874, lines: [{ kind: 'vat', baseFen: 30_000, rateBp: 300, reductionBp: 0, amountFen: 874 }] },
    local: {
      totalFen: 491,
      lines: [
        { kind: 'urbanMaintenance', baseFen: 874, rateBp: 700, reductionBp: 5000, amountFen: 31 },
        { kind: 'education', baseFen: 874, rateBp: 300, reductionBp: 5000, amountFen: 13 },
        { kind: 'localEducation', baseFen: 874, rateBp: 200, reductionBp: 5000, amountFen: 9 },
        { kind: 'iit', baseFen: 29_126, rateBp: 150, reductionBp: 0, amountFen: 438 },
      ],
    },
    payableFen: 1_365,
  },
};
export const QR = {
  size: 21,
  rows: Array.from({ length: 21 }, (_, r) => Array.from({ length: 21 }, (_, c) => ((r * 7 + c * 3) % 5 < 2 ? '1' : '0')).join('')),
};
export const PAID = { transactionId: TX, sellerName: SHOP.name, buyerName: '张*', grossFen: 30_000, paidFen: 1_365 };
const pad = (n: number) => String(n).padStart(2, '0');
export const RECORDS = Array.from({ length: 12 }, (_, i) => ({
  period: i === 0 ? '2024-12' : `2025-${pad(i)}`,
  item: '工资薪金所得',
  agent: '示例科技有限公司',
  amountFen: 45_000 + i * 100,
  paidOn: i === 0 ? '2025-01-15' : `2025-${pad(i + 1)}-15`,
  authority: '国家税务总局示例市历下区税务局',
}));
export const ANSWERS = {
  'issuance.begin': { outcome: 'ok', sellers: [COMPANY, SHOP], unfinished: [], maxLines: 8, limitFen: 9_999_999 },
  'issuance.seller': { outcome: 'ok' },
  'issuance.quote': QUOTE,
  'issuance.pay': {
    outcome: 'awaitingPayment',
    payment: { transactionId: TX, orderId: 'ORDER-1', amountFen: 1_365, qr: QR, expiresAt: '2030-01-01T08:15:00.000Z' },
  },
  'issuance.paymentStatus': { status: 'pending', paid: null },
  'issuance.cancel': { status: 'cancelled', paid: null },
  'issuance.print': {
    outcome: 'completed',
    transactionId: TX,
    invoiceCode: '1100261632',
    invoiceNumber: '00000007',
    grossFen: 30_000,
    nationalFen: 874,
    localFen: 491,
    receiptPrinted: true,
  },
  'certificate.periods': {
    earliest: '2023-01',
    latest: '2025-12',
    historyMonths: 36,
    maxSpanMonths: 12,
    presets: [
      { id: 'last12Months', from: '2024-12', to: '2025-11' },
      { id: 'thisYear', from: '2025-01', to: '2025-12' },
      { id: 'lastYear', from: '2024-01', to: '2024-12' },
    ],
  },
  'certificate.records': { outcome: 'ok', from: '2024-12', to: '2025-11', records: RECORDS, totalFen: RECORDS.reduce((s, r) => s + r.amountFen, 0) },
  'certificate.print': {
    outcome: 'completed',
    transactionId: '01JTESTCERT0000000000000000',
    from: '2024-12',
    to: '2025-11',
    recordCount: 12,
    totalFen: 547_800,
    pages: 2,
    verificationCode: 'WJ1F-D25K-9WGA-EDT7-D',
    receiptPrinted: true,
  },
};

/** 公开信息: the sandbox's seeded content, answered a page at a time as the host does. */
export const PUBLIC_CONTENT: PublicContent = sandboxPublicContent(new Date('2026-05-10T02:00:00Z'));
export const PUBLIC_PAGE = 8;

export function publicOverview(c: PublicContent = PUBLIC_CONTENT) {
  const { entries: a, ...arrears } = c.arrears;
  const { entries: q, ...quotas } = c.quotas;
  return {
    available: true,
    version: 3,
    effectiveFrom: '2026-05-01T00:00:00.000Z',
    expiresAt: '2026-08-01T00:00:00.000Z',
    counts: { guides: c.guides.length, powers: c.powers.length, arrears: a.length, quotas: q.length },
    arrears,
    quotas,
  };
}

export const PUBLIC_ITEMS: Record<PublicSection, readonly { id: string }[]> = {
  guides: PUBLIC_CONTENT.guides,
  powers: PUBLIC_CONTENT.powers,
  arrears: PUBLIC_CONTENT.arrears.entries,
  quotas: PUBLIC_CONTENT.quotas.entries,
};

export function publicList(section: PublicSection, items: readonly { id: string }[] = PUBLIC_ITEMS[section], page = 1) {
  return {
    section,
    page,
    pageSize: PUBLIC_PAGE,
    total: items.length,
    pages: Math.max(1, Math.ceil(items.length / PUBLIC_PAGE)),
    items: items.slice((page - 1) * PUBLIC_PAGE, page * PUBLIC_PAGE),
  };
}

/** 纳税信用 / 银税互动: two taxpayers the card holder acts for (one A, one D in arrears), the bank's terms and answers. */
export const CREDIT_GOOD = COMPANY.id;
export const CREDIT_GRADE_D = '91370102MA01TK035H';
export const CREDIT_TERMS = { bankId: 'demo-bank', bankName: '示范银行', purpose: 'loanApplication', months: 12 };
export const CREDIT_CONSENT_ID = '01JTESTC0NSENT000000000000';
const creditTaxpayer = (id: string, name: string, grade: string, arrears: boolean, consent: unknown = null) => ({
  taxpayerId: id,
  name,
  asAgent: true,
  grade,
  year: 2025,
  taxPaidByYear: [
    { year: 2025, fen: 1_234_500 },
    { year: 2024, fen: 1_100_000 },
    { year: 2023, fen: 980_000 },
  ],
  arrears,
  cautions: [...(grade === 'D' ? ['gradeD'] : []), ...(arrears ? ['arrears'] : [])],
  consent,
});
export const CREDIT_VIEW = {
  outcome: 'ok',
  terms: CREDIT_TERMS,
  taxpayers: [creditTaxpayer(CREDIT_GOOD, COMPANY.name, 'A', false), creditTaxpayer(CREDIT_GRADE_D, '示例贸易有限公司', 'D', true)],
};
export const CREDIT_AUTHORIZED = {
  outcome: 'authorized',
  consentId: CREDIT_CONSENT_ID,
  bankName: '示范银行',
  expiresAt: '2027-12-07T08:00:00.000Z',
  applicationRef: 'YSHD-20261207-NSENT000',
  receiptPrinted: true,
};
export const CREDIT_CONSENTED_VIEW = {
  ...CREDIT_VIEW,
  taxpayers: [
    creditTaxpayer(CREDIT_GOOD, COMPANY.name, 'A', false, {
      consentId: CREDIT_CONSENT_ID,
      grantedAt: '2026-12-07T08:00:00.000Z',
      expiresAt: '2027-12-07T08:00:00.000Z',
      applicationRef: 'YSHD-20261207-NSENT000',
    }),
    creditTaxpayer(CREDIT_GRADE_D, '示例贸易有限公司', 'D', true),
  ],
};
export const CREDIT_REVOKED = { outcome: 'revoked', consentId: CREDIT_CONSENT_ID, revokedAt: '2026-12-07T08:05:00.000Z', receiptPrinted: false };

/** 纳税信用等级证明 for the grade-D taxpayer: its preview and the printed result. */
export const CREDIT_CERT_PREVIEW = {
  outcome: 'ok',
  preview: {
    taxpayerId: CREDIT_GRADE_D,
    name: '示例贸易有限公司',
    grade: 'D',
    year: 2025,
    bankName: '示范银行',
    issuer: '国家税务总局',
    issuedOn: '2026-12-08',
  },
};
export const CREDIT_CERT_PRINTED = { outcome: 'completed', verificationCode: 'ABCD-EFGH-JKLM-NPQR-T', grade: 'D', year: 2025 };
