import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHost } from '../../../electron/host/host';
import type { KioskHost } from '../../../electron/host/host-types';
import { pickService, prng, runVisit, until, value, type Call } from '../../../electron/kioskctl/commands/load-visits';
import type { BenchRow } from '../bench-types';
import { leastSquaresSlope, msSince } from '../stats';

/** `KIOSK_BENCH_VISITS` shortens the row for a quick look; the target is read at 2,000. */
const VISITS = Number(process.env.KIOSK_BENCH_VISITS ?? 2000);
const SAMPLE_EVERY = 100;
const MB = 2 ** 20;

let dir = '';
let host: KioskHost | null = null;

/**
 * `kioskctl load`'s visits, driven in this process through the same code
 * (electron/kioskctl/commands/load-visits.ts) against a host on simulated
 * devices and the in-process sandbox backend. Every 100 visits the heap and
 * RSS are read after a forced GC (scripts/bench.mjs runs node with
 * --expose-gc); the slope is a least-squares fit over the second half of the
 * samples, after warm-up (caches, JIT, SQLite page cache filled).
 */
export const memoryVisitsRow: BenchRow = {
  id: 'memory-visits',
  title: `memory over ${VISITS.toLocaleString('en')} simulated visits (kioskctl load)`,
  measures: `host started, printers online → after visit ${VISITS}; heap/RSS sampled after GC every ${SAMPLE_EVERY} visits, slope fitted over the second half (1.1–1.3 s a visit on 2 busy cores: 36–43 min for 2,000)`,
  runs: 1,
  async setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-memory-'));
    host = await createHost({ dataDir: dir, shell: 'chromium', configOverrides: { sandbox: { paymentAutoConfirmMs: null } } });
    await host.start();
  },
  async run() {
    const running = host;
    if (!running) throw new Error('not set up');
    const call: Call = (method, payload = {}) => running.router.call(method, payload, { shell: 'chromium' });
    await until(async () => {
      const s = await value<Record<string, { device: string; paper: string }>>(call, 'devices.status');
      return ['receipt', 'invoice', 'a4'].every((p) => s[p]?.device === 'online' && s[p]?.paper !== 'out');
    }, 30_000, 'the simulated printers');

    const gc = (globalThis as { gc?: () => void }).gc;
    const settled = (): NodeJS.MemoryUsage => {
      gc?.();
      return process.memoryUsage();
    };
    const samples: Array<{ visits: number; heap: number; rss: number }> = [];
    const first = settled();
    samples.push({ visits: 0, heap: first.heapUsed, rss: first.rss });
    let peakHeap = first.heapUsed;
    let peakRss = first.rss;
    // Peaks between samples, without forcing GC: what the machine must actually hold.
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }, 250);
    const rand = prng(1);
    let failed = 0;
    const started = process.hrtime.bigint();
    try {
      for (let i = 1; i <= VISITS; i++) {
        try {
          const r = await runVisit(call, pickService(rand), rand);
          if (r.outcome.startsWith('failed')) failed++;
        } catch {
          failed++;
        }
        if (i % SAMPLE_EVERY === 0 || i === VISITS) {
          const m = settled();
          samples.push({ visits: i, heap: m.heapUsed, rss: m.rss });
          process.stderr.write(`  memory-visits: ${i} visits, heap ${(m.heapUsed / MB).toFixed(1)} MB, RSS ${(m.rss / MB).toFixed(1)} MB\n`);
        }
      }
    } finally {
      clearInterval(sampler);
    }
    const minutes = msSince(started) / 60_000;
    const last = samples[samples.length - 1] ?? samples[0];
    const secondHalf = samples.filter((s) => s.visits >= VISITS / 2);
    const slope = (pick: (s: (typeof samples)[number]) => number): number =>
      leastSquaresSlope(secondHalf.map((s) => [s.visits / 1000, pick(s) / MB]));
    return [
      { name: 'heap slope', value: slope((s) => s.heap), unit: 'MB/1k visits', target: { op: '<', value: 1 } },
      { name: 'RSS slope', value: slope((s) => s.rss), unit: 'MB/1k visits', target: { op: '<', value: 1 } },
      { name: 'heap start', value: first.heapUsed / MB, unit: 'MB' },
      { name: 'heap end', value: (last?.heap ?? 0) / MB, unit: 'MB' },
      { name: 'heap peak', value: peakHeap / MB, unit: 'MB' },
      { name: 'RSS start', value: first.rss / MB, unit: 'MB' },
      { name: 'RSS end', value: (last?.rss ?? 0) / MB, unit: 'MB' },
      { name: 'RSS peak', value: peakRss / MB, unit: 'MB' },
      { name: 'forced GC', value: gc ? 1 : 0, unit: '(1 = yes)' },
      { name: 'failed visits', value: failed, unit: '' },
      { name: 'duration', value: minutes, unit: 'min' },
    ];
  },
  async teardown() {
    const running = host;
    host = null;
    try {
      await running?.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
