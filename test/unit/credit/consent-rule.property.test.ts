import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { ConsentError, ConsentStore } from '../../../electron/host/credit/consent-store';
import type { ConsentScope } from '../../../electron/host/credit/consent-gate';
import { DeliveryLoop } from '../../../electron/host/sync/delivery-loop';
import type { OutboundMessage } from '../../../electron/host/sync/outbox-message';
import type { MessagePublisher, PublishOutcome } from '../../../electron/host/sync/publisher';
import { addKioskOutbox } from '../../../electron/host/transactions/kiosk-outbox';
import { BANK_CONSENT_KIND, BANK_REVOKE_KIND, BankConsentMessageV1, BankRevokeMessageV1 } from '../../../shared/backend/bank-credit';
import { TAXPAYER_ID } from '../../../backend/sandbox/seed-data';
import { prng } from '../../support/prng';

/**
 * THE consent rule (docs/credit-sharing.md): nothing reaches a bank's queue
 * for a taxpayer without a consent entry covering it, and nothing after its
 * revocation. Many seeded random sequences of grants, revocations, time
 * passing, deliveries — and forged outbox rows, as a buggy or hostile
 * producer would write them — run against the real delivery loop and its
 * consent gate; a recording publisher checks every bank message, at the
 * moment it is published, against this test's own model of the consents
 * (not against the gate's code).
 */

const TAXPAYERS = [TAXPAYER_ID.eligibleIndividual, TAXPAYER_ID.multiAgentEnterprise, TAXPAYER_ID.gradeDEnterprise];
const BANKS = ['demo-bank', 'other-bank'];
const GRADES = ['A', 'B', 'M', 'C', 'D'] as const;
const DAY = 86_400_000;
const ULID_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

interface ModelConsent {
  taxpayerId: string;
  bankId: string;
  scope: ConsentScope;
  grantedAt: string;
  expiresAt: string;
  revokedAtMs: number | null;
}

interface Published {
  exchange: string;
  routingKey: string;
  kind: string;
  body: unknown;
  atMs: number;
}

