import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellFlags, resolveDataDir } from '../../../electron/shell-electron/args';

const exe = ['/opt/TaxKiosk/tax-kiosk'];
const cwd = '/home/kiosk';

describe('parseShellFlags', () => {
  it('defaults: no data dir, not dev', () => {
    expect(parseShellFlags(exe, {}, cwd)).toEqual({ dataDir: null, dev: false });
  });

  it('reads --data-dir DIR and --data-dir=DIR, resolved against cwd', () => {
    expect(parseShellFlags([...exe, '--data-dir', '/var/lib/kiosk'], {}, cwd).dataDir).toBe(path.resolve('/var/lib/kiosk'));
    expect(parseShellFlags([...exe, '--data-dir=data'], {}, cwd).dataDir).toBe(path.resolve(cwd, 'data'));
  });

  it('finds flags after Electron and the app path (development)', () => {
    const argv = ['/usr/lib/electron', '.', '--dev', '--data-dir', 'tmp'];
    expect(parseShellFlags(argv, {}, cwd)).toEqual({ dataDir: path.resolve(cwd, 'tmp'), dev: true });
  });

  it('prefers the flag to KIOSK_DATA_DIR', () => {
    const env = { KIOSK_DATA_DIR: '/srv/env-dir' };
    expect(parseShellFlags([...exe, '--data-dir', '/srv/flag-dir'], env, cwd).dataDir).toBe(path.resolve('/srv/flag-dir'));
    expect(parseShellFlags(exe, env, cwd).dataDir).toBe(path.resolve('/srv/env-dir'));
  });

  it('ignores an empty KIOSK_DATA_DIR', () => {
    expect(parseShellFlags(exe, { KIOSK_DATA_DIR: '' }, cwd).dataDir).toBeNull();
  });

  it('refuses --data-dir without a value', () => {
    expect(() => parseShellFlags([...exe, '--data-dir'], {}, cwd)).toThrow(/needs a directory/);
    expect(() => parseShellFlags([...exe, '--data-dir', '--dev'], {}, cwd)).toThrow(/needs a directory/);
    expect(() => parseShellFlags([...exe, '--data-dir='], {}, cwd)).toThrow(/needs a directory/);
  });

  it('turns dev on with --dev or KIOSK_DEV=1 only', () => {
    expect(parseShellFlags([...exe, '--dev'], {}, cwd).dev).toBe(true);
    expect(parseShellFlags(exe, { KIOSK_DEV: '1' }, cwd).dev).toBe(true);
    expect(parseShellFlags(exe, { KIOSK_DEV: '0' }, cwd).dev).toBe(false);
    expect(parseShellFlags(exe, { KIOSK_DEV: 'true' }, cwd).dev).toBe(false);
    expect(parseShellFlags([...exe, '--developer'], {}, cwd).dev).toBe(false);
  });
});

describe('resolveDataDir', () => {
  it('uses the flags when set, else the fallback (userData)', () => {
    let calls = 0;
    const fallback = () => {
      calls++;
      return '/home/kiosk/.config/TaxKiosk';
    };
    expect(resolveDataDir({ dataDir: '/var/lib/kiosk', dev: false }, fallback)).toBe('/var/lib/kiosk');
    expect(calls).toBe(0);
    expect(resolveDataDir({ dataDir: null, dev: false }, fallback)).toBe('/home/kiosk/.config/TaxKiosk');
    expect(calls).toBe(1);
  });
});
