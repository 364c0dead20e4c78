import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The data directory holds the database, logs and the local config
 * (`kiosk.json`). Order: `--data-dir DIR`, `KIOSK_DATA_DIR`, then the platform's
 * app data folder (the same one Electron's `app.getPath('userData')` uses).
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.KIOSK_DATA_DIR) return path.resolve(env.KIOSK_DATA_DIR);
  return defaultDataDir(env);
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'tax-kiosk');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'tax-kiosk');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'tax-kiosk');
  }
}

/**
 * Creates the data directory if needed and makes it the kiosk user's alone
 * (0700): it holds the database, the logs, the PII key and the boot page that
 * carries the bridge token. A folder made looser by an older version is
 * tightened; one owned by someone else is left as it is (chmod would fail).
 */
export function prepareDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dataDir, 0o700);
  } catch {
    /* not ours to change */
  }
}
