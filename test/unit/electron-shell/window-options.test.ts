import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../../electron/shell-electron/window-options';

describe('kioskWindowOptions', () => {
  const preloadPath = '/opt/TaxKiosk/resources/app.asar/dist/electron/preload.cjs';

  it('is a locked-down full-screen kiosk window outside dev', () => {
    const options = kioskWindowOptions({ preloadPath, dev: false });
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.frame).toBe(false);
    expect(options.resizable).toBe(false);
    expect(options.show).toBe(false);
  });

  it('isolates and sandboxes the renderer', () => {
    const { webPreferences } = kioskWindowOptions({ preloadPath, dev: false });
    expect(webPreferences).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('has devtools off outside dev, on in dev', () => {
    expect(kioskWindowOptions({ preloadPath, dev: false }).webPreferences.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath, dev: true }).webPreferences.devTools).toBe(true);
  });

  it('gives dev an ordinary window but keeps the renderer isolated', () => {
    const options = kioskWindowOptions({ preloadPath, dev: true });
    expect(options.kiosk).toBe(false);
    expect(options.fullscreen).toBe(false);
    expect(options.frame).toBe(true);
    expect(options.webPreferences.contextIsolation).toBe(true);
    expect(options.webPreferences.sandbox).toBe(true);
    expect(options.webPreferences.nodeIntegration).toBe(false);
  });

  it('returns a fresh object each time', () => {
    const a = kioskWindowOptions({ preloadPath, dev: false });
    const b = kioskWindowOptions({ preloadPath, dev: false });
    expect(a).not.toBe(b);
    expect(a.webPreferences).not.toBe(b.webPreferences);
  });
});
