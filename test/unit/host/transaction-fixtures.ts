import type { NewTransaction } from '../../../electron/host/transactions/transaction-store';
import type { OutboxLeg } from '../../../electron/host/transactions/outbox-payloads';

/** Test data for transactions; the ID numbers are the simulator's fictitious people. */
export const PERSON_ID = '11010519491231002X';
export const SELLER_TAX_ID = '91370102MA3C4TQX5B';

export function collection(quantity = 5, personIdNumber = PERSON_ID): NewTransaction {
  return {
    kind: 'invoiceCollection',
    taxpayerId: SELLER_TAX_ID,
    personIdNumber,
    nationalFen: 0,
    localFen: 0,
    payload: { schemaVersion: 1, invoiceType: 'vatOrdinary', quantity, pickupCode: null, allocation: null },
  };
}

export function issue(grossFen = 1_030_000): NewTransaction {
  return {
    kind: 'invoiceIssue',
    taxpayerId: SELLER_TAX_ID,
    personIdNumber: PERSON_ID,
    nationalFen: 30_000,
    localFen: 16_800,
    payload: {
      schemaVersion: 1,
      invoiceType: 'vatOrdinary',
      buyerTaxId: null,
      items: [{ name: '咨询服务', amountFen: 1_000_000, taxRate: 300, taxFen: 30_000 }],
      quote: { grossFen, netFen: 1_000_000, vatFen: 30_000, urbanFen: 1_050, educationFen: 450, localEducationFen: 300, iitFen: 15_000, exempt: false },
      paymentOrderId: null,
      invoice: null,
    },
    sealed: { buyerName: '测试乙' },
  };
}

/** Case A of docs/tax-rules.md, one leg per authority. */
export function issueLegs(grossFen = 1_030_000): OutboxLeg[] {
  const common = { schemaVersion: 1 as const, taxpayerId: SELLER_TAX_ID, invoice: null, grossFen, exempt: false };
  return [
    { kind: 'invoice.issue', authority: 'national', payload: { ...common, lines: [{ item: 'vat', fen: 30_000 }] } },
    {
      kind: 'invoice.issue',
      authority: 'local',
      payload: {
        ...common,
        lines: [
          { item: 'urbanMaintenance', fen: 1_050 },
          { item: 'education', fen: 450 },
          { item: 'localEducation', fen: 300 },
          { item: 'iit', fen: 15_000 },
        ],
      },
    },
  ];
}
