import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { openDatabase } from '../../electron/host/db/database';
import { loadStock } from '../../electron/host/stock/stock-store';
import type { IssueDraft } from '../../shared/contract/services/issuance';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * 发票代开 on a kiosk whose technician loaded only special-invoice forms: no
 * form of the type the kiosk issues on. The taxpayer is told before any
 * money moves (no payment order at the backend, no transaction left open),
 * instead of paying and then waiting for a form that is not there.
 */
let host: KioskHost;
const { call } = hostCalls(() => host);
let dataDir: string;

const SMALL: IssueDraft = {
  taxpayerId: '92110101L000000116', // 东城区示例便利店 (backend/sandbox/README.md)
  buyer: { kind: 'individual', name: '王小明' },
  lines: [{ name: '*日用品*文具', unit: '件', quantity: '4', unitPrice: '250.00', amountFen: 100_000 }],
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-issue-nostock-'));
  // A kiosk with some stock gets no demo stock: only special forms here.
  const db = openDatabase(dataDir);
  loadStock(db, { type: 'special-paper-10', code: '1100251132', from: '00000001', to: '00000010' }, { loadedBy: 'test', now: new Date() });
  db.close();
  host = await createHost({ dataDir, shell: 'chromium', configOverrides: { sandbox: { paymentAutoConfirmMs: null } } });
  await host.start();
  await waitFor(
    async () => {
      const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
      return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
    },
    15_000,
    'both printers online',
  );
  await call('sim.idcard.place', { profile: 'resident' });
  await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined), 8000, 'the visit');
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('invoice issued on behalf with no form of the issuing type', () => {
  it('refuses with noStock before any payment order, and leaves nothing open', async () => {
    const begun = await call<{ outcome: string }>('issuance.begin');
    expect(begun.outcome).toBe('ok');
    expect(await call('issuance.pay', SMALL)).toEqual({ outcome: 'refused', refusal: { reason: 'noStock' } });
    // Nothing to cancel at the backend, nothing printed, no open transaction behind the person.
    expect(await call('sim.payment.confirm')).toEqual({ confirmed: false });
    expect((await call<{ invoicePages: string[]; receipts: string[] }>('sim.printers.output')).invoicePages).toEqual([]);
    const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM transactions WHERE kind = 'invoiceIssue'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 30_000);
});
