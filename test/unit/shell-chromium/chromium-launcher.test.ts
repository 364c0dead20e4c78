import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/host/logger';
import { ChromiumWindow, chromiumArgs, writeBootPage } from '../../../electron/shell-chromium/chromium-launcher';
import { bridgeClients } from '../../../electron/shell-chromium/run-chromium-shell';
import { tetheredCommand } from '../../../devices/process/tethered-spawn';

/**
 * Issue 14 items 1 and 8: the bridge token never travels on Chromium's
 * command line (readable by every local user in /proc/PID/cmdline), and the
 * kiosk browser never runs as root without its sandbox unless explicitly
 * allowed (a test or developer shell).
 */
const TOKEN = 'tok-THIS-MUST-NOT-BE-IN-ARGV';
const UI_URL = `http://127.0.0.1:5555/#token=${TOKEN}`;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-'));
  dirs.push(d);
  return d;
}

async function until(probe: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!probe() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return probe();
}

describe('the kiosk browser launch', () => {
  it('writes the token into a 0600 boot page in a 0700 folder, never into the arguments', () => {
    const runDir = path.join(tmp(), 'run');
    const file = writeBootPage(runDir, UI_URL);
    expect(fs.statSync(runDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain(`location.replace(${JSON.stringify(UI_URL)})`);
    const args = chromiumArgs(`file://${file}`, '/tmp/profile', false);
    expect(args.join(' ')).not.toContain(TOKEN);
    expect(args).toContain(`--app=file://${file}`);
    expect(args).not.toContain('--no-sandbox');
  });

  it('refuses root without the sandbox unless the caller allows it explicitly', () => {
    expect(() => chromiumArgs('file:///b.html', '/tmp/p', true)).toThrow(/root without its sandbox/);
    expect(chromiumArgs('file:///b.html', '/tmp/p', true, true)).toContain('--no-sandbox');
  });

  it('starts the browser tethered, with the boot page as its only URL, and removes the page once it is used', async () => {
    const dir = tmp();
    const argvFile = path.join(dir, 'argv');
    // A stand-in browser: records its command line and waits.
    const fake = path.join(dir, 'fake-chromium');
    fs.writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > ${argvFile}\nexec sleep 60\n`, { mode: 0o755 });
    const runDir = path.join(dir, 'run');
    const window = new ChromiumWindow({
      executable: fake,
      uiUrl: UI_URL,
      runDir,
      args: (appUrl) => chromiumArgs(appUrl, path.join(dir, 'profile'), false),
      log: silentLogger(),
    });
    window.open();
    try {
      expect(await until(() => fs.existsSync(argvFile) && fs.readFileSync(argvFile, 'utf8').includes('--app='))).toBe(true);
      const argv = fs.readFileSync(argvFile, 'utf8');
      expect(argv).not.toContain(TOKEN);
      const pid = window.pid();
      expect(pid).not.toBeNull();
      // Through setpriv, the process in /proc carries no token either.
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(TOKEN);
      const appUrl = /--app=(\S+)/.exec(argv)?.[1] ?? '';
      const boot = fileURLToPath(appUrl);
      expect(fs.readFileSync(boot, 'utf8')).toContain(TOKEN);
      window.forgetBootPage();
      expect(fs.existsSync(boot)).toBe(false);
    } finally {
      window.close();
    }
  });

  it('wraps a child in setpriv --pdeathsig KILL when setpriv exists', () => {
    expect(tetheredCommand('socat', ['-d'], '/usr/bin/setpriv')).toEqual({
      command: '/usr/bin/setpriv',
      args: ['--pdeathsig', 'KILL', '--', 'socat', '-d'],
      tethered: true,
    });
    expect(tetheredCommand('socat', ['-d'], null)).toEqual({ command: 'socat', args: ['-d'], tethered: false });
  });

  it('takes one bridge client unless the environment asks for more (tests), within 1..8', () => {
    expect(bridgeClients({})).toBe(1);
    expect(bridgeClients({ KIOSK_BRIDGE_MAX_CLIENTS: '2' })).toBe(2);
    expect(bridgeClients({ KIOSK_BRIDGE_MAX_CLIENTS: '1000' })).toBe(1);
    expect(bridgeClients({ KIOSK_BRIDGE_MAX_CLIENTS: 'x' })).toBe(1);
  });
});
