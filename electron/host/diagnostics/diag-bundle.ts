import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalConfig } from '../../../shared/config/local-config';
import { redactIdNumbers } from '../../../shared/domain/pii';
import { APP_VERSION } from '../app-version';
import type { Db } from '../db/database';
import { StockAllocator } from '../stock/allocator';
import { stockSummary } from '../stock/stock-store';
import { scrubLog } from './log-scrub';
import { tarGz, type TarEntry } from './tar-writer';

/**
 * The diagnostics bundle a technician takes away (to a path or a USB stick):
 * logs, devices, config, stock, transactions and whatever other parts of the
 * kiosk add as sections — with names and ID numbers removed. Every file is
 * scrubbed on the way in, so a section cannot leak what its author forgot.
 */
export interface DiagSection {
  /** File name inside the bundle (`outbox.json`). */
  name: string;
  /** JSON-serialisable content, or text. */
  content(): unknown;
}

export interface DiagBundleInput {
  dataDir: string;
  config: LocalConfig;
  db: Db;
  /** Serial and HID devices as `kioskctl devices list` sees them. */
  devices: unknown;
  /** More sections (outbox summary, audit entries, config version). */
  extra?: readonly DiagSection[];
  now?: Date;
  /** The newest part of each log file kept, in bytes. */
  maxLogBytes?: number;
}

const DEFAULT_MAX_LOG_BYTES = 8 * 1024 * 1024;

function tailOf(file: string, maxBytes: number): string {
  const size = fs.statSync(file).size;
  const start = Math.max(0, size - maxBytes);
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // Cut to whole lines when the file was truncated.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    fs.closeSync(fd);
  }
}

function logEntries(dataDir: string, maxBytes: number): TarEntry[] {
  const dir = path.join(dataDir, 'logs');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.log(\.\d+)?$/.test(f))
    .sort()
    .map((f) => ({ name: `logs/${f}`, content: scrubLog(tailOf(path.join(dir, f), maxBytes)) }));
}

function transactionsSummary(db: Db): unknown {
  const counts = db.prepare('SELECT kind, state, COUNT(*) AS count FROM transactions GROUP BY kind, state ORDER BY kind, state').all();
  // Ids, kinds, states and errors only: the sealed columns never leave the kiosk.
  const open = db
    .prepare(
      "SELECT id, kind, state, last_error AS lastError, updated_at AS updatedAt FROM transactions WHERE state NOT IN ('completed', 'failed', 'refunded') ORDER BY id LIMIT 200",
    )
    .all();
  return { counts, open };
}

function diskFacts(dataDir: string): { freeBytes: number; totalBytes: number } | null {
  try {
    const s = fs.statfsSync(dataDir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

/** Secrets never leave the kiosk, not even hashed (a PIN hash can be brute-forced offline). */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  // A broker URL (backend.url) carries its password: amqp://user:pass@host → amqp://user:[removed]@host;
  // a cluster's list (docs/broker-cluster.md) is several URLs joined by commas, each scrubbed.
  if (typeof value === 'string') return value.replace(/(^|,)([a-z][a-z0-9+.-]*:\/\/[^:/@\s,]*):[^/\s,]*@/gi, '$1$2:[removed]@');
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = /pin|secret|password|privateKey/i.test(key) ? '[removed]' : withoutSecrets(inner);
  return out;
}

function asText(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n';
}

/** The bundle's files, scrubbed. */
export function diagEntries(input: DiagBundleInput): TarEntry[] {
  const now = input.now ?? new Date();
  const sections: DiagSection[] = [
    { name: 'config/kiosk.json', content: () => withoutSecrets(input.config) },
    { name: 'devices.json', content: () => input.devices },
    { name: 'stock.json', content: () => ({ types: stockSummary(input.db), inFlight: new StockAllocator(input.db).inFlight() }) },
    { name: 'transactions.json', content: () => transactionsSummary(input.db) },
    ...(input.extra ?? []),
  ];
  const entries: TarEntry[] = [];
  const problems: string[] = [];
  for (const section of sections) {
    try {
      entries.push({ name: section.name, content: redactIdNumbers(asText(section.content())), mtime: now });
    } catch (error) {
      // One broken part must not cost the technician the rest of the bundle.
      problems.push(`${section.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  entries.push(...logEntries(input.dataDir, input.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES));
  const manifest = {
    bundle: 'tax-kiosk diagnostics',
    createdAt: now.toISOString(),
    appVersion: APP_VERSION,
    kioskId: input.config.kioskId,
    branchId: input.config.branchId,
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    uptimeSeconds: Math.round(os.uptime()),
    disk: diskFacts(input.dataDir),
    files: entries.map((e) => e.name),
    problems,
  };
  return [{ name: 'manifest.json', content: redactIdNumbers(asText(manifest)), mtime: now }, ...entries];
}

/** Where the bundle goes: `out` itself, or a named file inside it when `out` is a folder (a USB stick). */
export function bundlePath(out: string, kioskId: string, now: Date): string {
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return path.join(out, `diag-${kioskId}-${stamp}.tar.gz`);
  }
  return out;
}

/** Writes the bundle (via a temp file and a rename, so a pulled stick never holds half a file under the real name). */
export function writeDiagBundle(input: DiagBundleInput, out: string): { file: string; bytes: number; files: string[] } {
  const now = input.now ?? new Date();
  const entries = diagEntries({ ...input, now });
  const file = bundlePath(out, input.config.kioskId, now);
  const bytes = tarGz(entries);
  const temp = `${file}.partial`;
  fs.writeFileSync(temp, bytes);
  const fd = fs.openSync(temp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  return { file, bytes: bytes.length, files: entries.map((e) => e.name) };
}
