import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxConfig } from '../../shared/config/tax-config';
import type { Result } from '../../shared/contract';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { CONFIG_EXCHANGE, configQueueName } from '../../electron/host/config/config-topology';
import { readExistingDb } from '../../electron/host/config/config-store';
import { startBroker, type Broker } from '../support/rabbitmq';
import { KIOSK, bundle, kioskctl, makeKey, makeKioskDir, tempDir, writeSigned, type TestKey } from '../unit/host/config-fixtures';
import { waitFor, withChannel } from './sync-helpers';

/**
 * Config bundles pushed through a real RabbitMQ to a running host (simulator
 * devices, backend.transport "amqp"): `kioskctl config publish` → exchange
 * kiosk.config → the kiosk's own queue → ConfigService. The next tax quote
 * uses the pushed rate with no restart; a bundle for another kiosk that
 * arrives anyway is refused, audited, acked, and changes nothing.
 */
let broker: Broker;
let host: KioskHost;
let root: string;
let dataDir: string;
let key: TestKey;

interface QuoteJson {
  vatFen: number;
}

async function quoteVat(): Promise<number> {
  // Over the monthly VAT exemption threshold, so the levy rate shows in the VAT; on a day after the
  // reduced period, so the default config quotes the statutory 3 % and a pushed rate shows.
  const r = await kioskctl('tax', 'quote', '--gross', '10300.00', '--month-to-date', '200000.00', '--date', '2028-01-01', '--json', '--data-dir', dataDir);
  expect(r.code, r.err.join('\n')).toBe(0);
  return (r.json() as QuoteJson).vatFen;
}

async function queueDepth(queue: string): Promise<{ messageCount: number; consumerCount: number } | null> {
  try {
    return await withChannel(broker.url, (ch) => ch.checkQueue(queue));
  } catch {
    return null; // not declared yet (checkQueue closes the channel: a fresh one each probe)
  }
}

const ctx = { shell: 'test' } as const;
const seenEvents: Array<{ name: string; payload: unknown }> = [];

async function push(file: string): Promise<void> {
  const r = await kioskctl('config', 'publish', '--amqp', broker.url, file);
  expect(r.code, r.err.join('\n')).toBe(0);
}

async function appliedVersion(): Promise<number | null> {
  const shown = (await kioskctl('config', 'show', '--json', '--data-dir', dataDir)).json() as { applied: { version: number } | null };
  return shown.applied?.version ?? null;
}

async function auditEntries(): Promise<Array<{ kind: string; data: Record<string, unknown> }>> {
  const r = await kioskctl('audit', 'tail', '-n', '100', '--json', '--data-dir', dataDir);
  return (r.json() as { entries: Array<{ kind: string; data: Record<string, unknown> }> }).entries;
}

