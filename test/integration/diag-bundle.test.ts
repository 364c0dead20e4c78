import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { CARD_PROFILES } from '../../devices/simulators/idcard/profiles';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/**
 * The diagnostics bundle after real visits: every card profile's name,
 * ID number and address must be absent from every file of the bundle.
 */
let host: KioskHost;
const { call } = hostCalls(() => host);
let dataDir: string;
let outDir: string;

async function waitForState(state: string): Promise<void> {
  await waitFor(async () => (await call<{ state: string }>('session.get')).state === state, 8000, `session ${state}`);
}

async function kioskctl(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main(args, io);
  return { code, out, err };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-'));
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-usb-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  await host.start();
  // Several people visit: their names and numbers pass through the reader, the session and the logs.
  for (const profile of ['resident', 'resident-long-term', 'hk-macau-taiwan', 'foreign-2017', 'foreign-2023']) {
    await call('sim.idcard.place', { profile });
    await waitForState('active');
    await call('taxpayers.list');
    await call('sim.idcard.lift');
    await waitForState('idle');
  }
}, 60_000);

afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('kioskctl diag bundle', () => {
  it('writes a named bundle onto a folder (a USB stick) that the system tar opens, with the parts a technician needs', async () => {
    const r = await kioskctl(['diag', 'bundle', '--out', outDir, '--data-dir', dataDir, '--json']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const written = JSON.parse(r.out[0] ?? '') as { file: string; bytes: number; files: string[] };
    expect(path.basename(written.file)).toMatch(/^diag-KIOSK-DEV-0001-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(fs.readdirSync(outDir)).toEqual([path.basename(written.file)]);
    expect(written.files).toEqual(
      expect.arrayContaining(['manifest.json', 'config/kiosk.json', 'devices.json', 'stock.json', 'transactions.json', 'logs/kiosk.log']),
    );
    const extracted = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-x-'));
    try {
      execFileSync('tar', ['-xzf', written.file, '-C', extracted]);
      const manifest = JSON.parse(fs.readFileSync(path.join(extracted, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest).toMatchObject({ bundle: 'tax-kiosk diagnostics', kioskId: 'KIOSK-DEV-0001', problems: [] });
      expect(fs.readFileSync(path.join(extracted, 'logs/kiosk.log'), 'utf8')).toMatch(/"event":"session\./);
      // The device list is the same scan as `kioskctl devices list` (every serial port and HID device, what each matched).
      const listed = await kioskctl(['devices', 'list', '--json', '--data-dir', dataDir]);
      expect(JSON.parse(fs.readFileSync(path.join(extracted, 'devices.json'), 'utf8'))).toEqual(JSON.parse(listed.out[0] ?? ''));

      // Scan every file for every simulated person's personal data.
      const files = execFileSync('find', [extracted, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
      const everything = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      for (const profile of Object.values(CARD_PROFILES)) {
        expect(everything, 'an ID number').not.toContain(profile.idNumber);
        expect(everything, 'a name').not.toContain(profile.name);
        if ('address' in profile) expect(everything, 'an address').not.toContain(profile.address);
        if ('englishName' in profile) expect(everything, 'an English name').not.toContain(profile.englishName);
      }
      expect(everything).not.toMatch(/(?<![0-9A-Za-z])\d{17}[0-9X](?![0-9A-Za-z])/);
    } finally {
      fs.rmSync(extracted, { recursive: true, force: true });
    }
  });

  it('says why and exits 1 when the target cannot be written, leaving no half file', async () => {
    const r = await kioskctl(['diag', 'bundle', '--out', path.join(outDir, 'no-such-folder', 'b.tar.gz'), '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/could not write the bundle: .*ENOENT/);
  });

  it('is a usage error without --out', async () => {
    expect((await kioskctl(['diag', 'bundle', '--data-dir', dataDir])).code).toBe(64);
  });
});
