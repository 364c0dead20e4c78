import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import type { CollectionResult, InvoiceTypeOption } from '../../shared/contract/services/collection';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * The kiosk's view of a taxpayer's quota and 取票码 matches the truth, in the
 * default mode (the in-process sandbox backend): what the issue saw, as a
 * taxpayer would notice it. docs/collection.md.
 */
let host: KioskHost;
const { call } = hostCalls(() => host);
let dataDir: string;

const SHOP = '92110101L000000116'; // 东城区示例便利店: ordinary-paper-1, quota 50, 5 used before the demo
const PERSON_ID = '11010519491231002X';

const collect = (payload: unknown) => call<CollectionResult>('collection.collect', payload);
const sandbox = () => {
  const s = hostInternals(host).sandbox;
  if (!s) throw new Error('no sandbox');
  return s;
};

async function quotaLeft(taxpayerId: string, code: string): Promise<InvoiceTypeOption | undefined> {
  const r = await call<{ outcome: string; types?: InvoiceTypeOption[] }>('collection.options', { taxpayerId });
  return r.types?.find((t) => t.code === code);
}

function kioskDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const pendingNational = () =>
  kioskDb(
    (db) => (db.prepare("SELECT count(*) AS n FROM outbox WHERE authority = 'national' AND sent_at IS NULL AND dead_at IS NULL").get() as { n: number }).n,
  );

const backendUsed = async (): Promise<number | undefined> =>
  (await sandbox().taxpayersForPerson({ idNumber: PERSON_ID })).taxpayers
    .find((t) => t.id === SHOP)
    ?.approvedInvoiceTypes.find((a) => a.code === 'ordinary-paper-1')?.usedThisMonth;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ledger-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  await host.start();
  await waitFor(
    async () => {
      const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
      return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
    },
    20_000,
    'the printers',
  );
  await call('sim.idcard.place', { profile: 'resident' });
  await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined), 15_000, 'a visit');
}, 40_000);
afterAll(async () => {
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('quota and 取票码 at the kiosk, in-process sandbox mode', () => {
  it('发票领用 ×10: the options say 35 left at once, and a 36th form is refused with the numbers', async () => {
    expect(await quotaLeft(SHOP, 'ordinary-paper-1')).toMatchObject({ quotaRemaining: 45, maxQuantity: 45 });
    expect(await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 10 })).toMatchObject({ outcome: 'completed', quantity: 10 });
    expect(await quotaLeft(SHOP, 'ordinary-paper-1')).toMatchObject({ quotaRemaining: 35, maxQuantity: 35 });
    expect(await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 36 })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: 15, remaining: 35, requested: 36 },
    });
  }, 30_000);

  it('the outbox drains in the default mode; the backend counts the forms once and the kiosk shows the same 35', async () => {
    await waitFor(() => pendingNational() === 0, 15_000, 'the national outbox to drain');
    expect(await backendUsed()).toBe(15);
    expect(await quotaLeft(SHOP, 'ordinary-paper-1')).toMatchObject({ quotaRemaining: 35 });
    // Every collection this kiosk dispensed is acknowledged now: nothing is subtracted twice.
    expect(kioskDb((db) => (db.prepare('SELECT count(*) AS n FROM collection_ledger WHERE counted_at IS NULL').get() as { n: number }).n)).toBe(0);
  }, 30_000);

  it('取票码 80000001 dispenses once: the result names the taxpayer, the leg carries the code, a second use is refused (also with the backend down)', async () => {
    const first = await collect({ pickupCode: '80000001' });
    expect(first).toMatchObject({ outcome: 'completed', quantity: 10, taxpayerName: '东城区示例便利店' });
    if (first.outcome !== 'completed') return;
    const leg = kioskDb(
      (db) => db.prepare("SELECT payload FROM outbox WHERE transaction_id = ? AND kind = 'invoice.collection'").get(first.transactionId) as { payload: string },
    );
    expect(JSON.parse(leg.payload)).toMatchObject({ pickupCode: '80000001', quantity: 10, taxpayerId: SHOP });

    expect(await collect({ pickupCode: '80000001' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    sandbox().setFault({ kind: 'unreachable' });
    try {
      // The kiosk's own record refuses it: no backend needed, and nothing comes out.
      expect(await collect({ pickupCode: '80000001' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    } finally {
      sandbox().setFault({ kind: 'none' });
    }
    expect(await quotaLeft(SHOP, 'ordinary-paper-1')).toMatchObject({ quotaRemaining: 25 });
    await waitFor(() => pendingNational() === 0, 15_000, 'the national outbox to drain');
    expect(await sandbox().pickupLookup({ code: '80000001' })).toMatchObject({ outcome: 'alreadyCollected' });
    expect(await backendUsed()).toBe(25);
    expect(await quotaLeft(SHOP, 'ordinary-paper-1')).toMatchObject({ quotaRemaining: 25 });
  }, 40_000);
});
