import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionRequest, CollectionResult } from '../../shared/contract/services/collection';
import { TAXPAYER_ID } from '../../backend/sandbox/seed-data';
import { CollectionRig, PEOPLE, type CrashPoint, type RigKiosk } from '../support/collection-rig';
import { breaches, readTruth } from '../support/collection-truth';
import { prng } from '../support/prng';

/**
 * The rules of invoice collection that must never break (docs/collection.md
 * "Invariants"), over thousands of random visits: per taxpayer and month,
 * dispensed ≤ quota, and each 取票码 used at most once — in every kiosk's
 * records and in the backend's. Two kiosks share one backend and run their
 * visits at the same time (interleaved at every await); visits collect by
 * quantity or by code, are retried, crash at random awaits (the process
 * state is dropped, the database reopened, startup recovery runs), lose the
 * backend, run out of paper; the outbox is delivered at random moments.
 * Checked after every round, and after healing: nothing pending, no claim
 * left open, the backend counts exactly what the kiosks dispensed, and the
 * quota a kiosk shows is the truth.
 *
 * Seeded (test/support/prng.ts): a failure names its seed and the steps.
 * COLLECTION_SEQUENCES overrides the number of sequences (a longer soak).
 */
const SEED = 20_260_513;
const SEQUENCES = Number(process.env.COLLECTION_SEQUENCES ?? 300);
const ROUNDS = 6;

const SHOP = TAXPAYER_ID.eligibleIndividual;
const TECH = TAXPAYER_ID.multiAgentEnterprise;
/** Who each card may act for, with the types approved (refused taxpayers included: their refusals are paths too). */
const ACTS_FOR: Record<string, { taxpayer: string; types: string[] }[]> = {
  [PEOPLE.resident]: [
    { taxpayer: SHOP, types: ['ordinary-paper-1', 'ordinary-paper-10'] },
    { taxpayer: TECH, types: ['ordinary-paper-10', 'special-paper-10'] },
    { taxpayer: TAXPAYER_ID.arrearsEnterprise, types: ['ordinary-paper-10'] },
    { taxpayer: TAXPAYER_ID.unverifiedEnterprise, types: ['ordinary-paper-1'] },
  ],
  [PEOPLE.longTerm]: [
    { taxpayer: TECH, types: ['ordinary-paper-10', 'special-paper-10'] },
    { taxpayer: TAXPAYER_ID.suspendedIndividual, types: ['ordinary-paper-1'] },
  ],
};
const CODES = ['80000001', '80000002', '80000003', '80000004', '80000009'];

type Tally = Map<string, number>;
const bump = (tally: Tally, key: string): void => void tally.set(key, (tally.get(key) ?? 0) + 1);

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('empty choice');
  return item;
}

function crashPoint(rand: () => number): CrashPoint {
  const r = rand();
  if (r < 0.55) return { at: 'backend', call: 1 + Math.floor(rand() * 7), applied: rand() < 0.5 };
  if (r < 0.9) return { at: 'form', index: 1 + Math.floor(rand() * 4) };
  return { at: 'receipt' };
}

function describeOutcome(result: CollectionResult | 'crashed'): string {
  if (result === 'crashed') return 'crashed';
  return result.outcome === 'refused' ? `refused:${result.refusal.reason}` : result.outcome;
}

/** One thing a kiosk does in a round. */
async function act(kiosk: RigKiosk, rand: () => number, tally: Tally, log: string[]): Promise<void> {
  const r = rand();
  if (r < 0.07) {
    kiosk.linkDown = !kiosk.linkDown;
    log.push(`${kiosk.id} link ${kiosk.linkDown ? 'down' : 'up'}`);
    return;
  }
  if (r < 0.2) {
    await kiosk.deliver();
    log.push(`${kiosk.id} delivered (${kiosk.pendingRows()} pending)`);
    return;
  }
  const person = rand() < 0.8 ? PEOPLE.resident : PEOPLE.longTerm;
  kiosk.person(person);
  let request: CollectionRequest;
  if (rand() < 0.35) {
    request = { pickupCode: pick(rand, CODES) };
  } else {
    const choice = pick(rand, ACTS_FOR[person] ?? []);
    request = { taxpayerId: choice.taxpayer, invoiceType: pick(rand, choice.types), quantity: 1 + Math.floor(rand() * 18) };
  }
  const crash = rand() < 0.15 ? crashPoint(rand) : null;
  if (rand() < 0.05) kiosk.paperOutAtForm = 1 + Math.floor(rand() * 3);
  const retries = rand() < 0.25 ? 1 : 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const result = await kiosk.visit(() => kiosk.service.collect(request), attempt === 0 ? crash : null);
    const outcome = describeOutcome(result);
    bump(tally, outcome);
    log.push(
      `${kiosk.id} ${JSON.stringify(request)}${attempt > 0 ? ' (retry)' : ''}${attempt === 0 && crash ? ` crash ${JSON.stringify(crash)}` : ''} → ${outcome}`,
    );
    if (result === 'crashed') await kiosk.restart();
    kiosk.paperOutAtForm = null;
  }
}

