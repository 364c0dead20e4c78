import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxConfig } from '../../shared/config/tax-config';
import type { CollectionResult } from '../../shared/contract/services/collection';
import { DEMO_SIGNING_DIR, PINNED_KEYS_DIR, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from '../../electron/host/config/bundle-keys';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { bundle, kioskctl, writeSigned } from '../unit/host/config-fixtures';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * The running host (simulator mode) and the two things this file is about: a
 * config bundle applied from a file by kioskctl while the host runs takes
 * effect without a restart, and a visit with a collection leaves its trace in
 * the audit trail (masked), which verifies.
 */
let host: KioskHost;
const { call } = hostCalls(() => host);
let dataDir: string;
const PERSON_ID = '11010519491231002X';
const SHOP = '92110101L000000116';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-host-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  await host.start();
  await waitFor(async () => {
    const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
    return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
  });
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('config bundles and the audit trail in the running host', () => {
  it('makes its own demo signing key in simulator mode, and pins only the public half', () => {
    const pinned = fs.readdirSync(path.join(dataDir, PINNED_KEYS_DIR));
    expect(pinned).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, PINNED_KEYS_DIR, pinned[0] ?? ''), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    expect(fs.statSync(path.join(dataDir, DEMO_SIGNING_DIR, PRIVATE_KEY_FILE)).mode & 0o077).toBe(0);
  });

  it('takes a bundle applied by kioskctl while it runs: new visit timeouts without a restart', async () => {
    const demo = {
      keyId: '',
      privateFile: path.join(dataDir, DEMO_SIGNING_DIR, PRIVATE_KEY_FILE),
      publicFile: path.join(dataDir, DEMO_SIGNING_DIR, PUBLIC_KEY_FILE),
    };
    const file = writeSigned(
      path.join(dataDir, 'usb-bundle.json'),
      bundle({ version: 3, payload: { timeouts: { idleTimeoutMs: 30_000 }, taxRates: TaxConfig.parse({ levyRateBp: 100 }) } }),
      demo,
    );
    const applied = await kioskctl('config', 'apply', file, '--data-dir', dataDir);
    expect(applied.code, applied.err.join('\n')).toBe(0);

    await call('sim.idcard.place', { profile: 'resident' });
    await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined));
    // The host polls for applies made by another process; the idle deadline shows which timeout it uses.
    await waitFor(async () => {
      const view = await call<{ idle: { deadline: number } }>('session.touch');
      return view.idle.deadline - Date.now() <= 30_000 ? true : undefined;
    });
    expect((await kioskctl('config', 'show', '--json', '--data-dir', dataDir)).json()).toMatchObject({
      applied: { version: 3 },
      effective: { taxRates: { levyRateBp: 100 }, session: { idleTimeoutMs: 30_000 } },
    });
  }, 30_000);

  it('leaves a masked, verifiable trace of the visit and its collection', async () => {
    const r = await call<CollectionResult>('collection.collect', { taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 });
    expect(r.outcome).toBe('completed');
    await call('sim.idcard.lift');
    await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'idle' ? true : undefined));

    const tail = (await kioskctl('audit', 'tail', '-n', '50', '--json', '--data-dir', dataDir)).json() as {
      entries: Array<{ kind: string; data: Record<string, unknown> }>;
    };
    // Printer faults (a simulator still starting) may come in between: not what this test is about.
    const kinds = tail.entries
      .filter((e) => e.kind !== 'device.fault')
      .map((e) => (e.kind === 'transaction.step' ? `step:${String(e.data.step)}` : e.kind === 'print' ? `print:${String(e.data.printer)}` : e.kind));
    const visit = kinds.slice(kinds.indexOf('session.start'));
    // Every state the transaction reached (TransactionStore's onStep), with the range and the prints between.
    expect(visit).toEqual([
      'session.start',
      'step:created',
      'step:printing',
      'step:allocated',
      'print:invoice',
      'step:printed',
      'print:receipt',
      'step:completed',
      'session.end',
    ]);
    // The config applied by the test before comes ahead of the visit (the bundled 公开信息 content may come first).
    expect(kinds.slice(0, kinds.indexOf('session.start'))).toContain('config.applied');
    expect(tail.entries.find((e) => e.kind === 'session.start')?.data).toMatchObject({ cardType: 'resident', maskedId: '110105********002X' });
    expect(tail.entries.find((e) => e.kind === 'session.end')?.data).toMatchObject({ reason: 'cardRemoved' });
    expect(JSON.stringify(tail)).not.toContain(PERSON_ID);
    const verdict = await kioskctl('audit', 'verify', '--json', '--data-dir', dataDir);
    expect(verdict.code).toBe(0);
    expect(verdict.json()).toMatchObject({ ok: true, entries: tail.entries.length });
  }, 30_000);
});
