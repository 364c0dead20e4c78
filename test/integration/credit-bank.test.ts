import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/host/audit/audit-log';
import { ConsentStore } from '../../electron/host/credit/consent-store';
import { CreditService } from '../../electron/host/credit/credit-service';
import { silentLogger } from '../../electron/host/logger';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { bankQueue, declareBankTopology } from '../../electron/host/sync/bank-topology';
import { QUEUES } from '../../electron/host/sync/topology';
import { addKioskOutbox } from '../../electron/host/transactions/kiosk-outbox';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';
import { BankConsumer, type BankEvent } from '../../backend/sandbox/amqp-bank';
import { PERSON, TAXPAYER_ID } from '../../backend/sandbox/seed-data';
import { BANK_CONSENT_KIND, BankConsentMessageV1, BankRevokeMessageV1 } from '../../shared/backend/bank-credit';
import type { IdCard } from '../../shared/domain/idcard';
import { startBroker, type Broker } from '../support/rabbitmq';
import { drainQueue, openKiosk, resetBroker, testLoop, waitFor, withChannel, type Kiosk } from './sync-helpers';

/**
 * 银税互动 against a real RabbitMQ (docs/credit-sharing.md): the kiosk's
 * delivery loop publishes consents and revocations to `bank.credit`, the
 * bank's queue gets them — and never a taxpayer's data without a consent
 * covering it — and the sandbox, as the bank's receiver on that queue,
 * answers the application reference the kiosk's credit service prints.
 */
const BANK = 'demo-bank';
const BANK_QUEUE = bankQueue(BANK);
let broker: Broker;
let kiosk: Kiosk;
let sandboxDir: string;
let sandbox: SandboxBackend;

beforeAll(async () => {
  broker = await startBroker('credit');
}, 120_000);
afterAll(async () => {
  await broker?.dispose();
}, 60_000);
beforeEach(async () => {
  await resetBroker(broker.url);
  await withChannel(broker.url, async (channel) => {
    await declareBankTopology(channel, [BANK]);
    await channel.purgeQueue(BANK_QUEUE.queue);
    await channel.purgeQueue(BANK_QUEUE.dead);
  });
  kiosk = openKiosk();
  sandboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-sandbox-'));
  sandbox = createSandboxBackend({ dbPath: path.join(sandboxDir, 'sandbox.sqlite') });
});
afterEach(() => {
  kiosk.close();
  sandbox.close();
  fs.rmSync(sandboxDir, { recursive: true, force: true });
});

const SCOPE = { grade: 'B' as const, year: 2025, taxPaidByYear: [{ year: 2025, fen: 1_234_500 }], arrears: false };

