import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14 item 8: the packaged kiosk (and so any browser it starts) runs as
 * an unprivileged user in a hardened systemd unit shipped in the .deb.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const UNIT = path.join(ROOT, 'build', 'systemd', 'tax-kiosk.service');

function directives(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    map.set(m[1], [...(map.get(m[1]) ?? []), m[2] ?? '']);
  }
  return map;
}

describe('the kiosk systemd unit', () => {
  const unit = directives(fs.readFileSync(UNIT, 'utf8'));
  const one = (key: string) => unit.get(key)?.[0];

  it('runs as its own unprivileged user, with no way to gain privileges and a read-only system but its data dir', () => {
    expect(one('User')).toBe('taxkiosk');
    expect(one('User')).not.toBe('root');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    const dataDir = /--data-dir (\S+)/.exec(one('ExecStart') ?? '')?.[1];
    expect(dataDir).toBe('/var/lib/tax-kiosk');
    expect(one('ReadWritePaths')).toBe(dataDir);
    expect(one('StateDirectoryMode')).toBe('0700');
    expect(one('UMask')).toBe('0077');
    // Every process the kiosk started ends with the unit (issue 14 item 2 for the packaged kiosk).
    expect(one('KillMode')).toBe('control-group');
    expect(one('ExecStart')).not.toContain('--no-sandbox');
  });

  it('ships in the .deb and is installed, with its user, by the postinst', () => {
    const config = yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { extraResources: { from: string; to: string }[] };
    expect(config.extraResources).toContainEqual({ from: 'build/systemd/tax-kiosk.service', to: 'systemd/tax-kiosk.service' });
    const postinst = fs.readFileSync(path.join(ROOT, 'build', 'deb', 'after-install.sh'), 'utf8');
    expect(postinst).toContain('resources/systemd/tax-kiosk.service');
    expect(postinst).toMatch(/useradd --system .* taxkiosk/);
    expect(fs.readFileSync(path.join(ROOT, 'build', 'deb', 'after-remove.sh'), 'utf8')).toContain('rm -f /lib/systemd/system/tax-kiosk.service');
  });

  it('passes systemd-analyze verify (but for the binary, which only the installed package has)', () => {
    const r = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    if (r.error) return; // no systemd tools on this machine
    const problems = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/is not executable: No such file or directory/.test(l));
    expect(problems).toEqual([]);
  });
});