/** Link back, claims given back, every row delivered: the state a day later. */
async function heal(rig: CollectionRig): Promise<void> {
  for (const kiosk of rig.kiosks) {
    kiosk.linkDown = false;
    kiosk.calm();
    kiosk.deliveryAheadMs = 86_400_000;
    await kiosk.service.recoverClaims();
    for (let pass = 0; pass < 10 && kiosk.pendingRows() > 0; pass++) await kiosk.deliver();
  }
}

/** A migrated, seeded world (backend + two kiosks with the demo stock), copied for every sequence. */
let template = '';
beforeAll(() => {
  template = CollectionRig.template(2);
});
afterAll(() => {
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

describe('invoice collection invariants over random visit sequences', () => {
  it(`${SEQUENCES} seeded sequences × ${ROUNDS} rounds on two kiosks: dispensed ≤ quota and each 取票码 once, at the kiosks and at the backend`, async () => {
    const tally: Tally = new Map();
    let visits = 0;
    const started = Date.now();
    for (let s = 0; s < SEQUENCES; s++) {
      const seed = SEED + s;
      const rand = prng(seed);
      const rig = new CollectionRig(2, template);
      const log: string[] = [];
      const fail = (when: string, problems: string[]): never => {
        throw new Error(`seed ${seed}, ${when}:\n  ${problems.join('\n  ')}\nsteps:\n  ${log.join('\n  ')}`);
      };
      try {
        for (let round = 0; round < ROUNDS; round++) {
          // Both kiosks at once: their visits interleave at every await (the backend decides claims atomically).
          await Promise.all(rig.kiosks.map((kiosk) => act(kiosk, rand, tally, log)));
          const problems = breaches(readTruth(rig));
          if (problems.length > 0) fail(`round ${round}`, problems);
        }
        await heal(rig);
        const truth = readTruth(rig);
        const problems = breaches(truth);
        if (truth.pending > 0) problems.push(`${truth.pending} outbox rows still pending`);
        if (truth.openClaims > 0 || truth.intents > 0)
          problems.push(`${truth.openClaims} claims open at the backend, ${truth.intents} unsettled at the kiosks`);
        for (const [key, { base }] of truth.approvals) {
          const counted = (truth.backendUsed.get(key) ?? 0) - base;
          const dispensed = truth.dispensed.get(key) ?? 0;
          if (counted !== dispensed) problems.push(`${key}: the backend counts ${counted}, the kiosks dispensed ${dispensed}`);
        }
        // What a kiosk shows is the truth: no collection subtracted twice, none forgotten.
        const kiosk = rig.kiosks[0];
        if (kiosk) {
          kiosk.person(PEOPLE.resident);
          const options = await kiosk.service.options(SHOP);
          for (const type of options.outcome === 'ok' ? options.types : []) {
            const approval = truth.approvals.get(`${SHOP}|${type.code}`);
            const expected = approval ? approval.quota - approval.base - (truth.dispensed.get(`${SHOP}|${type.code}`) ?? 0) : 0;
            if (type.quotaRemaining !== expected) problems.push(`${kiosk.id} shows ${type.quotaRemaining} of ${type.code} left, the truth is ${expected}`);
          }
        }
        if (problems.length > 0) fail('after healing', problems);
        visits += log.filter((line) => line.includes('→')).length;
      } finally {
        rig.close();
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `${SEQUENCES} sequences, ${visits} visits in ${seconds.toFixed(1)} s: ${JSON.stringify(Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])))}`,
    );
    // The mix really went where the rules are tested: not a run of refusals that proves nothing.
    expect(visits).toBeGreaterThan(SEQUENCES * 4);
    for (const outcome of [
      'completed',
      'crashed',
      'failed',
      'refused:quotaExceeded',
      'refused:pickupAlreadyCollected',
      'refused:backendUnreachable',
      'refused:arrears',
    ]) {
      expect(tally.get(outcome) ?? 0, outcome).toBeGreaterThan(5);
    }
  }, 300_000);
});
