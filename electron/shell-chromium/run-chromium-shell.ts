import path from 'node:path';
import { createHost } from '../host/host';
import { startUiServer } from './ui-server';
import { ChromiumWindow, chromiumArgs, findChromium, hasDisplay, profileDirFor } from './chromium-launcher';

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
  });
  const started = host.start();
  // Tests and technicians read this line to find the UI.
  process.stdout.write(`kiosk ui: ${server.url}\n`);

  let window: ChromiumWindow | null = null;
  const chromium = findChromium();
  if (options.open === 'auto' && hasDisplay() && chromium) {
    window = new ChromiumWindow(chromium, chromiumArgs(server.url, profileDirFor(options.dataDir), process.getuid?.() === 0), log);
    window.open();
  } else if (options.open === 'auto') {
    process.stdout.write(
      chromium ? 'no display: open the URL above in a browser\n' : 'chromium not found: open the URL above in a browser\n',
    );
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
