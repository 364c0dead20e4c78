import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createSandboxBackend, type SandboxBackend, type SandboxBackendOptions } from '../../../backend/sandbox';

/** 2025-06-20 10:00 in Beijing. */
export const NOW = new Date('2025-06-20T02:00:00.000Z');

export interface Fixture {
  backend: SandboxBackend;
  dbPath: string;
  clock: { now: Date };
  advance(ms: number): void;
}

const open: SandboxBackend[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const backend of open.splice(0)) backend.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tmpDbPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-backend-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'sandbox.sqlite');
}

/** A sandbox on a fresh file with a clock the test moves by hand. */
export function sandbox(options: Partial<Omit<SandboxBackendOptions, 'clock'>> & { now?: Date } = {}): Fixture {
  const clock = { now: options.now ?? NOW };
  const dbPath = options.dbPath ?? tmpDbPath();
  const backend = createSandboxBackend({ ...options, dbPath, clock: () => clock.now });
  open.push(backend);
  return {
    backend,
    dbPath,
    clock,
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
}

/** Reopens a file (the caller closes the first instance first). */
export function reopen(dbPath: string, now: Date = NOW): SandboxBackend {
  const backend = createSandboxBackend({ dbPath, clock: () => now });
  open.push(backend);
  return backend;
}
