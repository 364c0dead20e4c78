import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, hostInternals } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { AuditLog } from '../../electron/host/audit/audit-log';
import { openDatabase } from '../../electron/host/db/database';
import { hashPin } from '../../electron/host/diagnostics/technician-pin';
import type { DiagEnterResult, DiagReadResult, DiagStatus } from '../../shared/contract/services/diagnostics';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';
import { kioskctl } from '../unit/host/config-fixtures';

/**
 * Diagnostics mode on the real host: the technician PIN (accepted, wrong,
 * locked, the lock surviving a restart), calls refused while closed, a visit
 * ended on entering, a test print reaching the simulated receipt printer,
 * calibration stored and used by the grid, and a bundle without personal data.
 */
const PIN = '13572468';
const PERSON_ID = '11010519491231002X';
const PERSON_NAME = '测试甲';

let dataDir: string;
let host: KioskHost;
const { call, raw } = hostCalls(() => host);
// A cheap scrypt cost: the format and the lockout are under test, not the KDF.
const pinHash = hashPin(PIN, { N: 1 << 10, r: 8, p: 1 });

async function start(): Promise<KioskHost> {
  const h = await createHost({ dataDir, shell: 'chromium', configOverrides: { diagnostics: { pinHash, exportDirs: [] } } });
  await h.start();
  return h;
}
const enter = (pin: string) => call<DiagEnterResult>('diag.enter', { pin });
const sims = () => {
  const s = hostInternals(host).simulators();
  if (!s) throw new Error('no simulators');
  return s;
};
function auditKinds(): string[] {
  const db = openDatabase(dataDir);
  try {
    return new AuditLog(db).tail(200).map((e) => e.kind);
  } finally {
    db.close();
  }
}
async function printersReady(): Promise<void> {
  await waitFor(async () => {
    const s = await call<{ receipt: { device: string }; invoice: { device: string } }>('devices.status');
    return s.receipt.device === 'online' && s.invoice.device === 'online' ? true : undefined;
  });
}

