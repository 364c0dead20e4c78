import type { CreditGrade, RegistrationStatus, TaxpayerKind } from '../../shared/backend';
import { makeCreditCode } from './seed-credit-code';

/**
 * The demo world of the sandbox backend. Every name and number is fictional
 * (示例 = "example"); credit codes are built to pass GB 32100. The people are
 * the simulator's card profiles (devices/simulators/idcard/profiles.ts), by ID
 * number: the backend knows people only by number, never by profile name.
 * README.md in this folder is the table a demo user follows.
 */

export const PERSON = {
  resident: '11010519491231002X',
  residentLongTerm: '370102196005150024',
  hkMacauTaiwan: '810000199901010014',
  foreign2017: 'USA110090010108',
  foreign2023: '911840199203150019',
} as const;

export const TAXPAYER_ID = {
  eligibleIndividual: makeCreditCode('92', '110101', 'L0000001'),
  multiAgentEnterprise: makeCreditCode('91', '370102', 'MA01TK01'),
  arrearsEnterprise: makeCreditCode('91', '370102', 'MA01TK02'),
  gradeDEnterprise: makeCreditCode('91', '370102', 'MA01TK03'),
  unverifiedEnterprise: makeCreditCode('91', '370102', 'MA01TK04'),
  suspendedIndividual: makeCreditCode('92', '370102', 'L0000002'),
  quotaUsedIndividual: makeCreditCode('92', '440305', 'L0000003'),
  /**
   * 测试庚's own record as a natural person (自然人代开). The backend keys every
   * taxpayer record by an 18-character code; the sandbox makes one that passes
   * GB 32100 (registration authority Y: other), so the person's ID number never
   * becomes a taxpayer id in logs or outbox legs (docs/tax-rules.md, "Seller kinds").
   */
  naturalPerson: makeCreditCode('Y1', '110105', 'N0000001'),
} as const;

export const INVOICE_TYPES = [
  { code: 'ordinary-paper-1', name: '增值税普通发票（万元版）' },
  { code: 'ordinary-paper-10', name: '增值税普通发票（十万元版）' },
  { code: 'special-paper-10', name: '增值税专用发票（十万元版）' },
] as const;
export type SeedInvoiceType = (typeof INVOICE_TYPES)[number]['code'];

export interface SeedTaxpayer {
  id: string;
  name: string;
  kind: TaxpayerKind;
  registration: RegistrationStatus;
  creditGrade: CreditGrade;
  arrearsFen: number;
  unverified: number;
  /** Gross invoiced counted in every month (demo baseline). */
  baseMonthGrossFen: number;
  owner?: string;
  agents: readonly string[];
  approvals: readonly { type: SeedInvoiceType; monthlyQuota: number; baseUsed: number }[];
}

const healthy = { registration: 'registered', arrearsFen: 0, unverified: 0, baseMonthGrossFen: 0 } as const;

