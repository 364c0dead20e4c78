import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/host/db/database';
import { createLogger } from '../../../electron/host/logger';
import { LogRateLimiter } from '../../../electron/host/log-rate-limit';
import { prepareDataDir } from '../../../electron/host/data-dir';

/**
 * Issue 14 items 3 and 7: the log is rotated by size with a cap on the total,
 * and the data dir (0700), the database and the logs (0600) are the kiosk
 * user's alone.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'log-modes-'));
  dirs.push(d);
  return d;
}
const mode = (p: string) => fs.statSync(p).mode & 0o777;

function logBytes(dir: string): number {
  return fs.readdirSync(path.join(dir, 'logs')).reduce((sum, f) => sum + fs.statSync(path.join(dir, 'logs', f)).size, 0);
}

describe('log rotation (issue 14)', () => {
  it('keeps the logs under (keep + 1) × max file size however much is written, the live file always kiosk.log', () => {
    const dir = tmp();
    const log = createLogger({ dataDir: dir, rotation: { maxFileBytes: 64 * 1024, keepFiles: 3 } });
    for (let i = 0; i < 20_000; i++) log.info({ event: 'noise', i, pad: 'x'.repeat(100) }, 'a line');
    log.info({ event: 'last' }, 'the newest line');
    log.flush();
    const files = fs.readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2', 'kiosk.log.3']);
    expect(logBytes(dir)).toBeLessThanOrEqual(4 * 64 * 1024);
    for (const f of files) expect(fs.statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(64 * 1024);
    // Newest in kiosk.log, whole JSON lines everywhere (a rotation never cuts a line).
    expect(fs.readFileSync(path.join(dir, 'logs', 'kiosk.log'), 'utf8')).toContain('"event":"last"');
    for (const f of files) {
      for (const line of fs
        .readFileSync(path.join(dir, 'logs', f), 'utf8')
        .trim()
        .split('\n'))
        expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it('continues the size count of a kiosk.log left by the last run', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'logs'));
    fs.writeFileSync(path.join(dir, 'logs', 'kiosk.log'), `${JSON.stringify({ old: 'x'.repeat(60 * 1024) })}\n`);
    const log = createLogger({ dataDir: dir, rotation: { maxFileBytes: 64 * 1024, keepFiles: 1 } });
    log.info({ pad: 'y'.repeat(8 * 1024) }, 'pushes it over');
    log.flush();
    expect(fs.readFileSync(path.join(dir, 'logs', 'kiosk.log.1'), 'utf8')).toContain('"old"');
    expect(fs.readFileSync(path.join(dir, 'logs', 'kiosk.log'), 'utf8')).toContain('pushes it over');
  });

  it('the rate limiter writes a burst per key and window, then says how many it left out', () => {
    let now = 0;
    const limiter = new LogRateLimiter({ burst: 3, windowMs: 1000, now: () => now });
    const written = Array.from({ length: 100 }, () => limiter.take('refused:token')).filter((v) => v.write);
    expect(written).toHaveLength(3);
    expect(limiter.take('refused:origin')).toEqual({ write: true, suppressed: 0 });
    now = 1000;
    expect(limiter.take('refused:token')).toEqual({ write: true, suppressed: 97 });
  });

  it('tracks a bounded number of keys (a peer inventing reasons cannot grow memory)', () => {
    const limiter = new LogRateLimiter({ burst: 1, maxKeys: 4 });
    const written = Array.from({ length: 1000 }, (_, i) => limiter.take(`k${i}`)).filter((v) => v.write);
    // 4 tracked keys + the shared overflow bucket.
    expect(written).toHaveLength(5);
  });
});

describe('file modes (issue 14)', () => {
  it('makes the data dir 0700 and the database, its WAL and the logs 0600, also when they existed looser', () => {
    const dir = path.join(tmp(), 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    prepareDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    const db = openDatabase(dir);
    db.prepare('CREATE TABLE IF NOT EXISTS t (x)').run();
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('kiosk.sqlite'))) expect(mode(path.join(dir, f)), f).toBe(0o600);
    db.close();
    const log = createLogger({ dataDir: dir });
    log.info('x');
    log.flush();
    expect(mode(path.join(dir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dir, 'logs', 'kiosk.log'))).toBe(0o600);
  });
});
