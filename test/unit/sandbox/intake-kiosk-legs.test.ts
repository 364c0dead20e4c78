import { describe, expect, it } from 'vitest';
import { ulidTime } from '../../../shared/backend';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { NOW, sandbox } from './sandbox-fixture';

/**
 * The kiosk's outbox legs as they really are (outbox-payloads.ts) have their
 * effect on intake: the contract gap the sync issue found. The month is the
 * transaction's (its ULID time), not the delivery's.
 */
const SHOP = TAXPAYER_ID.eligibleIndividual;
const PERSON = '11010519491231002X';
/** A ULID made on 2025-06-20 10:00 Beijing (= NOW). */
const TX_JUNE = ulidOf(NOW.getTime());
/** A ULID made on 2025-05-31 23:00 Beijing: delivered in June, counts in May. */
const TX_MAY = ulidOf(Date.parse('2025-05-31T15:00:00.000Z'));

function ulidOf(ms: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  for (let t = ms, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  return `${time}0000000000000001`;
}

const collectionLeg = (transactionId: string, taxpayerId: string | null) => ({
  schemaVersion: 1,
  transactionId,
  taxpayerId,
  invoiceType: 'ordinary-paper-1',
  range: { code: '011002300111', first: '00000001', last: '00000004' },
  quantity: 4,
});
const issueLeg = (transactionId: string, lines: unknown[]) => ({
  schemaVersion: 1,
  transactionId,
  taxpayerId: SHOP,
  invoice: { code: '011002300111', number: '00000009' },
  grossFen: 80_000,
  exempt: true,
  lines,
});

describe('intake of the kiosk legs', () => {
  it('reads the ULID time', () => {
    expect(ulidTime(TX_JUNE).toISOString()).toBe(NOW.toISOString());
  });

  it('an invoice.collection leg uses quota; without a taxpayer it is only recorded', async () => {
    const { backend } = sandbox();
    const used = async () =>
      (await backend.taxpayersForPerson({ idNumber: PERSON })).taxpayers
        .find((t) => t.id === SHOP)
        ?.approvedInvoiceTypes.find((a) => a.code === 'ordinary-paper-1')?.usedThisMonth;
    const before = await used();
    await backend.transactionsSubmit({ messageId: 'LEG-C1', kind: 'invoice.collection', authority: 'national', payload: collectionLeg(TX_JUNE, SHOP) });
    await backend.transactionsSubmit({ messageId: 'LEG-C1', kind: 'invoice.collection', authority: 'national', payload: collectionLeg(TX_JUNE, SHOP) });
    await backend.transactionsSubmit({ messageId: 'LEG-C2', kind: 'invoice.collection', authority: 'national', payload: collectionLeg(TX_JUNE, null) });
    expect(await used()).toBe((before ?? 0) + 4);
  });

  it('an invoice.issue adds its gross once (national leg), in the month the transaction happened', async () => {
    const { backend } = sandbox();
    await backend.transactionsSubmit({
      messageId: 'LEG-N',
      kind: 'invoice.issue',
      authority: 'national',
      payload: issueLeg(TX_JUNE, [{ item: 'vat', fen: 0 }]),
    });
    await backend.transactionsSubmit({
      messageId: 'LEG-L',
      kind: 'invoice.issue',
      authority: 'local',
      payload: issueLeg(TX_JUNE, [{ item: 'iit', fen: 1200 }]),
    });
    await backend.transactionsSubmit({
      messageId: 'LEG-MAY',
      kind: 'invoice.issue',
      authority: 'national',
      payload: issueLeg(TX_MAY, [{ item: 'vat', fen: 0 }]),
    });
    const june = (await backend.sellerMonthToDate({ taxpayerId: SHOP, month: '2025-06' })).grossFen;
    const may = (await backend.sellerMonthToDate({ taxpayerId: SHOP, month: '2025-05' })).grossFen;
    const fresh = sandbox().backend;
    expect(june - (await fresh.sellerMonthToDate({ taxpayerId: SHOP, month: '2025-06' })).grossFen).toBe(80_000);
    expect(may - (await fresh.sellerMonthToDate({ taxpayerId: SHOP, month: '2025-05' })).grossFen).toBe(80_000);
    expect(backend.intakeCounts()).toEqual({ national: 2, local: 1 });
  });
});
