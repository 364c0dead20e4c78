import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';
import { IntakeConsumer, type IntakeEvent } from '../../backend/sandbox/amqp-intake';
import { startBroker, type Broker } from '../support/rabbitmq';
import { resetBroker, waitFor } from './sync-helpers';
import { hostCalls } from './host-calls';

/**
 * The contract between the kiosk's outbox legs and the backend's intake, end
 * to end through RabbitMQ: what a kiosk really sends (outbox-payloads.ts) has
 * its effect on the backend (intake.ts) — an invoice collection lowers the
 * taxpayer's remaining quota, an issued invoice raises the seller's
 * month-to-date once (national leg), and a redelivery changes nothing.
 */
const PERSON_ID = '11010519491231002X';
const SHOP = '92110101L000000116';

let broker: Broker;
let dataDir: string;
let host: KioskHost | null = null;
const { call } = hostCalls(() => host);
let backend: SandboxBackend;

beforeAll(async () => {
  broker = await startBroker('intake');
  console.info(`rabbitmq-server up in ${broker.startMs} ms`);
  await resetBroker(broker.url);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-intake-'));
  // The kiosk runs on its in-process sandbox; the backend across the broker is another sandbox with its own database.
  host = await createHost({ dataDir, shell: 'chromium', configOverrides: { sandbox: { paymentAutoConfirmMs: null } } });
  await host.start();
  backend = createSandboxBackend({ dbPath: path.join(dataDir, 'backend-side.sqlite') });
}, 120_000);
afterAll(async () => {
  await host?.stop();
  backend?.close();
  await broker?.dispose();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('outbox legs applied by the backend intake', () => {
  it('a collection delivered over AMQP lowers the quota; an issued invoice raises month-to-date once', async () => {
    await waitFor(
      async () => {
        const s = await call<Record<string, { device: string; paper: string }>>('devices.status');
        return ['receipt', 'invoice'].every((p) => s[p]?.device === 'online' && s[p]?.paper !== 'out');
      },
      20_000,
      'printers',
    );
    await call('sim.idcard.place', { profile: 'resident' });
    await waitFor(async () => (await call<{ state: string }>('session.get')).state === 'active', 15_000, 'a session');

    const collected = await call<{ outcome: string }>('collection.collect', { taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 3 });
    expect(collected.outcome).toBe('completed');
    const draft = {
      taxpayerId: SHOP,
      buyer: { kind: 'individual', name: '王小明' },
      lines: [{ name: '*日用品*文具', unit: '件', quantity: '1', unitPrice: '800.00', amountFen: 80_000 }],
    };
    const paid = await call<{ outcome: string; payment: { transactionId: string } }>('issuance.pay', draft);
    expect(paid.outcome).toBe('awaitingPayment');
    expect(await call('sim.payment.confirm')).toEqual({ confirmed: true });
    expect(await call('issuance.paymentStatus', { transactionId: paid.payment.transactionId })).toMatchObject({ status: 'paid' });
    expect(await call('issuance.print', { transactionId: paid.payment.transactionId })).toMatchObject({ outcome: 'completed' });

    // The host delivers to its own in-process sandbox while it runs (the default mode). Stop it
    // and hand the very same rows to the broker, as a kiosk switched to amqp would send them.
    await host?.stop();
    host = null;
    const kioskDb = (await import('better-sqlite3')).default(path.join(dataDir, 'kiosk.sqlite'));
    // A sent row stays sent (migration 7): the switch to amqp is staged below that trigger.
    kioskDb.exec('DROP TRIGGER IF EXISTS outbox_sent_is_final');
    kioskDb.prepare('UPDATE outbox SET sent_at = NULL').run();
    kioskDb.close();

    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const quotaUsed = async (): Promise<number | undefined> =>
      (await backend.taxpayersForPerson({ idNumber: PERSON_ID })).taxpayers
        .find((t) => t.id === SHOP)
        ?.approvedInvoiceTypes.find((a) => a.code === 'ordinary-paper-1')?.usedThisMonth;
    const usedBefore = await quotaUsed();
    const { grossFen: grossBefore } = await backend.sellerMonthToDate({ taxpayerId: SHOP, month });

    const out: string[] = [];
    const io: CommandIo = { out: (l) => out.push(l), err: (l) => out.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
    expect(await main(['sync', '--once', '--amqp', broker.url, '--data-dir', dataDir], io), out.join('\n')).toBe(0);

    const events: IntakeEvent[] = [];
    const consumer = new IntakeConsumer({ url: broker.url, backend, onEvent: (e) => events.push(e) });
    consumer.start();
    try {
      // Collection: 1 national leg; issuance: a national and a local leg. The kiosk's own audit
      // entries (one outbox since migration 9) are accepted too: wait for the legs themselves.
      const legAccepted = (e: IntakeEvent) => e.type === 'accepted' && e.kind !== 'audit.entry' && e.kind !== 'config.applied';
      await waitFor(() => events.filter(legAccepted).length >= 3, 20_000, 'three legs accepted');
      expect(events.filter((e) => e.type === 'poison')).toEqual([]);
      expect(await quotaUsed()).toBe((usedBefore ?? 0) + 3);
      expect(await backend.sellerMonthToDate({ taxpayerId: SHOP, month })).toEqual({ grossFen: grossBefore + 80_000 });

      // Delivered again (a lost "sent" mark): duplicates, no second effect.
      const db = (await import('better-sqlite3')).default(path.join(dataDir, 'kiosk.sqlite'));
      // A sent row stays sent (migration 7): the lost mark is staged below that trigger.
      db.exec('DROP TRIGGER IF EXISTS outbox_sent_is_final');
      db.prepare('UPDATE outbox SET sent_at = NULL').run();
      db.close();
      expect(await main(['sync', '--once', '--amqp', broker.url, '--data-dir', dataDir], io)).toBe(0);
      const legDuplicate = (e: IntakeEvent) => e.type === 'duplicate' && e.kind !== 'audit.entry' && e.kind !== 'config.applied';
      await waitFor(() => events.filter(legDuplicate).length >= 3, 20_000, 'three duplicates');
      expect(await quotaUsed()).toBe((usedBefore ?? 0) + 3);
      expect(await backend.sellerMonthToDate({ taxpayerId: SHOP, month })).toEqual({ grossFen: grossBefore + 80_000 });
    } finally {
      await consumer.stop();
    }
  }, 120_000);
});
