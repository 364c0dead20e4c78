import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnTethered } from '../../devices/process/tethered-spawn';
import type { Logger } from '../host/logger';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const list = env.KIOSK_CHROMIUM ? [env.KIOSK_CHROMIUM, ...CANDIDATES] : CANDIDATES;
  return list.find((p) => fs.existsSync(p)) ?? null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Flags for a kiosk window: full screen, no UI chrome, no pinch or swipe
 * navigation, no calls home (the branch network is closed).
 *
 * `appUrl` is the boot page's file:// URL (writeBootPage), never the UI URL
 * with its token: a command line is readable by every local user in
 * /proc/PID/cmdline. `--no-sandbox` only where Chromium refuses to start
 * without it (as root), and never in the packaged kiosk, which runs the
 * browser as its own unprivileged user (build/deb/tax-kiosk.service);
 * `allowRootWithoutSandbox` is set by the caller only outside a package
 * (a developer's or a test's root shell).
 */
export function chromiumArgs(appUrl: string, profileDir: string, isRoot: boolean, allowRootWithoutSandbox = false): string[] {
  if (isRoot && !allowRootWithoutSandbox) {
    throw new Error('refusing to run the kiosk browser as root without its sandbox: run the kiosk as an unprivileged user (the packaged unit does)');
  }
  return [
    '--kiosk',
    `--app=${appUrl}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--disable-translate',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    // Chromium refuses to run as root with its sandbox on.
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

/**
 * The page Chromium opens first: a file in the data dir's `run/` folder
 * (0700, file 0600, so only the kiosk's own user can read it) that replaces
 * itself at once with the UI URL, token in the fragment. The token reaches
 * the browser without ever being on a command line. Returns the file's path.
 */
export function writeBootPage(runDir: string, uiUrl: string): string {
  fs.mkdirSync(runDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(runDir, 0o700);
  const file = path.join(runDir, `boot-${crypto.randomBytes(8).toString('hex')}.html`);
  const js = JSON.stringify(uiUrl).replace(/</g, '\\u003c');
  const attr = uiUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${attr}"><title>kiosk</title><script>location.replace(${js})</script>\n`;
  fs.writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  return file;
}

function removeQuiet(file: string | null): void {
  if (file === null) return;
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* gone already */
  }
}

export interface ChromiumWindowOptions {
  executable: string;
  /** The UI URL with its token (`UiServer.url`): written to the boot page, never to argv. */
  uiUrl: string;
  /** Where boot pages go: `<dataDir>/run`. */
  runDir: string;
  /** Chromium's flags for a given --app URL (chromiumArgs). */
  args: (appUrl: string) => string[];
  log: Logger;
}

/** Keeps one kiosk window open: restarts Chromium if it exits, with a back-off. */
export class ChromiumWindow {
  private child: ChildProcess | null = null;
  private stopped = false;
  private restarts = 0;
  private bootFile: string | null = null;

  constructor(private readonly options: ChromiumWindowOptions) {}

  open(): void {
    if (this.stopped) return;
    this.forgetBootPage();
    const boot = writeBootPage(this.options.runDir, this.options.uiUrl);
    this.bootFile = boot;
    // Tethered: the browser dies with the host however the host ends (crash, SIGKILL).
    const { child, tethered } = spawnTethered(this.options.executable, this.options.args(pathToFileURL(boot).href), { stdio: 'ignore' });
    if (!tethered) this.options.log.warn({ event: 'chromium.untethered' }, 'setpriv not found: the browser may outlive a crashed host');
    this.child = child;
    child.on('error', (error) => this.options.log.error({ event: 'chromium.spawnFailed', err: error }, 'cannot start the kiosk browser'));
    child.on('exit', (code, signal) => {
      this.child = null;
      if (this.bootFile === boot) this.forgetBootPage();
      if (this.stopped) return;
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.restarts++, 5));
      this.options.log.warn({ event: 'chromium.exit', code, signal, restartInMs: delay }, 'kiosk window closed; reopening');
      setTimeout(() => this.open(), delay).unref();
    });
  }

  /** The page has connected: its boot page (which holds the token) is no longer needed on disk. */
  forgetBootPage(): void {
    removeQuiet(this.bootFile);
    this.bootFile = null;
  }

  /** The process id of the browser (tests), or null while none runs. */
  pid(): number | null {
    return this.child?.pid ?? null;
  }

  close(): void {
    this.stopped = true;
    this.child?.kill('SIGTERM');
    this.forgetBootPage();
  }
}

export function profileDirFor(dataDir: string): string {
  return path.join(dataDir, 'chromium-profile');
}

export function runDirFor(dataDir: string): string {
  return path.join(dataDir, 'run');
}
