import fs from 'node:fs';
import path from 'node:path';
import type { BenchRow, RowResult } from './bench-types';
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
import { contractWhileDrainingRow } from './rows/contract-while-draining';

/**
 * `npm run bench`: every row run several times, the median of each figure
 * printed beside its target, and the whole table written as JSON. Targets
 * are checked here and only here — never as timed assertions in tests.
 *
 *   npm run bench -- [--only ID[,ID]] [--runs N] [--json FILE]
 */
const ROWS: BenchRow[] = [coldStartRow, cardToGreetingRow, touchToPaintRow, receiptWriteRow, certificatePdfRow, taxQuoteRow, transactionCommitRow, outboxDrainRow, contractWhileDrainingRow, memoryVisitsRow];

function parseArgs(argv: string[]): { only: string[] | null; runs: number | null; json: string } {
  let only: string[] | null = null;
  let runs: number | null = null;
  let json = path.resolve('dist', 'bench-results.json');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--only' && next) (only = next.split(',')), i++;
    else if (arg === '--runs' && next && /^\d+$/.test(next)) (runs = Number(next)), i++;
    else if (arg === '--json' && next) (json = path.resolve(next)), i++;
    else if (arg === '--list') {
      for (const row of ROWS) console.log(`${row.id.padEnd(22)} ${row.title}`);
      process.exit(0);
    } else {
      console.error(`unknown argument ${arg}\nusage: npm run bench -- [--only ID[,ID]] [--runs N] [--json FILE] [--list]`);
      process.exit(64);
    }
  }
  return { only, runs, json };
}

async function runRow(row: BenchRow, runs: number): Promise<RowResult> {
  const base = { id: row.id, title: row.title, measures: row.measures, command: `npm run bench -- --only ${row.id}`, runs };
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
    return { ...base, metrics: [], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    await row.teardown?.().catch(() => undefined);
  }
  const metrics = [...samples].map(([name, s]) => {
    const value = median(s.values);
    const met = s.target ? (s.target.op === '<' ? value < s.target.value : value > s.target.value) : null;
    return { name, value, unit: s.unit, ...(s.target ? { target: s.target } : {}), samples: s.values, met };
  });
  return { ...base, metrics };
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
  fs.writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results }, null, 2));
  console.log(`\nwritten: ${path.relative(process.cwd(), args.json)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
