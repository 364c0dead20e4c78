import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/host/db/database';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { StockAllocator, type Allocation, type RecoveryOutcome } from '../../electron/host/stock/allocator';
import { loadStock } from '../../electron/host/stock/stock-store';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';
import { collection } from '../unit/host/transaction-fixtures';

/**
 * The allocator across processes: two writers at once, and a writer killed
 * with SIGKILL at each step, then a restart that recovers. Real processes and
 * a real database file: the guarantees are SQLite's locking and journaling, so
 * only separate processes test them.
 */
const ROOT = path.resolve(__dirname, '../..');
const CODE = '1370001230';
/** Allocations per concurrent child: each is 4 commits with synchronous=FULL (an fsync each). */
const PER_CHILD = 20;
let work = '';
let child = '';

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-alloc-'));
  child = path.join(work, 'child.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'stock-allocator-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: child,
    logLevel: 'error',
  });
});
afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

interface ChildRun {
  allocations: Allocation[];
  /** Wall-clock ms of the loop's start and end (loop mode), from the child's own clock. */
  startedAt: number;
  doneAt: number;
  ready: Promise<Allocation>;
  opened: Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function runChild(dataDir: string, mode: string, count = 1, seed = 1): ChildRun {
  let onReady: (a: Allocation) => void = () => {};
  let onOpened: () => void = () => {};
  const proc = spawn(process.execPath, [child, dataDir, mode, String(count), String(seed)], {
    // Packages stay external in the bundle: resolve them from the repo's node_modules.
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const allocations: Allocation[] = [];
  let stderr = '';
  const run: ChildRun = {
    allocations,
    startedAt: NaN,
    doneAt: NaN,
    ready: new Promise<Allocation>((resolve) => (onReady = resolve)),
    opened: new Promise<void>((resolve) => (onOpened = resolve)),
    // 'close', not 'exit': it comes after stdout is drained, so every line has been read.
    exit: new Promise((resolve) => proc.on('close', (code, signal) => resolve({ code, signal, stderr }))),
    kill: () => proc.kill('SIGKILL'),
  };
  let buffer = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as { step: string; allocation?: Allocation; at?: number };
      buffer = buffer.slice(nl + 1);
      if (line.allocation) allocations.push(line.allocation);
      if (line.step === 'ready' && line.allocation) onReady(line.allocation);
      if (line.step === 'opened') onOpened();
      if (line.step === 'started') run.startedAt = line.at ?? NaN;
      if (line.step === 'done') run.doneAt = line.at ?? NaN;
    }
  });
  return run;
}

/** Every number a non-returned allocation holds, counted from the allocations themselves. */
function numbersHeld(db: Db): Map<number, number> {
  const held = new Map<number, number>();
  const rows = db.prepare("SELECT first_number AS f, last_number AS l FROM stock_allocations WHERE state <> 'returned'").all() as Array<{
    f: number;
    l: number;
  }>;
  for (const { f, l } of rows) for (let n = f; n <= l; n++) held.set(n, (held.get(n) ?? 0) + 1);
  return held;
}

