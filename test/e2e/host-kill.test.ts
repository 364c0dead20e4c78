import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startKiosk, type KioskProcess } from '../support/kiosk-process';

/**
 * Issue 14 item 2: however the host ends — SIGKILL, an uncaught exception, a
 * native abort — the simulators' socat and the kiosk browser it started end
 * with it (setpriv --pdeathsig, devices/process/tethered-spawn.ts). SIGTERM
 * (a clean stop) is test/e2e/shutdown.test.ts.
 *
 * The browser is Debian's real Chromium, headless (this machine has no
 * display): a stand-in executable adds --headless to the kiosk's own flags,
 * so the browser loads the boot page, reaches the UI and connects the bridge
 * before the host is killed.
 */
const tmpRoots: string[] = [];
afterAll(() => {
  for (const dir of tmpRoots) fs.rmSync(dir, { recursive: true, force: true });
});

/** Processes whose command line contains `needle` (socat names its PTY links, Chromium its profile dir). */
function processesWith(needle: string, prefix?: RegExp): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = /^State:\s+(\w)/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (state === 'Z') continue; // a zombie has ended; only its exit status waits for a reaper
      if (cmdline.includes(needle) && (!prefix || prefix.test(cmdline))) found.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return probe();
}

interface Started {
  kiosk: KioskProcess;
  tmp: string;
  profile: string;
}

async function startWithBrowser(): Promise<Started> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-kill-'));
  tmpRoots.push(tmp);
  const fake = path.join(tmp, 'chromium-headless');
  fs.writeFileSync(fake, '#!/bin/sh\nexec /usr/bin/chromium --headless=new --disable-gpu --use-gl=swiftshader "$@"\n', { mode: 0o755 });
  const kiosk = await startKiosk(
    {},
    30_000,
    // A display name is enough for the kiosk to open its window; this machine runs as root, which the kiosk refuses without the opt-in.
    { TMPDIR: tmp, DISPLAY: ':99', KIOSK_CHROMIUM: fake, KIOSK_CHROMIUM_NO_SANDBOX: '1' },
    { openWindow: true, nodeArgs: ['--require', path.join(ROOT, 'test/support/crash-on-signal.cjs')] },
  );
  const profile = path.join(kiosk.dataDir, 'chromium-profile');
  const log = path.join(kiosk.dataDir, 'logs', 'kiosk.log');
  // Up: three socat PTY pairs, and the browser has reached the UI and connected the bridge.
  const up = await until(
    () => processesWith(tmp, /^socat/).length >= 3 && fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('"bridge.connected"'),
    30_000,
  );
  expect(up, `socat: ${processesWith(tmp, /^socat/).length}, browser: ${processesWith(profile).length}\n${kiosk.stdout()}`).toBe(true);
  expect(processesWith(profile).length).toBeGreaterThan(0);
  return { kiosk, tmp, profile };
}

async function expectNoChildLeft(started: Started, exited: Promise<unknown>): Promise<void> {
  await exited;
  const gone = await until(() => processesWith(started.tmp, /^socat/).length === 0 && processesWith(started.profile).length === 0, 10_000);
  const left = [...processesWith(started.tmp, /^socat/), ...processesWith(started.profile)];
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL'); // do not leak into the next test
    } catch {
      /* gone */
    }
  }
  expect(
    gone,
    `left behind: ${left.map((pid) => `${pid} ${fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').slice(0, 80) : ''}`).join('; ')}`,
  ).toBe(true);
  await started.kiosk.stop();
}

describe('no child outlives the host (issue 14)', () => {
  it('SIGKILL: the simulators and the kiosk browser end with the host', async () => {
    const started = await startWithBrowser();
    const exited = new Promise((resolve) => started.kiosk.child.once('exit', resolve));
    started.kiosk.child.kill('SIGKILL');
    await expectNoChildLeft(started, exited);
  }, 90_000);

  it('an uncaught exception: the same', async () => {
    const started = await startWithBrowser();
    const exited = new Promise<number | null>((resolve) => started.kiosk.child.once('exit', (code) => resolve(code)));
    started.kiosk.child.kill('SIGUSR2');
    expect(await exited).not.toBe(0);
    expect(started.kiosk.stdout()).toContain('injected crash');
    await expectNoChildLeft(started, exited);
  }, 90_000);

  it('a native abort (SIGABRT): the same', async () => {
    const started = await startWithBrowser();
    const exited = new Promise((resolve) => started.kiosk.child.once('exit', resolve));
    started.kiosk.child.kill('SIGABRT');
    await expectNoChildLeft(started, exited);
  }, 90_000);
});
