import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDirWith(config: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kioskctl-devices-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'kiosk.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main(['devices', 'list', ...args], io);
  return { code, out, err };
}

describe('kioskctl devices list', () => {
  it('exits 1 and names the role when a configured port is not on this machine', async () => {
    const dir = dataDirWith({ devices: { mode: 'real', receiptPrinter: { port: '/dev/ttyUSB-not-here' } } });
    const r = await run(['--data-dir', dir, '--json']);
    expect(r.code).toBe(1);
    const inventory = JSON.parse(r.out[0] ?? '') as { devices: unknown[]; missing: unknown[] };
    expect(Array.isArray(inventory.devices)).toBe(true);
    expect(inventory.missing).toEqual([{ role: 'receiptPrinter', port: '/dev/ttyUSB-not-here', exists: false }]);

    const text = await run(['--data-dir', dir]);
    expect(text.code).toBe(1);
    expect(text.out.join('\n')).toContain('missing: receiptPrinter is configured on /dev/ttyUSB-not-here');
  });

  it('exits 0 when nothing is configured (the simulator default)', async () => {
    const r = await run(['--data-dir', dataDirWith({}), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0] ?? '')).toMatchObject({ missing: [] });
  });

  it('exits 2 with the reason when kiosk.json is invalid', async () => {
    const r = await run(['--data-dir', dataDirWith('{"devices": {"mode": "cloud"}}')]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/kiosk\.json is invalid/);
  });
});
