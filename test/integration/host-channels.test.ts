import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import type { LocalConfig } from '../../shared/config/local-config';
import { simulatorMethods, type Result } from '../../shared/contract';
import { DEMO_TECHNICIAN_PIN, type DiagReadResult } from '../../shared/contract/services/diagnostics';

/**
 * The contract by channel: the simulator's methods exist only on a kiosk in
 * simulator mode, and a long call (`diag.testRead`) ends when its caller's
 * signal aborts, when diagnostics closes, or when the host stops. The hosts
 * here are made but their devices never started: no call below needs them.
 */
const hosts: { host: KioskHost; dataDir: string; stopped: boolean }[] = [];

async function makeHost(mode: 'sim' | 'real'): Promise<KioskHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-channels-${mode}-`));
  const host = await createHost({ dataDir, shell: 'chromium', configOverrides: { devices: { mode } } as Partial<LocalConfig> });
  hosts.push({ host, dataDir, stopped: false });
  return host;
}

afterEach(async () => {
  for (const entry of hosts.splice(0)) {
    if (!entry.stopped) await entry.host.stop();
    fs.rmSync(entry.dataDir, { recursive: true, force: true });
  }
});

const ctx = { shell: 'test' } as const;
const SIM_CALLS: Record<keyof typeof simulatorMethods, unknown> = {
  'sim.idcard.profiles': {},
  'sim.idcard.place': { profile: 'resident' },
  'sim.idcard.lift': {},
  'sim.printer.setState': { printer: 'receipt', state: 'paper-out' },
  'sim.payment.confirm': {},
  'sim.printers.output': {},
};

async function openDiagnostics(host: KioskHost): Promise<void> {
  expect(await host.router.call('diag.enter', { pin: DEMO_TECHNICIAN_PIN }, ctx)).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
}

function readResult(result: Result<unknown>): DiagReadResult {
  if (!result.ok) throw new Error(`diag.testRead: ${result.error.code}`);
  return result.value as DiagReadResult;
}

describe('the simulator channel', () => {
  it('does not exist on a real kiosk: every sim.* call is an unknown method', async () => {
    const host = await makeHost('real');
    for (const [method, payload] of Object.entries(SIM_CALLS)) {
      expect({ method, result: await host.router.call(method, payload, ctx) }).toMatchObject({
        method,
        result: { ok: false, error: { code: 'unknownMethod' } },
      });
    }
    expect(await host.router.call('app.info', {}, ctx)).toMatchObject({ ok: true, value: { simulators: false } });
    expect(await host.router.call('session.get', {}, ctx)).toMatchObject({ ok: true, value: { state: 'idle' } });
  });

  it('is there on a simulator kiosk (refused only while the simulators are not running)', async () => {
    const host = await makeHost('sim');
    expect(await host.router.call('sim.idcard.profiles', {}, ctx)).toMatchObject({ ok: false, error: { code: 'notAvailable' } });
    expect(await host.router.call('app.info', {}, ctx)).toMatchObject({ ok: true, value: { simulators: true } });
  });
});

describe('diag.testRead ends when it should, not when a waiter is released by hand', () => {
  it('ends with noCard as soon as the caller’s signal aborts', async () => {
    const host = await makeHost('sim');
    await openDiagnostics(host);
    const caller = new AbortController();
    const read = host.router.call('diag.testRead', { waitMs: 30_000 }, { shell: 'test', signal: caller.signal });
    setTimeout(() => caller.abort(), 50);
    expect(readResult(await read)).toEqual({ outcome: 'noCard' });
  });

  it('ends with noCard when diagnostics closes', async () => {
    const host = await makeHost('sim');
    await openDiagnostics(host);
    const read = host.router.call('diag.testRead', { waitMs: 30_000 }, ctx);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await host.router.call('diag.exit', {}, ctx)).toEqual({ ok: true, value: {} });
    expect(readResult(await read)).toEqual({ outcome: 'noCard' });
  });

  it('ends with noCard when the host stops', async () => {
    const host = await makeHost('sim');
    await openDiagnostics(host);
    const read = host.router.call('diag.testRead', { waitMs: 30_000 }, ctx);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const entry = hosts.find((h) => h.host === host);
    if (entry) entry.stopped = true;
    await host.stop();
    expect(readResult(await read)).toEqual({ outcome: 'noCard' });
  });
});
