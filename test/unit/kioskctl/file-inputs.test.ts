import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/kiosk-process';
import { bundle, KIOSK, makeKey, makeKioskDir, tempDir, writeSigned, type TestKey } from '../host/config-fixtures';

/**
 * Issue 14 item 4: every file input of kioskctl is a regular file, its size
 * checked before reading, read through a capped stream; a refusal exits 2 and
 * names the limit. Run as a technician runs it — the built kioskctl in its own
 * process — under /usr/bin/time, so the test sees the peak memory: before the
 * fix `config build --in /dev/zero` grew to 16.8 GB and `config verify` read a
 * 600 MB file whole.
 */
const KIOSKCTL = path.join(ROOT, 'dist', 'kioskctl.cjs');
const MAX_RSS_KB = 200 * 1024;
let root: string;
let key: TestKey;
let dataDir: string;
let sparse: string;

beforeAll(() => {
  if (!fs.existsSync(KIOSKCTL)) throw new Error('dist/kioskctl.cjs is missing: run `npm run build` first');
  root = tempDir('kioskctl-files-');
  key = makeKey(path.join(root, 'keys'));
  dataDir = makeKioskDir(root, [key]);
  // 600 MB that take no disk: a sparse file.
  sparse = path.join(root, 'huge.json');
  fs.closeSync(fs.openSync(sparse, 'w'));
  fs.truncateSync(sparse, 600 * 1024 * 1024);
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  out: string;
  err: string;
  maxRssKb: number;
}

/** The built kioskctl under /usr/bin/time, in its own process group: a timeout kills both (time and the node it runs). */
function kioskctl(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, KIOSKCTL, ...args], {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, KIOSK_DATA_DIR: dataDir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 20_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, maxRssKb: Number(/maxrss_kb=(\d+)/.exec(err)?.[1] ?? Number.NaN) });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

function expectRefusedSmall(r: Run, limit: RegExp): void {
  expect(r.code, `${r.out}\n${r.err}`).toBe(2);
  expect(`${r.out}\n${r.err}`).toMatch(limit);
  expect(r.maxRssKb, 'peak memory of kioskctl (KB)').toBeLessThan(MAX_RSS_KB);
}

describe('kioskctl reads files within bounds (issue 14)', () => {
  it('config build --in /dev/zero: refused at once, not read', async () => {
    const r = await kioskctl(['config', 'build', '--in', '/dev/zero', '--out', path.join(root, 'b.json'), '--target', 'all']);
    expectRefusedSmall(r, /not a regular file/);
    expect(fs.existsSync(path.join(root, 'b.json'))).toBe(false);
  });

  it('config build --in a FIFO with no writer: refused, not blocked on the open', async () => {
    const fifo = path.join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await kioskctl(['config', 'build', '--in', fifo, '--out', path.join(root, 'b.json'), '--target', 'all']);
    expectRefusedSmall(r, /not a regular file \(a FIFO\)/);
  });

  it('config build --in a 600 MB file: refused by its size, the limit named', async () => {
    const r = await kioskctl(['config', 'build', '--in', sparse, '--out', path.join(root, 'b.json'), '--target', 'all']);
    expectRefusedSmall(r, /the limit is 4194304 bytes/);
  });

  it('certificate render --records /dev/zero: refused at once', async () => {
    const r = await kioskctl(['certificate', 'render', '--records', '/dev/zero', '--out', path.join(root, 'c.pdf')]);
    expectRefusedSmall(r, /not a regular file/);
  });

  it('config verify on a 600 MB file: refused without reading it whole', async () => {
    const r = await kioskctl(['config', 'verify', '--keys', path.join(root, 'keys'), sparse, '--json']);
    expectRefusedSmall(r, /the limit is 4194304 bytes/);
    expect(JSON.parse(r.out)).toMatchObject({ refused: { reason: 'malformed' } });
  });

  it('config apply on a 600 MB file: refused unread, and the refusal is in the audit trail', async () => {
    const r = await kioskctl(['config', 'apply', sparse, '--json']);
    expectRefusedSmall(r, /the limit is 4194304 bytes/);
    const tail = await kioskctl(['audit', 'tail', '--json']);
    expect(tail.out).toContain('config.refused');
  });

  it('config publish on a 600 MB file: refused before any broker is asked', async () => {
    const r = await kioskctl(['config', 'publish', sparse, '--amqp', 'amqp://127.0.0.1:1']);
    expectRefusedSmall(r, /the limit is 4194304 bytes/);
  });

  it('a valid signed bundle still verifies and applies through the same reader', async () => {
    const signed = writeSigned(path.join(root, 'ok.signed.json'), bundle({ version: 5 }), key);
    const v = await kioskctl(['config', 'verify', '--keys', path.join(root, 'keys'), '--kiosk', KIOSK.kioskId, '--branch', KIOSK.branchId, signed]);
    expect(v.code, v.err).toBe(0);
    const a = await kioskctl(['config', 'apply', signed]);
    expect(a.code, a.err).toBe(0);
  });

  it('diag pin-hash < an endless line: refused (64) after a bounded read', async () => {
    const r = await kioskctl(['diag', 'pin-hash'], '1'.repeat(5 * 1024 * 1024));
    expect(r.code).toBe(64);
    expect(r.maxRssKb).toBeLessThan(MAX_RSS_KB);
  });
});
