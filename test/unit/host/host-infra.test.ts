import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocalConfig, ConfigError } from '../../../electron/host/local-config';
import { createLogger } from '../../../electron/host/logger';
import { openDatabase, migrate, DATABASE_FILE } from '../../../electron/host/db/database';
import { migrations } from '../../../electron/host/db/migrations';
import { resolveDataDir } from '../../../electron/host/data-dir';

const dirs: string[] = [];
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('data directory', () => {
  it('takes --data-dir, then KIOSK_DATA_DIR, then the app data folder', () => {
    expect(resolveDataDir('/a/b', { KIOSK_DATA_DIR: '/c' })).toBe('/a/b');
    expect(resolveDataDir(undefined, { KIOSK_DATA_DIR: '/c' })).toBe('/c');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/x' })).toBe(path.join('/x', 'tax-kiosk'));
  });
});

describe('local config', () => {
  it('uses defaults when kiosk.json is absent: Chinese, simulators, 90 s idle with a 15 s countdown', () => {
    const config = loadLocalConfig(tmp());
    expect(config.lang).toBe('zh-CN');
    expect(config.devices.mode).toBe('sim');
    expect(config.session).toMatchObject({ idleTimeoutMs: 90_000, idleWarnMs: 15_000 });
  });

  it('reads kiosk.json and lets overrides win', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({ kioskId: 'K-42', session: { idleTimeoutMs: 60_000 } }));
    const config = loadLocalConfig(dir, { lang: 'en' });
    expect(config).toMatchObject({ kioskId: 'K-42', lang: 'en', session: { idleTimeoutMs: 60_000, idleWarnMs: 15_000 } });
  });

  it('refuses a broken or invalid kiosk.json with the file named, not a crash later', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'kiosk.json'), '{ nope');
    expect(() => loadLocalConfig(dir)).toThrow(ConfigError);
    fs.writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({ kioskId: '../etc', unknown: 1 }));
    expect(() => loadLocalConfig(dir)).toThrow(/kiosk\.json is invalid: .*kioskId/);
  });
});

describe('logger', () => {
  it('writes JSON lines with names, addresses and ID numbers removed', () => {
    const dir = tmp();
    const log = createLogger({ dataDir: dir });
    log.info({ card: { name: '张三', idNumber: '11010519491231002X' }, name: '李四', cardType: 'resident' }, 'read');
    log.warn('failed for 11010519491231002X at reader');
    log.info({ detail: 'number 11010519491231002X' }, 'x');
    log.flush();
    const text = fs.readFileSync(path.join(dir, 'logs', 'kiosk.log'), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ cardType: 'resident', msg: 'read' });
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('李四');
    expect(text).toContain('110105********002X');
  });
});

describe('database', () => {
  it('opens in WAL with synchronous=FULL and applies migrations once', () => {
    const dir = tmp();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(migrate(db, migrations)).toEqual([]);
    db.close();
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
  });

  it('rolls back a failing migration whole and leaves it unapplied', () => {
    const db = openDatabase(tmp());
    const bad = { version: 99, name: 'bad', sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM missing_table;' };
    expect(() => migrate(db, [bad])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version = 99').get()).toBeUndefined();
    db.close();
  });
});