/** File names and texts of a .tar.gz (ustar, regular files). */
function untar(file: string): Map<string, string> {
  const bytes = gunzipSync(fs.readFileSync(file));
  const files = new Map<string, string>();
  for (let at = 0; at + 512 <= bytes.length;) {
    const name = bytes
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (name === '') break;
    const size = parseInt(
      bytes
        .subarray(at + 124, at + 136)
        .toString('ascii')
        .replace(/\0.*$/s, '')
        .trim(),
      8,
    );
    files.set(name, bytes.subarray(at + 512, at + 512 + size).toString('utf8'));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-'));
  host = await start();
  await printersReady();
}, 30_000);
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('diagnostics mode on the host', () => {
  it('refuses every diagnostics call until a PIN opened it', async () => {
    for (const method of ['diag.status', 'diag.testPrint', 'diag.grid', 'diag.exportTargets']) {
      const r = await raw(method, {});
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('notAvailable');
    }
    const r = await raw('diag.calibrate', { dxMm: 1, dyMm: 1 });
    expect(r.ok).toBe(false);
  });

  it('ends the visit on entering, and a card on the reader does not start one while open', async () => {
    await call('sim.idcard.place', { profile: 'resident' });
    await waitFor(async () => ((await call<{ state: string }>('session.get')).state === 'active' ? true : undefined));
    expect(await enter(PIN)).toEqual({ outcome: 'accepted', demoPin: false });
    expect((await call<{ state: string }>('session.get')).state).toBe('idle');
    await call('sim.idcard.lift');
    await waitFor(async () => ((await call<{ idcard: { media: string } }>('devices.status')).idcard.media === 'notPresent' ? true : undefined));
    // A test read: the card goes to diagnostics, shown masked, and no visit starts.
    const read = raw('diag.testRead', { waitMs: 8000 });
    await new Promise((r) => setTimeout(r, 200));
    await call('sim.idcard.place', { profile: 'resident' });
    const result = await read;
    expect(result.ok).toBe(true);
    const value = (result as { value: DiagReadResult }).value;
    expect(value).toMatchObject({ outcome: 'read', cardType: 'resident', accepted: true });
    if (value.outcome === 'read') expect(value.maskedId).not.toBe(PERSON_ID);
    expect((await call<{ state: string }>('session.get')).state).toBe('idle');
    await call('sim.idcard.lift');
    const kinds = auditKinds();
    expect(kinds).toContain('diagnostics.enter');
    expect(kinds).toContain('session.end');
  }, 30_000);

  it('shows the devices with their ports and frames, the outbox and the config version', async () => {
    const status = await call<DiagStatus>('diag.status');
    expect(status.devices.map((d) => d.id)).toEqual(['idcard', 'receipt', 'invoice', 'a4']);
    const reader = status.devices[0]!;
    expect(reader.port).toBeTruthy();
    expect(reader.frames.length).toBeGreaterThan(0);
    // No frame keeps the card's text: the read answer's bytes are cut to header and status word.
    expect(JSON.stringify(status)).not.toContain(PERSON_ID);
    expect(JSON.stringify(status)).not.toContain(PERSON_NAME);
    for (const frame of reader.frames) expect(frame.hex.replace(/[ …]/g, '').length).toBeLessThanOrEqual(32);
    expect(status.outbox.authorities.map((a) => a.authority).sort()).toEqual(['local', 'national']);
    expect(status.config.version).toBe(0);
    expect(status.backend.transport).toBe('sandbox');
    expect(status.simulators).toBe(true);
  });

  it('prints a receipt test page on the simulated receipt printer', async () => {
    const before = sims().receipt.printed().length;
    const r = await call<{ ok: boolean }>('diag.testPrint', { printer: 'receipt' });
    expect(r.ok).toBe(true);
    expect(sims().receipt.printed().length).toBe(before + 1);
  }, 20_000);

  it('stores a calibration and prints the grid with it', async () => {
    const minX = () =>
      Math.min(
        ...sims()
          .invoice.pages()
          .at(-1)!
          .runs.map((run) => run.xMm),
      );
    const first = await call<{ print: { ok: boolean }; calibration: { dxMm: number } }>('diag.grid');
    expect(first.print.ok).toBe(true);
    expect(first.calibration.dxMm).toBe(0);
    const x0 = minX();
    const cal = await call<{ previous: { dxMm: number }; current: { dxMm: number; dyMm: number } }>('diag.calibrate', { dxMm: 1.5, dyMm: -0.5 });
    expect(cal.previous.dxMm).toBe(0);
    expect(cal.current).toMatchObject({ dxMm: 1.5, dyMm: -0.5 });
    expect((await call<DiagStatus>('diag.status')).calibration).toMatchObject({ dxMm: 1.5, dyMm: -0.5 });
    const second = await call<{ print: { ok: boolean }; calibration: { dxMm: number } }>('diag.grid');
    expect(second.calibration.dxMm).toBe(1.5);
    expect(minX() - x0).toBeCloseTo(1.5, 0);
    // Out of range or finer than 0.1 mm: refused, nothing stored.
    expect((await raw('diag.calibrate', { dxMm: 10.5, dyMm: 0 })).ok).toBe(false);
    expect((await raw('diag.calibrate', { dxMm: 0.25, dyMm: 0 })).ok).toBe(false);
    expect((await call<DiagStatus>('diag.status')).calibration.dxMm).toBe(1.5);
  }, 30_000);

  it('exports a bundle with outbox, audit and config sections and no name or ID number', async () => {
    const { targets } = await call<{ targets: { path: string; kind: string }[] }>('diag.exportTargets');
    const dataTarget = targets.find((t) => t.kind === 'data')!;
    expect((await raw('diag.exportBundle', { dir: os.tmpdir() })).ok).toBe(false);
    const written = await call<{ file: string; files: string[] }>('diag.exportBundle', { dir: dataTarget.path });
    expect(written.files).toEqual(expect.arrayContaining(['outbox.json', 'audit.json', 'config/applied.json', 'devices.json']));
    const files = untar(written.file);
    const everything = [...files.values()].join('\n');
    expect(everything).not.toContain(PERSON_ID);
    expect(everything).not.toContain(PERSON_NAME);
    expect(files.get('audit.json')).toContain('diagnostics.enter');
    expect(files.get('config/kiosk.json')).not.toContain(pinHash);
    // The device list is the scan `kioskctl devices list` makes (every serial port and HID device, what each matched), plus the open devices' live status.
    const devices = JSON.parse(files.get('devices.json') ?? '{}') as { devices: unknown[]; missing: unknown[]; live: { id: string }[] };
    const listed = await kioskctl('devices', 'list', '--json', '--data-dir', dataDir);
    expect({ devices: devices.devices, missing: devices.missing }).toEqual(listed.json());
    expect(devices.live.map((d) => d.id)).toEqual(['idcard', 'receipt', 'invoice', 'a4']);
  });

  it('loads a range of invoice forms and refuses one that overlaps it', async () => {
    const type = (await call<DiagStatus>('diag.status')).stock[0]!.type;
    const range = { type, code: '144031999901', from: '90000001', to: '90000010' };
    expect(await call('diag.stockLoad', range)).toMatchObject({ outcome: 'loaded', first: '90000001', last: '90000010' });
    expect(await call('diag.stockLoad', { ...range, from: '90000005', to: '90000020' })).toMatchObject({ outcome: 'refused', reason: 'overlap' });
    expect(auditKinds()).toContain('stock.loaded');
  });

  it('closes on exit: calls are refused again', async () => {
    await call('diag.exit');
    expect((await raw('diag.status')).ok).toBe(false);
    expect(auditKinds()).toContain('diagnostics.exit');
  });

  it('counts wrong PINs down, locks after five, and keeps the lock across a restart', async () => {
    expect(await enter('000000')).toEqual({ outcome: 'wrong', triesLeft: 4 });
    for (const left of [3, 2, 1]) expect(await enter('000000')).toEqual({ outcome: 'wrong', triesLeft: left });
    const locked = await enter('000000');
    expect(locked.outcome).toBe('locked');
    // Locked: even the right PIN is not checked.
    expect((await enter(PIN)).outcome).toBe('locked');
    const kinds = auditKinds();
    expect(kinds).toContain('diagnostics.pinRefused');
    expect(kinds).toContain('diagnostics.locked');

    await host.stop();
    host = await start();
    const after = await enter(PIN);
    expect(after.outcome).toBe('locked');
    if (after.outcome === 'locked' && locked.outcome === 'locked') expect(after.until).toBe(locked.until);
    expect((await raw('diag.status')).ok).toBe(false);
  }, 30_000);
});
