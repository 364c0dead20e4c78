import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import type { EventName } from '../../shared/contract';
import type { CollectionResult, InvoiceTypeOption, TaxpayerChoice } from '../../shared/contract/services/collection';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/** Invoice collection end to end: simulated reader and printers on PTYs, real SQLite, the sandbox backend. */
let host: KioskHost;
const { call, raw } = hostCalls(() => host);
let dataDir: string;
const seen: { name: EventName; payload: unknown }[] = [];

const PERSON_ID = '11010519491231002X';
const SHOP = '92110101L000000116'; // 东城区示例便利店: eligible, ordinary-paper-1 45 left
const TECH = '91370102MA01TK019U'; // 示例科技有限公司: ordinary-paper-10 60 left

const collect = (payload: unknown) => call<CollectionResult>('collection.collect', payload);

const sims = () => {
  const s = hostInternals(host).simulators();
  if (!s) throw new Error('no simulators');
  return s;
};

async function options(taxpayerId: string): Promise<InvoiceTypeOption[]> {
  const r = await call<{ outcome: string; types?: InvoiceTypeOption[] }>('collection.options', { taxpayerId });
  if (r.outcome !== 'ok' || !r.types) throw new Error(`options refused: ${JSON.stringify(r)}`);
  return r.types;
}

