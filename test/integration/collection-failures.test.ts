import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionResult } from '../../shared/contract/services/collection';
import { TAXPAYER_ID } from '../../backend/sandbox/seed-data';
import { CollectionRig, PEOPLE, type RigKiosk } from '../support/collection-rig';
import { breaches, readTruth } from '../support/collection-truth';

/**
 * The failure paths of invoice collection, each on its own (docs/collection.md):
 * the backend lost between the eligibility answer and the dispense, a crash
 * after allocation before the first form, and the same 取票码 on two kiosks at
 * once. Real services, SQLite, allocator, delivery loop and sandbox backend;
 * stand-in printers and card (test/support/collection-rig.ts).
 */
const SHOP = TAXPAYER_ID.eligibleIndividual;
const TECH = TAXPAYER_ID.multiAgentEnterprise;

let rig: CollectionRig;
afterEach(() => rig?.close());

function kiosks(): [RigKiosk, RigKiosk] {
  rig = new CollectionRig(2);
  const [a, b] = rig.kiosks;
  if (!a || !b) throw new Error('two kiosks');
  a.person(PEOPLE.resident);
  b.person(PEOPLE.resident);
  return [a, b];
}

const count = (kiosk: RigKiosk, sql: string): number => (kiosk.db.prepare(sql).get() as { n: number }).n;

async function left(kiosk: RigKiosk, taxpayerId: string, code: string): Promise<number | undefined> {
  kiosk.calm();
  const options = await kiosk.service.options(taxpayerId);
  return options.outcome === 'ok' ? options.types.find((t) => t.code === code)?.quotaRemaining : undefined;
}

const openClaims = () => rig.backendDb((db) => (db.prepare("SELECT count(*) AS n FROM collection_claims WHERE state = 'open'").get() as { n: number }).n);

describe('the backend lost between the eligibility answer and the dispense', () => {
  it('before the claim: refused "unreachable", nothing allocated or counted; the claim it may have made is given back later', async () => {
    const [a] = kiosks();
    a.afterCall = (method) => {
      if (method === 'eligibilityCollect') a.linkDown = true;
    };
    const r = await a.service.collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 10 });
    expect(r).toEqual({ outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
    expect(count(a, 'SELECT count(*) AS n FROM stock_allocations')).toBe(0);
    expect(count(a, 'SELECT count(*) AS n FROM collection_ledger')).toBe(0);
    // The claim call did not answer: the kiosk cannot know it was never made, so it remembers it.
    expect(count(a, 'SELECT count(*) AS n FROM collection_claim_intents')).toBe(1);
    a.afterCall = null;
    a.linkDown = false;
    expect(await a.service.recoverClaims()).toBe(1);
    expect(count(a, 'SELECT count(*) AS n FROM collection_claim_intents')).toBe(0);
    expect(openClaims()).toBe(0);
    expect(await left(a, SHOP, 'ordinary-paper-1')).toBe(45);
  });

  it('after the claim: the forms come out without the backend, counted at once everywhere, and once when the leg arrives', async () => {
    const [a, b] = kiosks();
    a.afterCall = (method) => {
      if (method === 'collectionClaim') a.linkDown = true;
    };
    const r = await a.service.collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 10 });
    expect(r).toMatchObject({ outcome: 'completed', quantity: 10, taxpayerName: '东城区示例便利店' });
    a.afterCall = null;
    await a.deliver(); // the link is down: nothing goes
    expect(a.pendingRows()).toBeGreaterThan(0);
    expect(count(a, 'SELECT count(*) AS n FROM collection_ledger WHERE counted_at IS NULL')).toBe(1);
    // Another kiosk sees the forms at once (the claim holds them at the backend).
    expect(await left(b, SHOP, 'ordinary-paper-1')).toBe(35);
    a.linkDown = false;
    expect(await left(a, SHOP, 'ordinary-paper-1')).toBe(35);
    a.deliveryAheadMs = 86_400_000;
    await a.deliver();
    expect(a.pendingRows()).toBe(0);
    expect(openClaims()).toBe(0);
    expect(await left(a, SHOP, 'ordinary-paper-1')).toBe(35);
    expect(await left(b, SHOP, 'ordinary-paper-1')).toBe(35);
    expect(breaches(readTruth(rig))).toEqual([]);
  });
});

