import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { NOW, reopen, sandbox } from './sandbox-fixture';

const collect = {
  messageId: '01JTX00000000000000000MSG1',
  kind: 'invoice.collect',
  authority: 'national' as const,
  payload: { taxpayerId: TAXPAYER_ID.eligibleIndividual, invoiceType: 'ordinary-paper-1', quantity: 10, pickupCode: '80000001' },
};

describe('transaction intake', () => {
  it('the same messageId twice: one effect, and the second answer is duplicate', async () => {
    const { backend } = sandbox();
    expect(await backend.transactionsSubmit(collect)).toEqual({ outcome: 'accepted' });
    expect(await backend.transactionsSubmit(collect)).toEqual({ outcome: 'duplicate' });
    expect(backend.intakeCounts()).toEqual({ national: 1, local: 0 });
    // The quota moved by 10, not 20: 5 (baseline) + 10 used of 50.
    const { taxpayers } = await backend.taxpayersForPerson({ idNumber: '11010519491231002X' });
    const shop = taxpayers.find((t) => t.id === TAXPAYER_ID.eligibleIndividual);
    expect(shop?.approvedInvoiceTypes.find((a) => a.code === 'ordinary-paper-1')?.usedThisMonth).toBe(15);
    expect(await backend.eligibilityCollect({ taxpayerId: TAXPAYER_ID.eligibleIndividual, invoiceType: 'ordinary-paper-1', quantity: 36 })).toMatchObject({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', remaining: 35 },
    });
    expect(await backend.pickupLookup({ code: '80000001' })).toEqual({ outcome: 'alreadyCollected', collectedAt: NOW.toISOString() });
  });

  it('quota use counts in the Beijing month it happened: the next month starts again from the baseline', async () => {
    // 2025-06-30 23:30 in Beijing, then 01:00 on 1 July (still 30 June in UTC).
    const { backend, clock } = sandbox({ now: new Date('2025-06-30T15:30:00.000Z') });
    await backend.transactionsSubmit(collect);
    const used = async (): Promise<number | undefined> => {
      const { taxpayers } = await backend.taxpayersForPerson({ idNumber: '11010519491231002X' });
      return taxpayers[0]?.approvedInvoiceTypes.find((a) => a.code === 'ordinary-paper-1')?.usedThisMonth;
    };
    expect(await used()).toBe(15);
    clock.now = new Date('2025-06-30T17:00:00.000Z');
    expect(await used()).toBe(5);
  });

  it('counts per authority, and an issued invoice adds to the seller month-to-date once', async () => {
    const { backend } = sandbox();
    const issue = {
      messageId: 'MSG-ISSUE-N',
      kind: 'invoice.issue',
      authority: 'national' as const,
      payload: { sellerTaxpayerId: TAXPAYER_ID.eligibleIndividual, grossFen: 1_030_000, issuedAt: NOW.toISOString(), extra: 'kept' },
    };
    await backend.transactionsSubmit(issue);
    await backend.transactionsSubmit(issue);
    await backend.transactionsSubmit({ messageId: 'MSG-ISSUE-L', kind: 'local.surcharge', authority: 'local', payload: { anything: 1 } });
    expect(backend.intakeCounts()).toEqual({ national: 1, local: 1 });
    expect(await backend.sellerMonthToDate({ taxpayerId: TAXPAYER_ID.eligibleIndividual, month: '2025-06' })).toEqual({ grossFen: 1_030_000 });
  });

  it('a schema-invalid request is rejected and leaves no row', async () => {
    const { backend } = sandbox();
    await expect(
      backend.transactionsSubmit({ messageId: 'bad id with spaces', kind: 'invoice.issue', authority: 'national', payload: {} }),
    ).rejects.toMatchObject({ code: 'rejected' });
    expect(backend.intakeCounts()).toEqual({ national: 0, local: 0 });
  });

  it('reopening the same file keeps intake and does not seed twice', async () => {
    const { backend, dbPath } = sandbox();
    await backend.transactionsSubmit(collect);
    backend.close();
    const again = reopen(dbPath);
    expect(await again.transactionsSubmit(collect)).toEqual({ outcome: 'duplicate' });
    const { taxpayers } = await again.taxpayersForPerson({ idNumber: '11010519491231002X' });
    expect(taxpayers).toHaveLength(5);
    again.close();
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM taxpayers').get()).toEqual({ n: 8 }); // seven businesses and one natural person
      expect(db.prepare('SELECT COUNT(*) AS n FROM seed_info').get()).toEqual({ n: 1 });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
