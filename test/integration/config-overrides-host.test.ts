import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { CollectionResult } from '../../shared/contract/services/collection';
import type { ConfigView } from '../../shared/contract/services/config';
import { translate } from '../../shared/i18n';
import { DEMO_SIGNING_DIR, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from '../../electron/host/config/bundle-keys';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { bundle, kioskctl, writeSigned } from '../unit/host/config-fixtures';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * A bundle applied by kioskctl while the host runs (simulator mode): the
 * screen is told (`config.changed`, `config.get`, `app.info`) which services
 * are on, the text overrides and the elderly default; the next visit starts
 * in elderly mode with the pushed timeout; a switched-off service is refused;
 * the receipt prints the overridden texts. No restart anywhere.
 */
let host: KioskHost;
let dataDir: string;
const SHOP = '92110101L000000116';
const seen: { name: EventName; payload: unknown }[] = [];

const { raw, call } = hostCalls(() => host);

const sims = () => {
  const s = hostInternals(host).simulators();
  if (!s) throw new Error('no simulators');
  return s;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-overrides-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  host.events.subscribe((name, payload) => seen.push({ name, payload }));
  await host.start();
  await waitFor(
    async () => {
      const s = await call<{ receipt: { device: string; paper: string }; invoice: { device: string; paper: string } }>('devices.status');
      return [s.receipt, s.invoice].every((p) => p.device === 'online' && p.paper !== 'out') ? true : undefined;
    },
    15_000,
    'both printers online',
  );
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a config bundle applied while the host runs', () => {
  it('tells the screen the services, texts and elderly default, refuses the switched-off service, and prints the overridden receipt', async () => {
    const before = await call<ConfigView>('config.get');
    expect(before).toEqual({
      version: null,
      services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: true },
      texts: {},
      elderlyDefault: false,
      timeZone: 'Asia/Shanghai',
    });
    expect((await call<{ elderlyDefault?: boolean }>('app.info')).elderlyDefault).toBe(false);

    const demo = {
      keyId: '',
      privateFile: path.join(dataDir, DEMO_SIGNING_DIR, PRIVATE_KEY_FILE),
      publicFile: path.join(dataDir, DEMO_SIGNING_DIR, PUBLIC_KEY_FILE),
    };
    const payload = {
      services: { invoiceCollection: true, invoiceIssue: false, iitCertificate: true },
      texts: { 'zh-CN': { 'attract.prompt': '请把身份证放在右下方的读卡区', 'receipt.collection.title': '发票领用凭条（试点）' } },
      timeouts: { elderlyIdleTimeoutMs: 240_000, elderlyByDefault: true },
    };
    const file = writeSigned(path.join(dataDir, 'usb-bundle.json'), bundle({ version: 4, payload }), demo);
    const applied = await kioskctl('config', 'apply', file, '--data-dir', dataDir);
    expect(applied.code, applied.err.join('\n')).toBe(0);

    // The host notices the other process's apply on its next poll and tells the screen.
    const changed = await waitFor(() => seen.find((e) => e.name === 'config.changed')?.payload as ConfigView | undefined);
    const expected: ConfigView = { version: 4, services: payload.services, texts: payload.texts, elderlyDefault: true, timeZone: 'Asia/Shanghai' };
    expect(changed).toEqual(expected);
    expect(await call<ConfigView>('config.get')).toEqual(expected);
    expect((await call<{ elderlyDefault?: boolean }>('app.info')).elderlyDefault).toBe(true);

    // The next visit starts in elderly mode, with the pushed timeout (the default is 90 s, elderly 180 s).
    await call('sim.idcard.place', { profile: 'resident' });
    const active = await waitFor(async () => {
      const view = await call<{ state: string; idle: { deadline: number } | null }>('session.get');
      return view.state === 'active' ? view : undefined;
    });
    expect(active.idle?.deadline ?? 0).toBeGreaterThan(Date.now() + 200_000);

    const refused = await raw('issuance.begin');
    expect(refused.ok ? null : refused.error.code).toBe('notAvailable');

    const receiptsBefore = sims().receipt.printed().length;
    const r = await call<CollectionResult>('collection.collect', { taxpayerId: SHOP, invoiceType: 'ordinary-paper-1', quantity: 1 });
    expect(r.outcome).toBe('completed');
    const receipt = await waitFor(() => sims().receipt.printed()[receiptsBefore]);
    // The title line as the printer decoded it (centred).
    const title = receipt.lines[0]?.trim();
    expect(title).toBe('发票领用凭条（试点）');
    expect(title).not.toBe(translate('zh-CN', 'receipt.collection.title'));
    await call('sim.idcard.lift');
  }, 40_000);
});
