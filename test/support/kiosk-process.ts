import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface KioskProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stdout: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built kiosk (`dist/start.cjs`) in the Chromium shell without a
 * window, with `kiosk.json` written from `config`, and waits for its UI URL.
 */
export interface StartKioskOptions {
  /** Let the kiosk open its own browser window (default: `--no-open`, tests bring their own browser). */
  openWindow?: boolean;
  /** Flags for node before the script (`--require` a test hook). */
  nodeArgs?: string[];
}

export async function startKiosk(
  config: Record<string, unknown> = {},
  timeoutMs = 20_000,
  extraEnv: NodeJS.ProcessEnv = {},
  options: StartKioskOptions = {},
): Promise<KioskProcess> {
  const start = path.join(ROOT, 'dist', 'start.cjs');
  if (!fs.existsSync(start)) throw new Error('dist/start.cjs is missing: run `npm run build` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify(config));
  // e2e tests call sim.* over the bridge beside the page (the kiosk itself takes one client, run-chromium-shell.ts):
  // the page, a test's call, and the one before it still closing.
  const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_BRIDGE_MAX_CLIENTS: '4', ...extraEnv };
  if (!options.openWindow) {
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
  }
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), start, '--shell', 'chromium', ...(options.openWindow ? [] : ['--no-open']), '--data-dir', dataDir],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not print its URL in time:\n${out}`)), timeoutMs);
    const check = () => {
      const match = /kiosk ui: (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    stdout: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