beforeAll(async () => {
  broker = await startBroker('config');
  root = tempDir('kiosk-config-amqp-');
  key = makeKey(path.join(root, 'admin-keys'));
  dataDir = makeKioskDir(root, [key]);
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ ...KIOSK, backend: { transport: 'amqp', url: broker.url } }));
  host = await createHost({ dataDir, shell: 'chromium' });
  host.events.subscribe((name, payload) => seenEvents.push({ name, payload }));
  await host.start();
  // The kiosk declares its queue when it connects; a publish before that would be unroutable.
  await waitFor(async () => ((await queueDepth(configQueueName(KIOSK.kioskId)))?.consumerCount ?? 0) > 0, 30_000, 'the kiosk consuming its config queue');
}, 120_000);
afterAll(async () => {
  await host?.stop();
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('config pushes over RabbitMQ', () => {
  it('applies a bundle published by kioskctl, and the next tax quote uses its rate without a restart', async () => {
    const before = await quoteVat();
    const file = writeSigned(
      path.join(root, 'rates-v2.json'),
      bundle({ version: 2, target: { kioskIds: [KIOSK.kioskId] }, payload: { taxRates: TaxConfig.parse({ levyRateBp: 100 }) } }),
      key,
    );
    const published = await kioskctl('config', 'publish', '--amqp', broker.url, file, '--keys', path.join(root, 'admin-keys'), '--json');
    expect(published.code, published.err.join('\n')).toBe(0);
    expect(published.json()).toMatchObject({ version: 2, published: [`kiosk.${KIOSK.kioskId}`], unroutable: [] });

    const after = await waitFor(
      async () => {
        const vat = await quoteVat();
        return vat !== before ? vat : undefined;
      },
      20_000,
      'the pushed rate in the quote',
    );
    // 10,300.00 tax included: 3% → 300.00 VAT; 1% → 101.98.
    expect(before).toBe(30_000);
    expect(after).toBe(10_198);

    const entries = await auditEntries();
    expect(entries.find((e) => e.kind === 'config.applied')?.data).toMatchObject({ version: 2, source: 'amqp', sections: ['taxRates'] });
    const reported = readExistingDb(
      dataDir,
      (db) => db.prepare("SELECT payload FROM outbox WHERE kind = 'config.applied'").all(),
      () => [],
    );
    expect(reported.map((r) => JSON.parse((r as { payload: string }).payload))).toEqual([expect.objectContaining({ version: 2, source: 'amqp' })]);
    // The queue is empty again: the bundle was acked.
    expect(await queueDepth(configQueueName(KIOSK.kioskId))).toMatchObject({ messageCount: 0 });
  }, 60_000);

  it('applies a 公开信息 content bundle published by kioskctl content publish, over the same channel as config', async () => {
    const out = path.join(root, 'content-v7.json');
    const signed = await kioskctl('content', 'sign', '--key', key.privateFile, '--sample', '--out', out, '--target', 'all', '--version', '7');
    expect(signed.code, signed.err.join('\n')).toBe(0);
    const published = await kioskctl('content', 'publish', '--amqp', broker.url, out, '--json');
    expect(published.code, published.err.join('\n')).toBe(0);
    expect(published.json()).toMatchObject({ version: 7, published: ['all'], unroutable: [] });
    const shown = await waitFor(
      async () => {
        const r = (await kioskctl('content', 'show', '--json', '--data-dir', dataDir)).json() as { inForce: { version: number; source: string } | null };
        return r.inForce?.version === 7 ? r.inForce : undefined;
      },
      20_000,
      'the pushed content in force',
    );
    expect(shown).toMatchObject({ version: 7, source: 'amqp' });
    expect((await auditEntries()).find((e) => e.kind === 'content.applied')?.data).toMatchObject({ version: 7, source: 'amqp' });
    await waitFor(async () => (await queueDepth(configQueueName(KIOSK.kioskId)))?.messageCount === 0, 10_000, 'the content bundle acked');
    // Content and config are separate: the tax rate pushed before still holds.
    expect(await appliedVersion()).toBe(2);
  }, 60_000);

  it('refuses a bundle for another kiosk that reaches it anyway: audited, acked (no loop), nothing applied', async () => {
    const file = writeSigned(
      path.join(root, 'other-v3.json'),
      bundle({ version: 3, target: { kioskIds: ['KIOSK-OTHER-9'] }, payload: { taxRates: TaxConfig.parse({ levyRateBp: 200 }) } }),
      key,
    );
    // Replayed onto this kiosk's routing key (a mis-routed or replayed message): kioskctl would not do that.
    await withChannel(broker.url, async (ch) => {
      ch.publish(CONFIG_EXCHANGE, `kiosk.${KIOSK.kioskId}`, fs.readFileSync(file), { persistent: true });
      await ch.close();
    });
    const refused = await waitFor(async () => (await auditEntries()).find((e) => e.kind === 'config.refused'), 20_000, 'the refusal in the audit trail');
    expect(refused.data).toMatchObject({ version: 3, reason: 'wrongTarget', source: 'amqp' });
    await waitFor(async () => (await queueDepth(configQueueName(KIOSK.kioskId)))?.messageCount === 0, 10_000, 'the refused bundle acked');
    expect(await quoteVat()).toBe(10_198);
    const shown = await kioskctl('config', 'show', '--json', '--data-dir', dataDir);
    expect(shown.json()).toMatchObject({ applied: { version: 2 } });
  }, 60_000);

  it('refuses a bundle re-targeted at this kiosk after signing: badSignature, audited, acked, nothing applied', async () => {
    // Signed for another kiosk, then its target rewritten to this one (what a forger with a real signed file would try).
    const signedFor = writeSigned(
      path.join(root, 'retarget-v9.json'),
      bundle({ version: 9, target: { kioskIds: ['KIOSK-OTHER-9'] }, payload: { taxRates: TaxConfig.parse({ levyRateBp: 500 }) } }),
      key,
    );
    const file = JSON.parse(fs.readFileSync(signedFor, 'utf8')) as { bundle: { target: unknown } };
    file.bundle.target = { kioskIds: [KIOSK.kioskId] };
    await withChannel(broker.url, async (ch) => {
      ch.publish(CONFIG_EXCHANGE, `kiosk.${KIOSK.kioskId}`, Buffer.from(JSON.stringify(file)), { persistent: true });
      await ch.close();
    });
    const refused = await waitFor(
      async () => (await auditEntries()).find((e) => e.kind === 'config.refused' && e.data.version === 9),
      20_000,
      'the refusal of the re-targeted bundle',
    );
    expect(refused.data).toMatchObject({ version: 9, reason: 'badSignature', source: 'amqp' });
    await waitFor(async () => (await queueDepth(configQueueName(KIOSK.kioskId)))?.messageCount === 0, 10_000, 'the tampered bundle acked');
    // Still the rate of version 2: 1 % on 10,300.00 is VAT 101.98 (5 % would be 490.48).
    expect(await quoteVat()).toBe(10_198);
    expect(await appliedVersion()).toBe(2);
  }, 60_000);

  it('says so when no kiosk queue is bound for the target (exit 2, unroutable), and refuses an expired bundle before publishing', async () => {
    const otherBranch = writeSigned(path.join(root, 'branch-v4.json'), bundle({ version: 4, target: { branch: 'BRANCH-NOWHERE' } }), key);
    const r = await kioskctl('config', 'publish', '--amqp', broker.url, otherBranch, '--json');
    expect(r.code).toBe(2);
    expect(r.json()).toMatchObject({ published: [], unroutable: ['branch.BRANCH-NOWHERE'] });

    const expired = writeSigned(
      path.join(root, 'expired-v5.json'),
      bundle({ version: 5, issuedAt: new Date(Date.now() - 7200_000).toISOString(), expiresAt: new Date(Date.now() - 3600_000).toISOString() }),
      key,
    );
    const e = await kioskctl('config', 'publish', '--amqp', broker.url, expired);
    expect(e.code).toBe(2);
    expect(e.err.join('\n')).toMatch(/expired/);

    const down = await kioskctl('config', 'publish', '--amqp', 'amqp://guest:guest@127.0.0.1:1', otherBranch, '--timeout', '1000');
    expect(down.code).toBe(3);
  }, 60_000);

  it('refuses the calls of a service switched off by a pushed bundle, and tells the screen', async () => {
    const file = writeSigned(
      path.join(root, 'services-v6.json'),
      bundle({ version: 6, payload: { services: { invoiceCollection: true, invoiceIssue: false, iitCertificate: true } } }),
      key,
    );
    await push(file);
    const changed = await waitFor(
      () => seenEvents.find((e) => e.name === 'config.changed' && (e.payload as { version: number }).version === 6),
      20_000,
      'config.changed v6',
    );
    expect(changed.payload).toMatchObject({ services: { invoiceIssue: false, invoiceCollection: true } });
    const refused: Result<unknown> = await host.router.call('issuance.begin', {}, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'notAvailable', message: expect.stringMatching(/invoiceIssue is switched off/) } });
    // The other services and the rest of the contract still answer.
    expect(await host.router.call('devices.status', {}, ctx)).toMatchObject({ ok: true });
  }, 60_000);

  it('reopens the devices when a pushed bundle changes the device map — after the visit in progress, not during it', async () => {
    const before = hostInternals(host).simulators();
    expect(before).not.toBeNull();
    expect(await host.router.call('sim.idcard.place', { profile: 'resident' }, ctx)).toMatchObject({ ok: true });
    await waitFor(
      async () => ((await host.router.call('session.get', {}, ctx)) as { ok: boolean; value?: { state: string } }).value?.state === 'active',
      20_000,
      'a visit',
    );

    const file = writeSigned(path.join(root, 'devices-v7.json'), bundle({ version: 7, payload: { deviceMap: { receiptPrinter: { baud: 9600 } } } }), key);
    await push(file);
    await waitFor(async () => (await appliedVersion()) === 7, 20_000, 'v7 applied');
    await waitFor(() => seenEvents.some((e) => e.name === 'config.changed' && (e.payload as { version: number }).version === 7), 20_000, 'config.changed v7');
    // Still the same devices while the visit runs (a print could be going on).
    expect(hostInternals(host).simulators()).toBe(before);

    expect(await host.router.call('sim.idcard.lift', {}, ctx)).toMatchObject({ ok: true });
    const after = await waitFor(
      () => {
        const now = hostInternals(host).simulators();
        return now !== null && now !== before ? now : undefined;
      },
      30_000,
      'the devices reopened',
    );
    expect(after.receipt.portPath).not.toBe(before?.receipt.portPath);
    await waitFor(
      async () => {
        const s = (await host.router.call('devices.status', {}, ctx)) as { ok: boolean; value?: { receipt: { device: string } } };
        return s.value?.receipt.device === 'online';
      },
      20_000,
      'the reopened receipt printer online',
    );
  }, 90_000);

  it('comes back after the broker restarts and takes the bundle pushed meanwhile', async () => {
    await broker.stopNode();
    await broker.start();
    // The kiosk's queue is durable: it is there before the kiosk reconnects, so the push is routed at once.
    const file = writeSigned(path.join(root, 'timeouts-v8.json'), bundle({ version: 8, payload: { timeouts: { idleTimeoutMs: 45_000 } } }), key);
    await push(file);
    await waitFor(async () => (await appliedVersion()) === 8, 90_000, 'v8 applied after the reconnect');
  }, 150_000);
});
