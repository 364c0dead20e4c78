import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { redactIdNumbers } from '../../shared/domain/pii';
import { rotatingDestination, type RotationOptions } from './log-rotation';

export type { Logger };

/**
 * Fields that may carry personal data. pino drops them before serialising;
 * free text is also scrubbed of anything shaped like an ID number.
 */
const REDACT_PATHS = ['name', 'idNumber', 'address', 'card', 'person', '*.name', '*.idNumber', '*.address', '*.card', '*.person'];

export interface LoggerOptions {
  dataDir: string;
  level?: string;
  /** Also write to stderr (development). */
  echo?: boolean;
  /** Size and count of the rotated files (log-rotation.ts defaults: 10 MiB, 4 kept). */
  rotation?: Omit<RotationOptions, 'file'>;
}

/**
 * Structured JSON logs in `<dataDir>/logs/kiosk.log`, rotated by size with a
 * cap on the total (log-rotation.ts). The destination writes from the main
 * thread: worker transports do not survive packaging.
 */
export function createLogger(options: LoggerOptions): Logger {
  const dir = path.join(options.dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tightenMode(dir, 0o700);
  const file = rotatingDestination({ file: path.join(dir, 'kiosk.log'), ...options.rotation });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.echo) streams.push({ stream: pino.destination(2) });
  return pino(
    {
      level: options.level ?? process.env.KIOSK_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, remove: true },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log(object) {
          const out: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object)) out[key] = typeof value === 'string' ? redactIdNumbers(value) : value;
          return out;
        },
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? redactIdNumbers(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
}

/** A logger that writes nowhere (tests, one-shot commands). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Best effort: a folder someone else owns keeps its mode (and the kiosk still logs). */
function tightenMode(p: string, mode: number): void {
  try {
    fs.chmodSync(p, mode);
  } catch {
    /* not ours to change */
  }
}