describe('stock allocator across processes', () => {
  it('never hands a number out twice: concurrent writers, then a kill at each step and a recovering restart', async () => {
    const dir = path.join(work, 'kiosk');
    const setupDb = openDatabase(dir);
    openPiiCipher(dir); // the key file exists before two children race to create it
    loadStock(setupDb, { type: 'vatOrdinary', code: CODE, from: '00000001', to: '00000400' }, { loadedBy: 'test' });
    setupDb.close();

    // 1. Two processes allocating from the same database at once.
    const a = runChild(dir, 'loop', PER_CHILD, 7);
    const b = runChild(dir, 'loop', PER_CHILD, 11);
    await Promise.all([a.opened, b.opened]);
    fs.writeFileSync(path.join(dir, 'go'), '');
    const [exitA, exitB] = await Promise.all([a.exit, b.exit]);
    expect(exitA, exitA.stderr).toMatchObject({ code: 0 });
    expect(exitB, exitB.stderr).toMatchObject({ code: 0 });
    const handed = [...a.allocations, ...b.allocations];
    expect(handed).toHaveLength(2 * PER_CHILD);
    const seen = new Map<number, string>();
    for (const alloc of handed) {
      for (let n = Number(alloc.first); n <= Number(alloc.last); n++) {
        expect(seen.get(n), `number ${n} handed to ${seen.get(n)} and ${alloc.id}`).toBeUndefined();
        seen.set(n, alloc.id);
      }
    }
    // Both were writing at the same time: each started before the other finished. (How
    // their allocations interleave is up to SQLite's busy handler, so it is not asserted.)
    expect(a.startedAt).toBeLessThan(b.doneAt);
    expect(b.startedAt).toBeLessThan(a.doneAt);

    // 2. A child killed at each step; after each, a restarted host recovers.
    const outcomes: Record<string, { allocation: Allocation; recovered: RecoveryOutcome[] }> = {};
    for (const mode of ['afterAllocate', 'afterPrinting', 'afterPrinted', 'midTransaction']) {
      const run = runChild(dir, mode);
      const allocation = await run.ready;
      run.kill();
      expect((await run.exit).signal).toBe('SIGKILL');
      const db = openDatabase(dir); // the restart
      outcomes[mode] = { allocation, recovered: new StockAllocator(db).recoverOnStartup() };
      db.close();
    }
    const summary = (mode: string) => outcomes[mode]!.recovered.map((o) => [o.allocationId === outcomes[mode]!.allocation.id, o.was, o.now]);
    expect(summary('afterAllocate')).toEqual([[true, 'allocated', 'returned']]);
    expect(summary('afterPrinting')).toEqual([[true, 'printing', 'voided']]);
    expect(summary('afterPrinted')).toEqual([[true, 'printed', 'completed']]);
    expect(summary('midTransaction')).toEqual([]);

    const db = openDatabase(dir);
    try {
      const state = (id: string) => (db.prepare('SELECT state FROM stock_allocations WHERE id = ?').get(id) as { state: string } | undefined)?.state;
      // The uncommitted claim and its transaction vanished with the process.
      const mid = outcomes.midTransaction!.allocation;
      expect(state(mid.id)).toBeUndefined();
      expect(db.prepare('SELECT count(*) AS n FROM transactions WHERE id = ?').get(mid.transactionId)).toEqual({ n: 0 });

      // 3. Every number is completed, returned or voided; none is held twice.
      const states = db.prepare('SELECT state, count(*) AS n FROM stock_allocations GROUP BY state ORDER BY state').all();
      expect(states).toEqual([
        { state: 'completed', n: 2 * PER_CHILD + 1 },
        { state: 'returned', n: 1 },
        { state: 'voided', n: 1 },
      ]);
      const held = numbersHeld(db);
      expect([...held.values()].every((times) => times === 1)).toBe(true);
      const claimed = (db.prepare('SELECT number FROM allocated_numbers ORDER BY number').all() as Array<{ number: number }>).map((r) => r.number);
      expect(claimed).toEqual([...held.keys()].sort((x, y) => x - y));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const events = (db.prepare("SELECT event FROM stock_events WHERE actor = 'recovery' ORDER BY id").all() as Array<{ event: string }>).map((e) => e.event);
      expect(events).toEqual(['recoveredReturned', 'recoveredVoided', 'recoveredCompleted']);

      // 4. Only numbers that never reached the printer come back: the returned pair went
      // to the next process, the rolled-back claim's pair to the next allocation here.
      const first = (mode: string) => outcomes[mode]!.allocation.first;
      expect(first('afterPrinting')).toBe(first('afterAllocate'));
      const { id } = new TransactionStore(db, openPiiCipher(dir)).createTransaction(collection(2), []);
      const next = new StockAllocator(db).allocate({ transactionId: id, type: 'vatOrdinary', quantity: 2 });
      expect(next).toMatchObject({ ok: true, allocation: { first: first('midTransaction') } });
      for (const mode of ['afterPrinting', 'afterPrinted']) expect(held.has(Number(first(mode))), mode).toBe(true);
    } finally {
      db.close();
    }
  }, 60_000);
});
