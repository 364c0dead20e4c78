/**
 * Electron shell: binds the plain-Node host (electron/host) to one hardened,
 * full-screen kiosk window. Every decision that can be made without Electron
 * lives in electron/shell-electron/ and is unit-tested there; this file only
 * wires those decisions to Electron's objects. Bundled to dist/electron/main.cjs.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract/kiosk-api';
import { createHost } from './host/host';
import type { KioskHost } from './host/host-types';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './shell-electron/app-protocol';
import { parseShellFlags, resolveDataDir, type ShellFlags } from './shell-electron/args';
import { createCrashBackoff } from './shell-electron/crash-backoff';
import { isBlockedInput } from './shell-electron/input-filter';
import { refuseOversizedCall } from './shell-electron/ipc-cap';
import { checkSender, isAppUrl } from './shell-electron/sender-check';
import { kioskWindowOptions } from './shell-electron/window-options';

/** dist/electron/main.cjs → dist/renderer */
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
/** host.stop() gets this long; a stuck device must not keep a dead kiosk on screen. */
const STOP_TIMEOUT_MS = 5_000;

function readFlags(): ShellFlags | null {
  try {
    return parseShellFlags(process.argv, process.env);
  } catch (error) {
    console.error(`[kiosk] ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
const parsedFlags = readFlags();
// Devtools and a windowed kiosk only in an unpacked checkout: an installed
// kiosk ignores --dev and KIOSK_DEV, so a passer-by cannot get a console.
const flags: ShellFlags = parsedFlags ? { ...parsedFlags, dev: parsedFlags.dev && !app.isPackaged } : { dataDir: null, dev: false };

let host: KioskHost | null = null;
let mainWindow: BrowserWindow | null = null;
let unsubscribeEvents: (() => void) | null = null;
let reloadTimer: NodeJS.Timeout | null = null;
let powerBlockerId: number | null = null;
let shutdown: 'running' | 'stopping' | 'stopped' = 'running';
const crashBackoff = createCrashBackoff();

if (parsedFlags === null) {
  // A bad command line (e.g. `--data-dir` without a value): refuse to guess.
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another kiosk is running: it gets focus (below), we leave.
  app.quit();
} else {
  // Must happen before 'ready': gives app:// an origin and a secure context.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (shutdown === 'stopped') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    void stopEverything().finally(() => {
      shutdown = 'stopped';
      app.quit();
    });
  });
  // systemd stops the kiosk with SIGTERM: go through the same clean shutdown.
  process.once('SIGTERM', () => app.quit());
  process.once('SIGINT', () => app.quit());

  app.whenReady().then(start, (error: unknown) => fatal('app not ready', error));
}

async function start(): Promise<void> {
  try {
    Menu.setApplicationMenu(null);
    lockDownSession();
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, RENDERER_DIR));

    const dataDir = resolveDataDir(flags, () => app.getPath('userData'));
    host = await createHost({ dataDir, shell: 'electron' });
    await host.start();

    ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, payload: unknown) => {
      const window = liveWindow();
      const verdict = checkSender(event.senderFrame, window?.webContents.mainFrame);
      if (!verdict.ok || event.sender.id !== window?.webContents.id) {
        console.warn(`[kiosk] refused IPC call: ${verdict.ok ? 'sender is not the kiosk window' : verdict.reason}`);
        throw new Error('forbidden');
      }
      if (!host) throw new Error('host stopped');
      // The same cap as the WebSocket bridge (256 KiB): refused before the router, as a typed error.
      const oversized = refuseOversizedCall(method, payload);
      if (oversized) return oversized;
      return host.router.call(method, payload, { shell: 'electron' });
    });

    const activeHost = host;
    unsubscribeEvents = activeHost.events.subscribe((name, payload) => {
      const contents = liveWindow()?.webContents;
      // Only a page on our origin gets events (never one that got somewhere else).
      if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) {
        contents.send(IPC_EVENT_CHANNEL, name, payload);
      }
    });

    powerBlockerId = powerSaveBlocker.start('prevent-display-sleep');
    mainWindow = createWindow();
  } catch (error) {
    // Without a host the kiosk can do nothing useful; exit non-zero so the
    // service manager restarts it (and the log says why).
    fatal('start failed', error);
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(kioskWindowOptions({ preloadPath: PRELOAD_PATH, dev: flags.dev }));
  const contents = win.webContents;

  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });

  contents.on('before-input-event', (event, input) => {
    if (isBlockedInput(input, { dev: flags.dev })) event.preventDefault();
  });

  contents.on('render-process-gone', (_event, details) => {
    console.error(`[kiosk] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || shutdown !== 'running') return;
    const delay = crashBackoff.nextDelay(Date.now());
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (!win.isDestroyed() && shutdown === 'running') void win.loadURL(APP_INDEX_URL).catch(logLoadError);
    }, delay);
  });
  contents.on('unresponsive', () => console.warn('[kiosk] renderer unresponsive'));

  if (flags.dev) contents.openDevTools({ mode: 'detach' });
  void win.loadURL(APP_INDEX_URL).catch(logLoadError);
  return win;
}

/** Applied to every webContents, including any we did not create ourselves. */
function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No permission (camera, HID, serial, notifications...) is ever granted to the page. */
function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // WebHID/WebSerial/WebUSB: devices belong to the host, never to the page.
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

function liveWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

async function stopEverything(): Promise<void> {
  if (reloadTimer) clearTimeout(reloadTimer);
  reloadTimer = null;
  unsubscribeEvents?.();
  unsubscribeEvents = null;
  ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  if (powerBlockerId !== null && powerSaveBlocker.isStarted(powerBlockerId)) powerSaveBlocker.stop(powerBlockerId);
  powerBlockerId = null;
  const stopping = host;
  host = null;
  if (!stopping) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error('[kiosk] host.stop() timed out');
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  try {
    await Promise.race([stopping.stop(), timeout]);
  } catch (error) {
    console.error('[kiosk] host.stop() failed', error);
  } finally {
    clearTimeout(timer);
  }
}

function logLoadError(error: unknown): void {
  console.error('[kiosk] could not load the UI', error);
}

function fatal(what: string, error: unknown): void {
  console.error(`[kiosk] ${what}`, error);
  const stopping = host;
  host = null;
  void (stopping ? stopping.stop().catch(() => undefined) : Promise.resolve()).finally(() => app.exit(1));
}
