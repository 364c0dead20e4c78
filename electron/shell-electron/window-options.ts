/**
 * The kiosk window's options. Structurally a subset of Electron's
 * `BrowserWindowConstructorOptions` (main.ts passes it straight to
 * `new BrowserWindow`, so the compiler checks the two agree); kept free of
 * the `electron` import so it can be unit-tested in plain Node.
 */
export interface KioskWebPreferences {
  preload: string;
  /** The preload runs in its own world; the page only sees `window.kiosk`. */
  contextIsolation: true;
  /** Renderer in the Chromium sandbox: no Node, preload may only require 'electron'. */
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  /** A file dropped on the screen must not replace the app. */
  navigateOnDragDrop: false;
  /** alert()/confirm() would block the kiosk behind a native dialog. */
  disableDialogs: true;
  spellcheck: false;
  devTools: boolean;
  /** The voice prompts play when a step appears, not only after a tap (the Chromium shell passes --autoplay-policy). */
  autoplayPolicy: 'no-user-gesture-required';
}

export interface KioskWindowOptions {
  title: string;
  show: boolean;
  backgroundColor: string;
  kiosk: boolean;
  fullscreen: boolean;
  fullscreenable: boolean;
  autoHideMenuBar: boolean;
  frame: boolean;
  resizable: boolean;
  width: number;
  height: number;
  webPreferences: KioskWebPreferences;
}

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** `--dev`: an ordinary, resizable window with devtools. */
  dev: boolean;
}

export function kioskWindowOptions({ preloadPath, dev }: WindowOptionsInput): KioskWindowOptions {
  return {
    title: 'Tax self-service',
    // Shown on 'ready-to-show', so the taxpayer never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    kiosk: !dev,
    fullscreen: !dev,
    fullscreenable: true,
    autoHideMenuBar: true,
    frame: dev,
    resizable: dev,
    width: 1280,
    height: 800,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
      spellcheck: false,
      devTools: dev,
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}