const dirs: Array<{ db: Db; dir: string }> = [];
afterEach(() => {
  for (const { db, dir } of dirs.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function runSequence(seed: number, steps: number): Promise<{ publishedConsents: number; publishedRevokes: number; refused: number }> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-rule-'));
  const db = openDatabase(dir);
  dirs.push({ db, dir });
  let clock = Date.parse('2026-01-15T02:00:00.000Z');
  const store = new ConsentStore(db);
  const model = new Map<string, ModelConsent>();
  const published: Published[] = [];
  const violations: string[] = [];

  /** The rule, from the model: is this bank message covered right now? */
  function check(message: OutboundMessage): void {
    const body: unknown = JSON.parse(message.content.toString('utf8'));
    const kind = String(message.options.type);
    published.push({ exchange: message.exchange, routingKey: message.routingKey, kind, body, atMs: clock });
    const isBank = kind === BANK_CONSENT_KIND || kind === BANK_REVOKE_KIND;
    if (message.exchange === 'bank.credit' && !isBank) violations.push(`seed ${seed}: a ${kind} message went to the bank exchange`);
    if (!isBank) return;
    if (message.exchange !== 'bank.credit') violations.push(`seed ${seed}: a bank message went to ${message.exchange}`);
    if (kind === BANK_CONSENT_KIND) {
      const c = BankConsentMessageV1.parse(body);
      const m = model.get(c.consentId);
      const why =
        m === undefined
          ? 'no consent entry'
          : m.taxpayerId !== c.taxpayerId || m.bankId !== c.bankId
            ? 'another taxpayer or bank'
            : m.revokedAtMs !== null
              ? 'revoked'
              : Date.parse(m.expiresAt) <= clock
                ? 'expired'
                : JSON.stringify(m.scope) !== JSON.stringify({ grade: c.grade, year: c.year, taxPaidByYear: c.taxPaidByYear, arrears: c.arrears })
                  ? 'facts beyond the consent'
                  : m.grantedAt !== c.grantedAt || m.expiresAt !== c.expiresAt
                    ? 'other terms'
                    : null;
      if (why !== null) violations.push(`seed ${seed}: consent message for ${c.taxpayerId}/${c.bankId} published with ${why}`);
      if (message.routingKey !== `${c.bankId}.consent`) violations.push(`seed ${seed}: routed to ${message.routingKey}`);
    } else {
      const r = BankRevokeMessageV1.parse(body);
      const m = model.get(r.consentId);
      if (m === undefined || m.revokedAtMs === null || m.taxpayerId !== r.taxpayerId || m.bankId !== r.bankId) {
        violations.push(`seed ${seed}: revocation published without a revoked consent entry`);
      }
      if (message.routingKey !== `${r.bankId}.revoke`) violations.push(`seed ${seed}: routed to ${message.routingKey}`);
    }
  }

  const publisher: MessagePublisher = {
    broken: null,
    publish: (message): Promise<PublishOutcome> => {
      check(message);
      return Promise.resolve({ kind: 'confirmed' });
    },
    drained: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const loop = new DeliveryLoop({ db, appId: 'KIOSK-PROP', openPublisher: () => Promise.resolve(publisher), now: () => new Date(clock) });

  const randomScope = (): ConsentScope => ({
    grade: pick(GRADES),
    year: 2025,
    taxPaidByYear: [
      { year: 2025, fen: Math.floor(random() * 10_000_000) },
      { year: 2024, fen: Math.floor(random() * 10_000_000) },
    ],
    arrears: random() < 0.3,
  });
  const randomUlid = (): string => {
    let id = '01';
    for (let i = 0; i < 24; i++) id += pick([...ULID_CHARS]);
    return id;
  };
  for (let step = 0; step < steps; step++) {
    const r = random();
    const at = new Date(clock);
    if (r < 0.25) {
      // A taxpayer taps "I agree".
      const taxpayerId = pick(TAXPAYERS);
      const bankId = pick(BANKS);
      const scope = randomScope();
      try {
        const c = store.grant({ taxpayerId, personIdHash: 'h1:test', bankId, scope, months: pick([1, 6, 12]), at });
        model.set(c.id, { taxpayerId, bankId, scope, grantedAt: c.grantedAt, expiresAt: c.expiresAt, revokedAtMs: null });
      } catch (error) {
        expect(error).toBeInstanceOf(ConsentError);
      }
    } else if (r < 0.4 && model.size > 0) {
      // A revocation, sometimes of a consent that is not this taxpayer's (refused).
      const [id, m] = pick([...model.entries()]);
      const taxpayerId = random() < 0.8 ? m.taxpayerId : pick(TAXPAYERS);
      try {
        store.revoke({ consentId: id, taxpayerId, at });
        m.revokedAtMs = clock;
      } catch (error) {
        expect(error).toBeInstanceOf(ConsentError);
      }
    } else if (r < 0.55) {
      clock += Math.floor(random() * 150 * DAY);
    } else if (r < 0.8) {
      await loop.deliverDueOnce();
    } else {
      // A forged bank row, written past the consent store: a bug elsewhere, an edited database.
      const existing = model.size > 0 && random() < 0.6 ? pick([...model.entries()]) : null;
      const base = existing?.[1];
      const consentId = existing ? existing[0] : randomUlid();
      const taxpayerId = base && random() < 0.5 ? base.taxpayerId : pick(TAXPAYERS);
      const bankId = base && random() < 0.5 ? base.bankId : pick(BANKS);
      if (random() < 0.75) {
        const scope = base && random() < 0.5 ? base.scope : randomScope();
        addKioskOutbox(
          db,
          BANK_CONSENT_KIND,
          {
            schemaVersion: 1,
            consentId,
            taxpayerId,
            bankId,
            purpose: 'loanApplication',
            ...scope,
            grantedAt: base?.grantedAt ?? at.toISOString(),
            expiresAt: base?.expiresAt ?? new Date(clock + 365 * DAY).toISOString(),
          },
          at,
        );
      } else {
        addKioskOutbox(db, BANK_REVOKE_KIND, { schemaVersion: 1, consentId, taxpayerId, bankId, revokedAt: at.toISOString() }, at);
      }
    }
  }
  await loop.deliverDueOnce();
  const refused = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE dead_at IS NOT NULL AND kind LIKE 'bank.credit.%'").get() as { n: number }).n;

  expect(violations).toEqual([]);
  // Not a gate that blocks everything: every consent still in force has gone out.
  for (const [id, m] of model) {
    if (m.revokedAtMs !== null || Date.parse(m.expiresAt) <= clock) continue;
    expect(published.some((p) => p.kind === BANK_CONSENT_KIND && (p.body as { consentId: string }).consentId === id)).toBe(true);
  }
  return {
    publishedConsents: published.filter((p) => p.kind === BANK_CONSENT_KIND).length,
    publishedRevokes: published.filter((p) => p.kind === BANK_REVOKE_KIND).length,
    refused,
  };
}

describe('the consent rule over random sequences', () => {
  it('no bank message without a covering consent, none after revocation: 100 seeded sequences of 40 steps', async () => {
    const totals = { publishedConsents: 0, publishedRevokes: 0, refused: 0 };
    for (let seed = 1; seed <= 100; seed++) {
      const t = await runSequence(seed, 40);
      totals.publishedConsents += t.publishedConsents;
      totals.publishedRevokes += t.publishedRevokes;
      totals.refused += t.refused;
      for (const { db, dir } of dirs.splice(0)) {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    // The sequences exercised every path: consents and revocations went out, forged rows were held back.
    expect(totals.publishedConsents).toBeGreaterThan(100);
    expect(totals.publishedRevokes).toBeGreaterThan(20);
    expect(totals.refused).toBeGreaterThan(100);
  }, 120_000);
});