async function printersReady(): Promise<void> {
  await waitFor(async () => {
    const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
    return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-collect-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  host.events.subscribe((name, payload) => seen.push({ name, payload }));
  await host.start();
  await printersReady();
  await call('sim.idcard.place', { profile: 'resident' });
  await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined));
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('invoice collection through the host', () => {
  it('lists the taxpayers the person on the card may act for', async () => {
    const r = await call<{ outcome: string; taxpayers: TaxpayerChoice[] }>('taxpayers.list');
    expect(r.outcome).toBe('ok');
    expect(r.taxpayers.find((t) => t.id === SHOP)).toMatchObject({ name: '东城区示例便利店', kind: 'individual', asAgent: false });
    expect(r.taxpayers.find((t) => t.id === TECH)).toMatchObject({ kind: 'enterprise', asAgent: true });
  });

  it('offers the approved types with quota, demo stock and the most that can be taken', async () => {
    const types = await options(SHOP);
    expect(types.find((t) => t.code === 'ordinary-paper-1')).toMatchObject({ quotaRemaining: 45, stockRemaining: 50, maxQuantity: 45 });
  });

  it('collects a range: forms fed, a receipt with the range, the national outbox row, no plaintext ID number', async () => {
    const pagesBefore = sims().invoice.pages().length;
    const receiptsBefore = sims().receipt.printed().length;
    seen.length = 0;
    const r = await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 3 });
    expect(r).toMatchObject({ outcome: 'completed', quantity: 3, first: '00000001', last: '00000003', receiptPrinted: true });
    if (r.outcome !== 'completed') return;
    expect(sims().invoice.pages().length - pagesBefore).toBe(3);
    const receipt = await waitFor(() => sims().receipt.printed()[receiptsBefore]);
    const text = receipt.lines.join('\n');
    expect(text).toContain('00000001 至 00000003');
    expect(text).toContain('东城区示例便利店');
    expect(text).not.toContain(PERSON_ID);
    expect(receipt.qr).toContain(r.transactionId);
    const progress = seen.filter((e) => e.name === 'service.progress').map((e) => e.payload);
    expect(progress).toContainEqual({ step: 'printingForms', done: 3, total: 3 });

    const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT authority, kind, payload FROM outbox WHERE transaction_id = ?').all(r.transactionId) as {
        authority: string;
        kind: string;
        payload: string;
      }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ authority: 'national', kind: 'invoice.collection' });
      expect(JSON.parse(rows[0]!.payload)).toMatchObject({
        taxpayerId: SHOP,
        invoiceType: 'ordinary-paper-1',
        quantity: 3,
        range: { first: '00000001', last: '00000003' },
      });
      const state = db.prepare('SELECT state FROM transactions WHERE id = ?').get(r.transactionId) as { state: string };
      expect(state.state).toBe('completed');
    } finally {
      db.close();
    }
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('kiosk.sqlite'))) {
      expect(fs.readFileSync(path.join(dataDir, file)).includes(Buffer.from(PERSON_ID))).toBe(false);
    }
    expect((await options(SHOP)).find((t) => t.code === 'ordinary-paper-1')?.stockRemaining).toBe(47);
  }, 30_000);

  it('collects by pickup code and refuses one already collected', async () => {
    // The screen before anything comes out: whose, which type, how many.
    expect(await call('collection.pickup', { pickupCode: '80000001' })).toEqual({
      outcome: 'found',
      pickup: {
        code: '80000001',
        taxpayerName: '东城区示例便利店',
        invoiceType: 'ordinary-paper-1',
        invoiceTypeName: '增值税普通发票（万元版）',
        quantity: 10,
      },
    });
    expect(await call('collection.pickup', { pickupCode: '99999999' })).toEqual({ outcome: 'refused', refusal: { reason: 'pickupNotFound' } });
    const r = await collect({ pickupCode: '80000001' });
    expect(r).toMatchObject({ outcome: 'completed', quantity: 10, first: '00000004', last: '00000013' });
    expect(await collect({ pickupCode: '80000003' })).toMatchObject({ outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected' } });
    expect(await collect({ pickupCode: '99999999' })).toEqual({ outcome: 'refused', refusal: { reason: 'pickupNotFound' } });
  }, 30_000);

  it('refuses with the backend reason: arrears, credit grade D, unverified invoices, quota', async () => {
    expect(await collect({ taxpayerId: '91370102MA01TK027N', invoiceType: 'ordinary-paper-10', quantity: 1 })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'arrears', arrearsFen: 1_234_500 },
    });
    expect(await call('collection.options', { taxpayerId: '91370102MA01TK035H' })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'creditGrade', grade: 'D' },
    });
    expect(await collect({ taxpayerId: '91370102MA01TK043C', invoiceType: 'ordinary-paper-1', quantity: 1 })).toEqual({
      outcome: 'refused',
      refusal: { reason: 'unverifiedInvoices', unverifiedCount: 12 },
    });
    // 45 at the start, less the 3 and the 10 (取票码 80000001) this kiosk dispensed above: counted at once.
    expect(await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 33 })).toMatchObject({
      outcome: 'refused',
      refusal: { reason: 'quotaExceeded', monthlyQuota: 50, usedThisMonth: 18, remaining: 32, requested: 33 },
    });
  });

  it('refuses when the kiosk has too few forms, storing nothing', async () => {
    const r = await collect({ taxpayerId: TECH, invoiceType: 'ordinary-paper-10', quantity: 51 });
    expect(r).toEqual({ outcome: 'refused', refusal: { reason: 'noStock', invoiceType: 'ordinary-paper-10', remaining: 50 } });
    expect((await options(TECH)).find((t) => t.code === 'ordinary-paper-10')?.stockRemaining).toBe(50);
  });

  it('refuses a taxpayer the person may not act for as an invalid request', async () => {
    const r = await raw('collection.collect', { taxpayerId: '92440305L00000038J', invoiceType: 'ordinary-paper-1', quantity: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(await raw('collection.options', { taxpayerId: '92440305L00000038J' })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });

  it('answers backendUnreachable when the tax backend is down', async () => {
    const sandbox = hostInternals(host).sandbox;
    sandbox?.setFault({ kind: 'unreachable' });
    try {
      expect(await call('taxpayers.list')).toEqual({ outcome: 'backendUnreachable' });
      expect(await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 })).toEqual({
        outcome: 'refused',
        refusal: { reason: 'backendUnreachable' },
      });
    } finally {
      sandbox?.setFault({ kind: 'none' });
    }
  });

  it('refuses a second collection while one runs', async () => {
    const [a, b] = await Promise.all([
      raw('collection.collect', { taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 }),
      raw('collection.collect', { taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 }),
    ]);
    expect([a, b].filter((r) => !r.ok).map((r) => (r.ok ? null : r.error.code))).toEqual(['conflict']);
  }, 30_000);

  it('refuses with printerNotReady and allocates nothing when the invoice printer is out of paper', async () => {
    const before = (await options(SHOP)).find((t) => t.code === 'ordinary-paper-1')?.stockRemaining;
    await call('sim.printer.setState', { printer: 'invoice', state: 'paper-out' });
    try {
      await waitFor(async () => ((await call<{ invoice: { paper: string } }>('devices.status')).invoice.paper === 'out' ? true : undefined));
      expect(await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 2 })).toEqual({
        outcome: 'refused',
        refusal: { reason: 'printerNotReady', printer: 'invoice', fault: 'paperOut' },
      });
      expect((await options(SHOP)).find((t) => t.code === 'ordinary-paper-1')?.stockRemaining).toBe(before);
    } finally {
      await call('sim.printer.setState', { printer: 'invoice', state: 'ready' });
      await printersReady();
    }
  }, 30_000);

  it('reports the forms that came out when paper runs out mid-way, and never hands those numbers out again', async () => {
    sims().invoice.paperOutAfterPages(2);
    let failed: CollectionResult;
    try {
      failed = await collect({ taxpayerId: TECH, invoiceType: 'ordinary-paper-10', quantity: 5 });
    } finally {
      sims().invoice.paperOutAfterPages(null);
      await call('sim.printer.setState', { printer: 'invoice', state: 'ready' });
      await printersReady();
    }
    expect(failed).toMatchObject({ outcome: 'failed', formsOut: 2, fault: 'paperOut' });
    if (failed.outcome !== 'failed') return;
    const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      expect((db.prepare('SELECT state FROM transactions WHERE id = ?').get(failed.transactionId) as { state: string }).state).toBe('needsAttention');
    } finally {
      db.close();
    }
    const next = await collect({ taxpayerId: TECH, invoiceType: 'ordinary-paper-10', quantity: 1 });
    expect(next).toMatchObject({ outcome: 'completed' });
    if (next.outcome === 'completed') expect(Number(next.first)).toBeGreaterThan(5);
  }, 30_000);
  it('completes the collection but says so when the receipt could not be printed', async () => {
    sims().receipt.paperOutAfterLines(2);
    let r: CollectionResult;
    try {
      r = await collect({ taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 });
    } finally {
      sims().receipt.paperOutAfterLines(null);
      await call('sim.printer.setState', { printer: 'receipt', state: 'ready' });
      await printersReady();
    }
    expect(r).toMatchObject({ outcome: 'completed', quantity: 1, receiptPrinted: false });
  }, 30_000);

  it('refuses a pickup code of a taxpayer another person acts for, and any call without a visit', async () => {
    await call('sim.idcard.lift');
    await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'idle' ? true : undefined));
    expect(await raw('taxpayers.list')).toMatchObject({ ok: false, error: { code: 'notAvailable' } });
    expect(await raw('collection.collect', { pickupCode: '80000001' })).toMatchObject({ ok: false, error: { code: 'notAvailable' } });
    await call('sim.idcard.place', { profile: 'resident-long-term' });
    await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined));
    // 80000004 is 示例商贸有限公司's: 测试甲 acts for it, 测试乙 does not.
    expect(await collect({ pickupCode: '80000004' })).toEqual({ outcome: 'refused', refusal: { reason: 'pickupOtherPerson' } });
    expect(await call('collection.pickup', { pickupCode: '80000004' })).toEqual({ outcome: 'refused', refusal: { reason: 'pickupOtherPerson' } });
  }, 30_000);
});
