import path from 'node:path';

/** What the Electron shell reads from its command line and environment. */
export interface ShellFlags {
  /** `--data-dir DIR` / `--data-dir=DIR`, else `KIOSK_DATA_DIR`, resolved; null means "use userData". */
  dataDir: string | null;
  /** `--dev` or `KIOSK_DEV=1`: devtools on, an ordinary window instead of kiosk mode. */
  dev: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

const DATA_DIR_FLAG = '--data-dir';

/**
 * Reads the flags from `argv` (all of it: Electron puts its own path, and in
 * development the app path, in front) and `env`. Throws when `--data-dir` has
 * no value, so a typo in a unit file fails loudly instead of writing the
 * database somewhere unexpected.
 */
export function parseShellFlags(argv: readonly string[], env: Env, cwd: string = process.cwd()): ShellFlags {
  let flagDir: string | null = null;
  let dev = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dev') {
      dev = true;
    } else if (arg === DATA_DIR_FLAG) {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new Error(`${DATA_DIR_FLAG} needs a directory`);
      }
      flagDir = value;
      i++;
    } else if (arg !== undefined && arg.startsWith(`${DATA_DIR_FLAG}=`)) {
      const value = arg.slice(DATA_DIR_FLAG.length + 1);
      if (value === '') throw new Error(`${DATA_DIR_FLAG} needs a directory`);
      flagDir = value;
    }
  }
  if (env.KIOSK_DEV === '1') dev = true;
  const chosen = flagDir ?? (env.KIOSK_DATA_DIR ? env.KIOSK_DATA_DIR : null);
  return { dataDir: chosen === null ? null : path.resolve(cwd, chosen), dev };
}

/** The data directory: the flag, the environment, else `fallback()` (Electron's userData). */
export function resolveDataDir(flags: ShellFlags, fallback: () => string): string {
  return flags.dataDir ?? fallback();
}
