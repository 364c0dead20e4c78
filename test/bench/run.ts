import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow, RowResult, RunEnvironment } from './bench-types';
import { median } from './stats';
import { renderTable } from './table';
import { taxQuoteRow } from './rows/tax-quote';
import { receiptWriteRow } from './rows/receipt-write';
import { certificatePdfRow } from './rows/certificate-pdf';
import { transactionCommitRow } from './rows/transaction-commit';
import { cardToGreetingRow, closeSharedBrowser, coldStartRow } from './rows/kiosk-ui';
import { touchToPaintRow } from './rows/touch-to-paint';
import { memoryVisitsRow } from './rows/memory-visits';
import { outboxDrainRow } from './rows/outbox-drain';
import { outboxDrainClusterRow } from './rows/outbox-drain-cluster';
import { contractWhileDrainingRow } from './rows/contract-while-draining';
import { consoleIngestRow } from './rows/console-ingest';
import { consoleFleetRow } from './rows/console-fleet';

/**
 * `npm run bench`: every row run several times, the median of each figure
 * printed beside its target, and the whole table written as JSON. Targets
 * are checked here and only here — never as timed assertions in tests.
 *
 *   npm run bench -- [--only ID[,ID]] [--runs N] [--json FILE] [--soak]
 *
 * The JSON keeps the rows it is not asked to run (a partial run replaces only
 * its own rows), each with when it ran and the machine's load, so
 * `npm run bench:doc` can regenerate docs/performance.md from it.
 */
const ROWS: BenchRow[] = [
  coldStartRow,
  cardToGreetingRow,
  touchToPaintRow,
  receiptWriteRow,
  certificatePdfRow,
  taxQuoteRow,
  transactionCommitRow,
  outboxDrainRow,
  outboxDrainClusterRow,
  contractWhileDrainingRow,
  memoryVisitsRow,
  consoleIngestRow,
  consoleFleetRow,
];

function parseArgs(argv: string[]): { only: string[] | null; runs: number | null; json: string } {
  // --soak: the memory row runs 10,000 visits and targets an RSS plateau (memory-visits.ts reads it).
  if (argv.includes('--soak')) {
    process.env.KIOSK_BENCH_SOAK = '1';
    argv = argv.filter((a) => a !== '--soak');
  }
  let only: string[] | null = null;
  let runs: number | null = null;
  let json = path.resolve('dist', 'bench-results.json');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--only' && next) {
      only = next.split(',');
      i++;
    } else if (arg === '--runs' && next && /^\d+$/.test(next)) {
      runs = Number(next);
      i++;
    } else if (arg === '--json' && next) {
      json = path.resolve(next);
      i++;
    } else if (arg === '--list') {
      for (const row of ROWS) console.log(`${row.id.padEnd(22)} ${row.title}`);
      process.exit(0);
    } else {
      console.error(`unknown argument ${arg}\nusage: npm run bench -- [--only ID[,ID]] [--runs N] [--json FILE] [--soak] [--list]`);
      process.exit(64);
    }
  }
  return { only, runs, json };
}

/**
 * Processes other than this one and its children using over 20 % CPU (ps: the
 * average over each process's life), named by their command, paths shortened
 * to the file name: "tsc -p tsconfig.json", "beam.smp".
 */
function busyProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,ppid=,pcpu=,args=', '--sort=-pcpu'], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+([\d.]+)\s+(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && Number(m[3]) > 20 && Number(m[1]) !== process.pid && Number(m[2]) !== process.pid)
      .map((m) => {
        const words = (m[4] ?? '').split(/\s+/).map((w) => (w.includes('/') ? path.basename(w) : w));
        const command = (words[0] === 'node' || words[0] === 'nice' ? words.slice(1) : words).slice(0, 3).join(' ');
        return `${command.slice(0, 40)} ${Math.round(Number(m[3]))}%`;
      })
      .filter((name) => !name.startsWith('ps '))
      .slice(0, 6);
  } catch {
    return [];
  }
}

async function runRow(row: BenchRow, runs: number): Promise<RowResult> {
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg()[0] ?? 0;
  const busy = busyProcesses();
  const environment = (): RunEnvironment => ({
    startedAt,
    finishedAt: new Date().toISOString(),
    loadBefore,
    loadAfter: os.loadavg()[0] ?? 0,
    busyProcesses: busy,
  });
  const base = {
    id: row.id,
    title: row.title,
    measures: row.measures,
    command: `npm run bench -- --only ${row.id}${process.env.KIOSK_BENCH_SOAK ? ' --soak' : ''}`,
    runs,
  };
  const samples = new Map<string, { unit: string; target: RowResult['metrics'][number]['target']; values: number[] }>();
  try {
    await row.setup?.();
    for (let i = 0; i < runs; i++) {
      for (const m of await row.run()) {
        const entry = samples.get(m.name) ?? { unit: m.unit, target: m.target, values: [] };
        entry.values.push(m.value);
        samples.set(m.name, entry);
      }
    }
  } catch (error) {
    return { ...base, metrics: [], environment: environment(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    await row.teardown?.().catch(() => undefined);
  }
  const metrics = [...samples].map(([name, s]) => {
    const value = median(s.values);
    const met = s.target ? (s.target.op === '<' ? value < s.target.value : value > s.target.value) : null;
    return { name, value, unit: s.unit, ...(s.target ? { target: s.target } : {}), samples: s.values, met };
  });
  const charts = row.charts?.();
  return { ...base, metrics, ...(charts ? { charts } : {}), environment: environment() };
}

/** Earlier results in the JSON, for the rows this run does not replace. */
function previousResults(file: string): RowResult[] {
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: RowResult[] };
    return json.results ?? [];
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rows = args.only ? ROWS.filter((r) => args.only?.includes(r.id)) : ROWS;
  if (rows.length === 0) throw new Error(`no row matches ${args.only?.join(',')} (npm run bench -- --list)`);
  const results: RowResult[] = [];
  for (const row of rows) {
    process.stderr.write(`bench: ${row.id}…\n`);
    results.push(await runRow(row, args.runs ?? row.runs));
  }
  await closeSharedBrowser();
  console.log(renderTable(results));
  fs.mkdirSync(path.dirname(args.json), { recursive: true });
  const ran = new Set(results.map((r) => r.id));
  const kept = previousResults(args.json).filter((r) => !ran.has(r.id));
  const order = (r: RowResult) => ROWS.findIndex((row) => row.id === r.id);
  const merged = [...kept, ...results].sort((a, b) => order(a) - order(b));
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
  fs.writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: machine.cpus, machine, results: merged }, null, 2));
  console.log(`\nwritten: ${path.relative(process.cwd(), args.json)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
