import path from 'node:path';
import { createHost } from '../host/host';
import { startUiServer } from './ui-server';
import { ChromiumWindow, chromiumArgs, findChromium, hasDisplay, profileDirFor, runDirFor } from './chromium-launcher';

export interface ChromiumShellOptions {
  dataDir: string;
  /** `auto`: open a window when a display exists; `never`: only print the URL. */
  open: 'auto' | 'never';
  rendererDir?: string;
}

/**
 * The shell used when the Electron binary is absent: the host, a local UI
 * server with the WebSocket bridge, and Debian's Chromium in kiosk mode.
 */
export interface ChromiumShell {
  /** Settles when the devices are open (rejects when the host could not start). */
  started: Promise<void>;
  /** Closes window, server and host; safe while `started` is still pending (a SIGTERM at boot). */
  stop(): Promise<void>;
}

export async function runChromiumShell(options: ChromiumShellOptions): Promise<ChromiumShell> {
  const host = await createHost({ dataDir: options.dataDir, shell: 'chromium' });
  const log = host.log;
  // Cold start: the screen is served (and the browser loads it) while the devices open (serial probes,
  // simulator PTYs); until the reader reports, the attract screen says it is checking the reader.
  const server = await startUiServer({
    rendererDir: options.rendererDir ?? path.join(__dirname, 'renderer'),
    router: host.router,
    events: host.events,
    log,
    maxClients: bridgeClients(process.env),
  });
  const started = host.start();

  let window: ChromiumWindow | null = null;
  const chromium = findChromium();
  const isRoot = process.getuid?.() === 0;
  // Chromium refuses root with its sandbox on; without it a page exploit is root. Only an explicit opt-in
  // (a developer's or a test's root shell) may do that; the packaged kiosk runs as its own user.
  const rootAllowed = process.env.KIOSK_CHROMIUM_NO_SANDBOX === '1';
  if (options.open === 'auto' && hasDisplay() && chromium && (!isRoot || rootAllowed)) {
    const profile = profileDirFor(options.dataDir);
    window = new ChromiumWindow({
      executable: chromium,
      uiUrl: server.url,
      runDir: runDirFor(options.dataDir),
      args: (appUrl) => chromiumArgs(appUrl, profile, isRoot, rootAllowed),
      log,
    });
    // Once the page is connected its boot page (which holds the token) goes.
    server.onClientConnected(() => window?.forgetBootPage());
    window.open();
    // The window has the token; the log and the terminal get the address only.
    process.stdout.write(`kiosk ui: ${server.origin}/ (token handed to the kiosk window)\n`);
  } else {
    // Tests and technicians read this line to find the UI: with no window of ours, whoever opens it needs the token.
    process.stdout.write(`kiosk ui: ${server.url}\n`);
    if (options.open === 'auto') {
      process.stdout.write(
        !chromium
          ? 'chromium not found: open the URL above in a browser\n'
          : !hasDisplay()
            ? 'no display: open the URL above in a browser\n'
            : 'running as root: the kiosk browser is not started without its sandbox (run as an unprivileged user, or set KIOSK_CHROMIUM_NO_SANDBOX=1 in a test shell)\n',
      );
    }
  }

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      window?.close();
      await server.close();
      // host.stop() after start() has settled, so devices opened meanwhile (simulator PTYs) are closed too.
      await started.catch(() => undefined);
      await host.stop();
    })());
  return {
    started: started.catch(async (error: unknown) => {
      await stop();
      throw error;
    }),
    stop,
  };
}

/**
 * Bridge clients at once: 1 (the kiosk window). KIOSK_BRIDGE_MAX_CLIENTS raises it for
 * tests that call `sim.*` over the bridge beside the page (test/support/kiosk-process.ts);
 * the environment is the service unit's, not something a passer-by or another local user sets.
 */
export function bridgeClients(env: NodeJS.ProcessEnv): number {
  const n = Number(env.KIOSK_BRIDGE_MAX_CLIENTS);
  return Number.isInteger(n) && n >= 1 && n <= 8 ? n : 1;
}