describe('the bank.credit queue', () => {
  it('receives the consent and the revocation, and nothing for a taxpayer without a consent covering it', async () => {
    const consents = new ConsentStore(kiosk.db);
    const at = new Date();
    // A: consents. C: consents, then withdraws before the kiosk is back online.
    const a = consents.grant({ taxpayerId: TAXPAYER_ID.multiAgentEnterprise, personIdHash: 'h1:x', bankId: BANK, scope: SCOPE, months: 12, at });
    const c = consents.grant({ taxpayerId: TAXPAYER_ID.eligibleIndividual, personIdHash: 'h1:x', bankId: BANK, scope: SCOPE, months: 12, at });
    consents.revoke({ consentId: c.id, taxpayerId: TAXPAYER_ID.eligibleIndividual, at });
    // B: no consent at all — a bank row written past the consent store (a bug, an edited database).
    addKioskOutbox(
      kiosk.db,
      BANK_CONSENT_KIND,
      {
        schemaVersion: 1,
        consentId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
        taxpayerId: TAXPAYER_ID.arrearsEnterprise,
        bankId: BANK,
        purpose: 'loanApplication',
        ...SCOPE,
        grantedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + 86_400_000).toISOString(),
      },
      at,
    );
    // A's consent again with a better grade than consented: more than the consent covers.
    addKioskOutbox(
      kiosk.db,
      BANK_CONSENT_KIND,
      {
        schemaVersion: 1,
        consentId: a.id,
        taxpayerId: a.taxpayerId,
        bankId: BANK,
        purpose: 'loanApplication',
        ...SCOPE,
        grade: 'A',
        grantedAt: a.grantedAt,
        expiresAt: a.expiresAt,
      },
      new Date(at.getTime() + 1),
    );

    const result = await testLoop(kiosk.db, broker.url, { publisher: publisherTo(broker.url) }).deliverDueOnce();
    expect(result).toMatchObject({ sent: 2, parked: 3, failed: 0 });

    const arrived = await drainQueue(broker.url, BANK_QUEUE.queue);
    expect(arrived.map((m) => [m.fields.exchange, m.fields.routingKey, m.properties.type])).toEqual([
      ['bank.credit', `${BANK}.consent`, 'bank.credit.consent'],
      ['bank.credit', `${BANK}.revoke`, 'bank.credit.revoke'],
    ]);
    const consent = BankConsentMessageV1.parse(JSON.parse(arrived[0]?.content.toString('utf8') ?? 'null'));
    expect(consent).toEqual({
      schemaVersion: 1,
      consentId: a.id,
      taxpayerId: TAXPAYER_ID.multiAgentEnterprise,
      bankId: BANK,
      purpose: 'loanApplication',
      ...SCOPE,
      grantedAt: a.grantedAt,
      expiresAt: a.expiresAt,
    });
    const revoke = BankRevokeMessageV1.parse(JSON.parse(arrived[1]?.content.toString('utf8') ?? 'null'));
    expect(revoke).toMatchObject({ consentId: c.id, taxpayerId: TAXPAYER_ID.eligibleIndividual });
    // Nobody's credit facts took another way: nothing on the tax queues, nothing dead-lettered at the bank.
    const taxSide = [...(await drainQueue(broker.url, QUEUES.national.queue)), ...(await drainQueue(broker.url, QUEUES.local.queue))];
    expect(taxSide.filter((m) => String(m.properties.type).startsWith('bank.'))).toEqual([]);
    expect(await drainQueue(broker.url, BANK_QUEUE.dead)).toEqual([]);
    // The held-back rows say why, for the technician.
    const dead = kiosk.db.prepare("SELECT last_error FROM outbox WHERE dead_at IS NOT NULL AND kind LIKE 'bank.%' ORDER BY id").all() as Array<{
      last_error: string;
    }>;
    expect(dead.map((d) => d.last_error)).toEqual([
      expect.stringContaining('the consent was revoked'),
      expect.stringContaining('no consent entry'),
      expect.stringContaining('facts differ'),
    ]);
  }, 60_000);

  it('a consent given at the kiosk reaches the bank, which answers the reference; a revocation reaches it too', async () => {
    const events: BankEvent[] = [];
    const bank = new BankConsumer({ url: broker.url, bankId: BANK, backend: sandbox, requeueDelayMs: 100, onEvent: (e) => events.push(e) });
    bank.start();
    const loop = testLoop(kiosk.db, broker.url, { publisher: publisherTo(broker.url) });
    loop.start();
    try {
      const card = { idNumber: PERSON.resident } as IdCard;
      const consents = new ConsentStore(kiosk.db);
      const credit = new CreditService({
        backend: sandbox,
        session: { activeCard: () => card },
        sessionId: () => null,
        consents,
        cipher: openPiiCipher(kiosk.dir),
        audit: new AuditLog(kiosk.db),
        log: silentLogger(),
        bank: () => ({ bankId: BANK, bankName: '示范银行', consentMonths: 12 }),
        printers: () => null,
        wakeDelivery: () => loop.wake(),
        kioskId: () => 'KIOSK-TEST-0001',
        lang: () => 'zh-CN',
        answerWaitMs: 15_000,
      });

      const view = await credit.view();
      if (view.outcome !== 'ok') throw new Error('no credit view');
      const gradeD = view.taxpayers.find((t) => t.taxpayerId === TAXPAYER_ID.gradeDEnterprise);
      expect(gradeD).toMatchObject({ grade: 'D', cautions: ['gradeD'], consent: null });
      expect(view.taxpayers.find((t) => t.taxpayerId === TAXPAYER_ID.arrearsEnterprise)?.cautions).toContain('arrears');

      // A D-grade taxpayer may still consent: the bank decides.
      const given = await credit.authorize({ taxpayerId: TAXPAYER_ID.gradeDEnterprise, accepted: true });
      if (given.outcome !== 'authorized') throw new Error(`not authorized: ${JSON.stringify(given)}`);
      expect(given.applicationRef).toMatch(/^YSHD-\d{8}-[0-9A-Z]{8}$/);
      expect(sandbox.bankAuthorizations()).toEqual([{ consentId: given.consentId, taxpayerId: TAXPAYER_ID.gradeDEnterprise, bankId: BANK, revoked: false }]);
      expect(await credit.authorize({ taxpayerId: TAXPAYER_ID.gradeDEnterprise, accepted: true })).toEqual({
        outcome: 'refused',
        refusal: { reason: 'alreadyConsented' },
      });
      const after = await credit.view();
      expect(after.outcome === 'ok' && after.taxpayers.find((t) => t.taxpayerId === TAXPAYER_ID.gradeDEnterprise)?.consent?.applicationRef).toBe(
        given.applicationRef,
      );

      const revoked = await credit.revoke({ taxpayerId: TAXPAYER_ID.gradeDEnterprise, consentId: given.consentId });
      expect(revoked.outcome).toBe('revoked');
      await waitFor(() => sandbox.bankAuthorizations()[0]?.revoked, 15_000, 'the bank to record the revocation');
      expect(await sandbox.bankApplication({ consentId: given.consentId, bankId: BANK })).toMatchObject({ status: 'revoked' });
      // Only what was consented to reached the bank: one consent and its revocation, nothing for the others.
      expect(events.filter((e) => e.type === 'accepted').map((e) => (e.type === 'accepted' ? e.kind : ''))).toEqual([
        'bank.credit.consent',
        'bank.credit.revoke',
      ]);
      expect(events.filter((e) => e.type === 'poison')).toEqual([]);
    } finally {
      await loop.stop();
      await bank.stop();
    }
  }, 90_000);
});

function publisherTo(url: string) {
  return { url, heartbeatSeconds: 30, confirmTimeoutMs: 1500, connectTimeoutMs: 2000, declareTopology: true, bankIds: [BANK] };
}
