import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

/**
 * The kiosk log, rotated by size with a cap on the total (issue 14: nothing
 * rotated kiosk.log, and one noisy peer grew it by megabytes).
 *
 * `kiosk.log` is always the live file; when a write would take it past
 * `maxFileBytes`, kiosk.log.N-1 → kiosk.log.N (the oldest dropped),
 * kiosk.log → kiosk.log.1, and the destination reopens a fresh kiosk.log.
 * At most (keepFiles + 1) × maxFileBytes on disk, whatever is logged.
 *
 * Why here and not a transport or logrotate (docs/security.md "Logs"):
 * - pino transports run in worker threads, which do not survive packaging;
 *   this is pino's own main-thread destination (SonicBoom), rotated with the
 *   `reopen()` pino documents for log rotation.
 * - logrotate runs from a timer (daily/hourly): a peer can write gigabytes in
 *   between, and it exists only in the .deb. Size checked at write time
 *   bounds every kiosk, packaged or not.
 * - pino-roll (the maintained rolling transport) names the live file
 *   kiosk.N.log; technicians, the diagnostics bundle and the tests read
 *   `logs/kiosk.log`.
 * Files are created 0600: logs hold no personal data, but still no one
 * else's business.
 */
export interface RotationOptions {
  /** The live file (`<dataDir>/logs/kiosk.log`). */
  file: string;
  /** Rotate before a write would take the live file past this. Default 10 MiB. */
  maxFileBytes?: number;
  /** Rotated files kept beside the live one. Default 4 (so at most 50 MiB in all). */
  keepFiles?: number;
}

export const DEFAULT_MAX_LOG_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_KEEP_LOG_FILES = 4;

export interface RotatingDestination extends pino.DestinationStream {
  flush(cb?: (error?: Error) => void): void;
  flushSync(): void;
  end(): void;
}

export function rotatingDestination(options: RotationOptions): RotatingDestination {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_LOG_FILE_BYTES;
  const keep = options.keepFiles ?? DEFAULT_KEEP_LOG_FILES;
  fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const sonic = pino.destination({ dest: options.file, sync: true, mkdir: true, mode: 0o600 });
  // A file left by an older version (or created with another umask) is tightened too.
  fs.chmodSync(options.file, 0o600);
  let size = fileSize(options.file);

  const rotate = (): void => {
    sonic.flushSync();
    fs.rmSync(`${options.file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) renameIfExists(`${options.file}.${i}`, `${options.file}.${i + 1}`);
    if (keep >= 1) renameIfExists(options.file, `${options.file}.1`);
    else fs.rmSync(options.file, { force: true });
    sonic.reopen();
    size = 0;
  };

  return {
    write(chunk: string) {
      const bytes = Buffer.byteLength(chunk);
      if (size > 0 && size + bytes > maxBytes) {
        try {
          rotate();
        } catch {
          // A rotation that failed (disk full, a file in the way) must not take logging down: retried at the next write.
        }
      }
      sonic.write(chunk);
      size += bytes;
    },
    flush: (cb) => sonic.flush(cb),
    flushSync: () => sonic.flushSync(),
    end: () => sonic.end(),
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function renameIfExists(from: string, to: string): void {
  if (fs.existsSync(from)) fs.renameSync(from, to);
}