export const SEED_TAXPAYERS: readonly SeedTaxpayer[] = [
  {
    ...healthy,
    id: TAXPAYER_ID.eligibleIndividual,
    name: '东城区示例便利店',
    kind: 'individual',
    creditGrade: 'M',
    owner: PERSON.resident,
    agents: [],
    approvals: [
      { type: 'ordinary-paper-1', monthlyQuota: 50, baseUsed: 5 },
      { type: 'ordinary-paper-10', monthlyQuota: 25, baseUsed: 0 },
    ],
  },
  {
    // 60,000.00 invoiced this month: docs/tax-rules.md vector D's month-to-date; an enterprise, so no IIT (vector H).
    ...healthy,
    id: TAXPAYER_ID.multiAgentEnterprise,
    name: '示例科技有限公司',
    kind: 'enterprise',
    creditGrade: 'A',
    baseMonthGrossFen: 6_000_000,
    agents: [PERSON.resident, PERSON.residentLongTerm],
    approvals: [
      { type: 'ordinary-paper-10', monthlyQuota: 100, baseUsed: 40 },
      { type: 'special-paper-10', monthlyQuota: 25, baseUsed: 10 },
    ],
  },
  {
    ...healthy,
    id: TAXPAYER_ID.arrearsEnterprise,
    name: '示例商贸有限公司',
    kind: 'enterprise',
    creditGrade: 'B',
    arrearsFen: 1_234_500,
    agents: [PERSON.resident],
    approvals: [{ type: 'ordinary-paper-10', monthlyQuota: 50, baseUsed: 0 }],
  },
  {
    ...healthy,
    id: TAXPAYER_ID.gradeDEnterprise,
    name: '示例建材有限公司',
    kind: 'enterprise',
    creditGrade: 'D',
    agents: [PERSON.resident],
    approvals: [{ type: 'ordinary-paper-10', monthlyQuota: 25, baseUsed: 0 }],
  },
  {
    ...healthy,
    id: TAXPAYER_ID.unverifiedEnterprise,
    name: '示例餐饮管理有限公司',
    kind: 'enterprise',
    creditGrade: 'B',
    unverified: 12,
    agents: [PERSON.resident],
    approvals: [{ type: 'ordinary-paper-1', monthlyQuota: 100, baseUsed: 20 }],
  },
  {
    ...healthy,
    id: TAXPAYER_ID.suspendedIndividual,
    name: '历下区示例裁缝店',
    kind: 'individual',
    creditGrade: 'M',
    registration: 'suspended',
    owner: PERSON.residentLongTerm,
    agents: [],
    approvals: [{ type: 'ordinary-paper-1', monthlyQuota: 25, baseUsed: 0 }],
  },
  {
    ...healthy,
    id: TAXPAYER_ID.quotaUsedIndividual,
    name: '南山区示例设计工作室',
    kind: 'individual',
    creditGrade: 'B',
    owner: PERSON.hkMacauTaiwan,
    agents: [],
    approvals: [{ type: 'ordinary-paper-1', monthlyQuota: 25, baseUsed: 25 }],
  },
  {
    // A natural person issuing on their own behalf with their own card: no invoice types to collect, nothing invoiced.
    ...healthy,
    id: TAXPAYER_ID.naturalPerson,
    name: '测试庚',
    kind: 'naturalPerson',
    creditGrade: 'M',
    owner: PERSON.foreign2023,
    agents: [],
    approvals: [],
  },
];

/** 取票码: digits only, so the kiosk's numeric keypad is enough. */
export const SEED_PICKUPS = [
  { code: '80000001', taxpayerId: TAXPAYER_ID.eligibleIndividual, type: 'ordinary-paper-1', quantity: 10, collected: false },
  { code: '80000002', taxpayerId: TAXPAYER_ID.multiAgentEnterprise, type: 'ordinary-paper-10', quantity: 25, collected: false },
  { code: '80000003', taxpayerId: TAXPAYER_ID.multiAgentEnterprise, type: 'ordinary-paper-10', quantity: 5, collected: true },
  { code: '80000004', taxpayerId: TAXPAYER_ID.arrearsEnterprise, type: 'ordinary-paper-10', quantity: 10, collected: false },
] as const satisfies readonly { code: string; taxpayerId: string; type: SeedInvoiceType; quantity: number; collected: boolean }[];

/**
 * What each simulator card profile finds in the sandbox (tests hold the seed
 * to this, and README.md shows it). `none` is a documented answer, not a gap.
 */
export const DEMO_PEOPLE: Record<string, { idNumber: string; taxpayers: readonly string[] | 'none'; iit: 'many' | 'some' | 'none' }> = {
  resident: {
    idNumber: PERSON.resident,
    taxpayers: [
      TAXPAYER_ID.eligibleIndividual,
      TAXPAYER_ID.multiAgentEnterprise,
      TAXPAYER_ID.arrearsEnterprise,
      TAXPAYER_ID.gradeDEnterprise,
      TAXPAYER_ID.unverifiedEnterprise,
    ],
    iit: 'some',
  },
  'resident-long-term': {
    idNumber: PERSON.residentLongTerm,
    taxpayers: [TAXPAYER_ID.suspendedIndividual, TAXPAYER_ID.multiAgentEnterprise],
    iit: 'many',
  },
  'hk-macau-taiwan': { idNumber: PERSON.hkMacauTaiwan, taxpayers: [TAXPAYER_ID.quotaUsedIndividual], iit: 'none' },
  'foreign-2017': { idNumber: PERSON.foreign2017, taxpayers: 'none', iit: 'some' },
  'foreign-2023': { idNumber: PERSON.foreign2023, taxpayers: [TAXPAYER_ID.naturalPerson], iit: 'none' },
};
