import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { createHost } from '../../../electron/host/host';
import type { KioskHost } from '../../../electron/host/host-types';
import { createLoadTopUp } from '../../../electron/kioskctl/commands/load-topup';
import { pickService, prng, runVisit, until, value, type Call } from '../../../electron/kioskctl/commands/load-visits';
import type { BenchRow } from '../bench-types';
import { leastSquaresSlope, msSince } from '../stats';

/**
 * `KIOSK_BENCH_VISITS` shortens the row for a quick look; the target is read at
 * 2,000. `npm run bench -- --only memory-visits --soak` runs 10,000 (about three
 * hours on 2 cores): what a kiosk lives through in a month of a busy hall.
 */
const soak = (): boolean => process.env.KIOSK_BENCH_SOAK === '1';
const visitsToRun = (): number => Number(process.env.KIOSK_BENCH_VISITS ?? (soak() ? 10_000 : 2000));
const SAMPLE_EVERY = 100;
const MB = 2 ** 20;
/**
 * `KIOSK_BENCH_HEAP_SNAPSHOTS=DIR`: heap snapshots at a quarter and at the end of the run, to diff in DevTools.
 * Writing one raises RSS for good (a 10,000-visit soak went from 255 to 480 MB at its quarter
 * snapshot), so a run that takes snapshots reports heap figures only; its RSS rows are not the kiosk's.
 */
const SNAPSHOT_DIR = process.env.KIOSK_BENCH_HEAP_SNAPSHOTS;

let dir = '';
let host: KioskHost | null = null;
/** `externalAfterGc`: memory V8 tracks outside its heap (Buffers, ArrayBuffers, native handles): the first suspect when RSS grows and the heap does not. */
type Sample = { visits: number; rss: number; heapAfterGc: number; rssAfterGc: number; externalAfterGc: number };
let lastSamples: Sample[] = [];

/**
 * `kioskctl load`'s visits, driven in this process through the same code
 * (electron/kioskctl/commands/load-visits.ts, with its stock and quota top-up)
 * against a host on simulated devices and the in-process sandbox backend.
 * Every 100 visits: RSS as it is (no forced GC: what the machine holds), then
 * the heap and RSS after a forced GC (scripts/bench.mjs runs node with
 * --expose-gc). Slopes are least-squares fits over the second half of the
 * samples, after warm-up (caches, JIT, SQLite's page cache filled). The
 * target is a plateau: RSS without forced GC growing under 1 MB per 1,000
 * visits.
 */
