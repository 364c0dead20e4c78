import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
 */
export function chromiumArgs(url: string, profileDir: string, isRoot: boolean): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
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

/** Keeps one kiosk window open: restarts Chromium if it exits, with a back-off. */
export class ChromiumWindow {
  private child: ChildProcess | null = null;
  private stopped = false;
  private restarts = 0;

  constructor(
    private readonly executable: string,
    private readonly args: string[],
    private readonly log: Logger,
  ) {}

  open(): void {
    if (this.stopped) return;
    const child = spawn(this.executable, this.args, { stdio: 'ignore' });
    this.child = child;
    child.on('exit', (code, signal) => {
      this.child = null;
      if (this.stopped) return;
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.restarts++, 5));
      this.log.warn({ event: 'chromium.exit', code, signal, restartInMs: delay }, 'kiosk window closed; reopening');
      setTimeout(() => this.open(), delay).unref();
    });
  }

  close(): void {
    this.stopped = true;
    this.child?.kill('SIGTERM');
  }
}

export function profileDirFor(dataDir: string): string {
  return path.join(dataDir, 'chromium-profile');
}
