import { describe, expect, it } from 'vitest';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { NOW, sandbox } from './sandbox-fixture';

/**
 * collection.claim / collection.release and what intake does with a claim
 * (docs/collection.md "Claims"): the backend's one atomic decision before a
 * kiosk allocates forms.
 */
const SHOP = TAXPAYER_ID.eligibleIndividual;
const PERSON = '11010519491231002X';

/** A ULID made at NOW (2025-06-20 10:00 Beijing), its random part `n`. */
function tx(n: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = '';
  for (let t = NOW.getTime(), i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  return `${time}${String(n).padStart(16, '0')}`;
}

const quantity = (n: number) => ({ kind: 'quantity' as const, taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: n });
const leg = (transactionId: string, n: number, pickupCode: string | null = null) => ({
  messageId: `M-${transactionId}`,
  kind: 'invoice.collection',
  authority: 'national' as const,
  payload: {
    schemaVersion: 2,
    transactionId,
    taxpayerId: SHOP,
    invoiceType: 'ordinary-paper-1',
    range: { code: '1100251631', first: '00000001', last: String(n).padStart(8, '0') },
    quantity: n,
    pickupCode,
  },
});

describe('collection claims at the backend', () => {
  it('holds forms against the quota at once, answers the same claim again for the same transaction, and gives them back', async () => {
    const { backend } = sandbox();
    const claimed = await backend.collectionClaim({ kioskId: 'K1', transactionId: tx(1), what: quantity(40) });
    expect(claimed).toEqual({
      outcome: 'claimed',
      taxpayerId: SHOP,
      taxpayerName: '东城区示例便利店',
      invoiceType: 'ordinary-paper-1',
      quantity: 40,
      claimedAt: NOW.toISOString(),
    });
    // A retry after a lost reply: the same answer, nothing held twice.
    expect(await backend.collectionClaim({ kioskId: 'K1', transactionId: tx(1), what: quantity(40) })).toEqual(claimed);
    // Another kiosk asking for 6 more of the 5 left is refused, with numbers that include the claim.
    expect(await backend.collectionClaim({ kioskId: 'K2', transactionId: tx(2), what: quantity(6) })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: 45, remaining: 5, requested: 6 },
    });
    expect(await backend.eligibilityCollect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1, unacknowledged: [tx(1), tx(3)] })).toEqual({
      outcome: 'ok',
      remainingAfter: 4,
      monthlyQuota: 50,
      usedThisMonth: 45,
      counted: [tx(1)],
    });
    expect(await backend.collectionRelease({ transactionId: tx(1) })).toEqual({ outcome: 'released' });
    expect(await backend.collectionRelease({ transactionId: tx(1) })).toEqual({ outcome: 'notHeld' });
    expect(await backend.eligibilityCollect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 45 })).toMatchObject({
      outcome: 'ok',
      usedThisMonth: 5,
    });
  });

  it('a 取票码 is held by one claim: a second transaction is told when it was taken; the leg closes it and turns the claim into use', async () => {
    const { backend, advance } = sandbox();
    const code = { kind: 'pickup' as const, code: '80000001' };
    expect(await backend.collectionClaim({ kioskId: 'K1', transactionId: tx(1), what: code })).toMatchObject({ outcome: 'claimed', quantity: 10 });
    advance(60_000);
    expect(await backend.collectionClaim({ kioskId: 'K2', transactionId: tx(2), what: code })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'pickupAlreadyCollected', collectedAt: NOW.toISOString() },
    });
    expect(await backend.pickupLookup({ code: '80000001' })).toEqual({ outcome: 'alreadyCollected', collectedAt: NOW.toISOString() });
    const used = async () =>
      (await backend.taxpayersForPerson({ idNumber: PERSON })).taxpayers
        .find((t) => t.id === SHOP)
        ?.approvedInvoiceTypes.find((a) => a.code === 'ordinary-paper-1')?.usedThisMonth;
    expect(await used()).toBe(15);
    expect(await backend.transactionsSubmit(leg(tx(1), 10, '80000001'))).toEqual({ outcome: 'accepted' });
    // The claim became use: the count did not move, the claim is no longer open, the code is closed for good.
    expect(await used()).toBe(15);
    expect(await backend.collectionRelease({ transactionId: tx(1) })).toEqual({ outcome: 'notHeld' });
    expect(await backend.pickupLookup({ code: '80000001' })).toEqual({ outcome: 'alreadyCollected', collectedAt: NOW.toISOString() });
    expect(await backend.eligibilityCollect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1, unacknowledged: [tx(1)] })).toMatchObject({
      counted: [tx(1)],
    });
    // The same transaction in another message: taken in once.
    expect(await backend.transactionsSubmit({ ...leg(tx(1), 10, '80000001'), messageId: 'M-AGAIN' })).toEqual({ outcome: 'accepted' });
    expect(await used()).toBe(15);
  });

  it('refuses what eligibility refuses, an unknown code, and a code collected before the kiosk era', async () => {
    const { backend } = sandbox();
    expect(await backend.collectionClaim({ kioskId: 'K1', transactionId: tx(1), what: { kind: 'pickup', code: '80000004' } })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'arrears', arrearsFen: 1_234_500 },
    });
    expect(await backend.collectionClaim({ kioskId: 'K1', transactionId: tx(2), what: { kind: 'pickup', code: '89999999' } })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'pickupNotFound' },
    });
    expect(await backend.collectionClaim({ kioskId: 'K1', transactionId: tx(3), what: { kind: 'pickup', code: '80000003' } })).toMatchObject({
      outcome: 'refused',
      refusal: { reason: 'pickupAlreadyCollected' },
    });
  });
});