export const memoryVisitsRow: BenchRow = {
  id: 'memory-visits',
  get title() {
    return `memory over ${visitsToRun().toLocaleString('en')} simulated visits (kioskctl load${soak() ? ', soak' : ''})`;
  },
  get measures() {
    return `host started, printers online → after visit ${visitsToRun().toLocaleString('en')}; RSS (no forced GC) and heap/RSS after GC sampled every ${SAMPLE_EVERY} visits, slopes fitted over the second half; stock and quota topped up between visits (1.1–1.3 s a visit on 2 busy cores: ~40 min for 2,000, ~3 h for 10,000)`;
  },
  runs: 1,
  async setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-memory-'));
    host = await createHost({ dataDir: dir, shell: 'chromium', configOverrides: { sandbox: { paymentAutoConfirmMs: null } } });
    await host.start();
  },
  async run() {
    const running = host;
    if (!running) throw new Error('not set up');
    const VISITS = visitsToRun();
    const call: Call = (method, payload = {}) => running.router.call(method, payload, { shell: 'chromium' });
    await until(
      async () => {
        const s = await value<Record<string, { device: string; paper: string }>>(call, 'devices.status');
        return ['receipt', 'invoice', 'a4'].every((p) => s[p]?.device === 'online' && s[p]?.paper !== 'out');
      },
      30_000,
      'the simulated printers',
    );

    const gc = (globalThis as { gc?: () => void }).gc;
    const sample = (visits: number): Sample => {
      const rss = process.memoryUsage().rss;
      gc?.();
      const after = process.memoryUsage();
      return { visits, rss, heapAfterGc: after.heapUsed, rssAfterGc: after.rss, externalAfterGc: after.external };
    };
    const samples: Sample[] = [sample(0)];
    const first = samples[0]!;
    let peakHeap = first.heapAfterGc;
    let peakRss = first.rss;
    // Peaks between samples, without forcing GC: what the machine must actually hold.
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }, 250);
    const rand = prng(1);
    const topUp = createLoadTopUp(dir, { sandbox: true });
    const outcomes = new Map<string, number>();
    let failed = 0;
    const started = process.hrtime.bigint();
    try {
      for (let i = 1; i <= VISITS; i++) {
        const service = pickService(rand);
        topUp.beforeVisit();
        let outcome: string;
        try {
          outcome = (await runVisit(call, service, rand)).outcome;
        } catch (error) {
          outcome = `failed:${error instanceof Error ? error.message.slice(0, 60) : String(error)}`;
        }
        if (outcome.startsWith('failed')) failed++;
        const key = `${service} ${outcome}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (i % SAMPLE_EVERY === 0 || i === VISITS) {
          const m = sample(i);
          samples.push(m);
          process.stderr.write(
            `  memory-visits: ${i} visits, RSS ${(m.rss / MB).toFixed(1)} MB, after GC heap ${(m.heapAfterGc / MB).toFixed(1)} MB RSS ${(m.rssAfterGc / MB).toFixed(1)} MB external ${(m.externalAfterGc / MB).toFixed(1)} MB\n`,
          );
        }
        if (SNAPSHOT_DIR && (i === Math.floor(VISITS / 4) || i === VISITS)) {
          gc?.();
          process.stderr.write(`  memory-visits: heap snapshot ${v8.writeHeapSnapshot(path.join(SNAPSHOT_DIR, `memory-visits-${i}.heapsnapshot`))}\n`);
        }
      }
    } finally {
      clearInterval(sampler);
      topUp.close();
    }
    lastSamples = samples;
    process.stderr.write(
      `  memory-visits outcomes: ${[...outcomes]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}\n`,
    );
    const minutes = msSince(started) / 60_000;
    const last = samples[samples.length - 1] ?? first;
    const secondHalf = samples.filter((s) => s.visits >= VISITS / 2);
    const slope = (pick: (s: Sample) => number): number => leastSquaresSlope(secondHalf.map((s) => [s.visits / 1000, pick(s) / MB]));
    const completed = (service: string) => outcomes.get(`${service} completed`) ?? 0;
    return [
      { name: 'RSS slope (no forced GC)', value: slope((s) => s.rss), unit: 'MB/1k visits', target: { op: '<', value: 1 } },
      { name: 'heap slope (after GC)', value: slope((s) => s.heapAfterGc), unit: 'MB/1k visits', target: { op: '<', value: 1 } },
      { name: 'RSS slope (after GC)', value: slope((s) => s.rssAfterGc), unit: 'MB/1k visits' },
      { name: 'external slope (after GC)', value: slope((s) => s.externalAfterGc), unit: 'MB/1k visits' },
      { name: 'RSS start', value: first.rss / MB, unit: 'MB' },
      { name: 'RSS end (no forced GC)', value: last.rss / MB, unit: 'MB' },
      { name: 'RSS peak', value: peakRss / MB, unit: 'MB' },
      { name: 'heap start (after GC)', value: first.heapAfterGc / MB, unit: 'MB' },
      { name: 'heap end (after GC)', value: last.heapAfterGc / MB, unit: 'MB' },
      { name: 'heap peak', value: peakHeap / MB, unit: 'MB' },
      { name: 'external end (after GC)', value: last.externalAfterGc / MB, unit: 'MB' },
      { name: 'collections completed', value: completed('collection'), unit: 'visits' },
      { name: 'issuances completed', value: completed('issuance'), unit: 'visits' },
      { name: 'certificates completed', value: completed('certificate'), unit: 'visits' },
      { name: 'forced GC', value: gc ? 1 : 0, unit: '(1 = yes)' },
      { name: 'failed visits', value: failed, unit: '' },
      { name: 'duration', value: minutes, unit: 'min' },
    ];
  },
  charts() {
    if (lastSamples.length === 0) return [];
    return [
      {
        kind: 'lines',
        id: 'memory-visits',
        title: `Memory over ${visitsToRun().toLocaleString('en')} visits`,
        x: { label: 'visits', values: lastSamples.map((s) => s.visits) },
        lines: [
          { name: 'RSS (no forced GC)', unit: 'MB', values: lastSamples.map((s) => s.rss / MB) },
          { name: 'RSS after GC', unit: 'MB', values: lastSamples.map((s) => s.rssAfterGc / MB) },
          { name: 'heap after GC', unit: 'MB', values: lastSamples.map((s) => s.heapAfterGc / MB) },
          { name: 'external after GC', unit: 'MB', values: lastSamples.map((s) => s.externalAfterGc / MB) },
        ],
      },
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