describe('a crash after allocation, before the first form', () => {
  it('recovery voids the numbers and flags the transaction; the 取票码 stays used at both ends; the quota counts it', async () => {
    const [a, b] = kiosks();
    const crashed = await a.visit(() => a.service.collect({ pickupCode: '80000001' }), { at: 'form', index: 1 });
    expect(crashed).toBe('crashed');
    await a.restart();
    const tx = a.db.prepare("SELECT id, state FROM transactions WHERE kind = 'invoiceCollection'").get() as { id: string; state: string };
    expect(tx.state).toBe('needsAttention');
    expect(a.db.prepare('SELECT state FROM stock_allocations WHERE transaction_id = ?').get(tx.id)).toEqual({ state: 'voided' });
    // Maybe on paper: counted, and the code used — at this kiosk even without the backend...
    a.linkDown = true;
    expect(await a.service.collect({ pickupCode: '80000001' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    a.linkDown = false;
    // ...and at the backend, before and after the leg arrives.
    expect(await b.service.collect({ pickupCode: '80000001' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    await a.deliver();
    expect(a.pendingRows()).toBe(0);
    expect(await b.service.collect({ pickupCode: '80000001' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    expect(await left(b, SHOP, 'ordinary-paper-1')).toBe(35);
    // The voided numbers are never handed out again.
    const next = await a.service.collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 });
    expect(next).toMatchObject({ outcome: 'completed', first: '00000011' });
    expect(breaches(readTruth(rig))).toEqual([]);
  });

  it('a crash after the backend made the claim but before the kiosk heard: given back at restart, the code free again', async () => {
    const [a, b] = kiosks();
    // Backend calls of a code collection: lookup, taxpayers, eligibility, claim (the 4th).
    expect(await a.visit(() => a.service.collect({ pickupCode: '80000002' }), { at: 'backend', call: 4, applied: true })).toBe('crashed');
    expect(openClaims()).toBe(1);
    // Meanwhile the code is spoken for: another kiosk is refused.
    expect(await b.service.collect({ pickupCode: '80000002' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    await a.restart();
    expect(openClaims()).toBe(0);
    expect(await b.service.collect({ pickupCode: '80000002' })).toMatchObject({ outcome: 'completed', quantity: 25 });
    expect(breaches(readTruth(rig))).toEqual([]);
  });
});

describe('the same 取票码 on two kiosks at once', () => {
  it('the backend refuses the second; that kiosk allocates nothing and says when the code was taken', async () => {
    const [a, b] = kiosks();
    const [ra, rb] = await Promise.all([a.service.collect({ pickupCode: '80000002' }), b.service.collect({ pickupCode: '80000002' })]);
    const results: CollectionResult[] = [ra, rb];
    expect(results.map((r) => r.outcome).sort()).toEqual(['completed', 'refused']);
    const loser = ra.outcome === 'refused' ? a : b;
    const refusal = results.find((r) => r.outcome === 'refused');
    expect(refusal).toMatchObject({ refusal: { reason: 'pickupAlreadyCollected', collectedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) } });
    expect(count(loser, 'SELECT count(*) AS n FROM stock_allocations')).toBe(0);
    expect(count(loser, 'SELECT count(*) AS n FROM transactions')).toBe(0);
    expect(count(loser, 'SELECT count(*) AS n FROM collection_claim_intents')).toBe(0);
    // Both kiosks count the 25 forms the winner dispensed.
    expect(await left(a, TECH, 'ordinary-paper-10')).toBe(100 - 40 - 25);
    expect(await left(b, TECH, 'ordinary-paper-10')).toBe(100 - 40 - 25);
    expect(breaches(readTruth(rig))).toEqual([]);
  });

  it('the last forms of a quota asked for at two kiosks at once: only one gets them', async () => {
    const [a, b] = kiosks();
    const [ra, rb] = await Promise.all([
      a.service.collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-10', quantity: 20 }),
      b.service.collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-10', quantity: 20 }),
    ]);
    expect([ra.outcome, rb.outcome].sort()).toEqual(['completed', 'refused']);
    expect([ra, rb].find((r) => r.outcome === 'refused')).toMatchObject({
      refusal: { reason: 'quotaExceeded', monthlyQuota: 25, remaining: 5, requested: 20 },
    });
    expect(breaches(readTruth(rig))).toEqual([]);
  });
});
