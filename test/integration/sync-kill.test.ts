import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { QUEUES } from '../../electron/host/sync/topology';
import { prng } from '../support/prng';
import { startBroker, type Broker } from '../support/rabbitmq';
import { drainQueue, resetBroker } from './sync-helpers';

/**
 * Fault test 2 (docs/sync.md): the kiosk process is killed with SIGKILL at random
 * points while `kioskctl load` drives visits, and restarted each time. Every
 * transaction it reported as committed must then reach the backend: the load
 * runs in the default mode, whose delivery loop hands rows to the in-process
 * sandbox's intake while it runs (docs/collection.md "Both backend modes");
 * what is still pending after the last kill is delivered by `kioskctl sync
 * --once` to a real RabbitMQ. The database must pass `PRAGMA
 * integrity_check`, and no invoice number may have been handed out twice.
 * Delays come from a seeded PRNG: a failure replays by seed.
 */
const ROOT = path.resolve(__dirname, '../..');
const KILLS = 20;
const SEED = 20_261_129;

let broker: Broker;
let work = '';
let bundle = '';

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-sync-kill-'));
  bundle = path.join(work, 'kioskctl.cjs');
  const [started] = await Promise.all([
    startBroker('kill'),
    build({
      entryPoints: [path.join(ROOT, 'electron/kioskctl/entry.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      outfile: bundle,
      logLevel: 'error',
    }),
  ]);
  broker = started;
  console.info(`rabbitmq-server up in ${broker.startMs} ms`);
  await resetBroker(broker.url);
}, 180_000);
afterAll(async () => {
  await broker?.dispose();
  if (work) fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

/**
 * Runs `kioskctl load` and SIGKILLs it (with its socat children: its own
 * process group) `killAfterMs` after it said "host ready" — or, with
 * `duringStartup`, that long after spawn, ready or not (startup recovery).
 */
async function loadUntilKilled(
  dataDir: string,
  seed: number,
  killAfterMs: number,
  duringStartup: boolean,
  reported: Map<string, string>,
  visits = 10_000,
): Promise<{ killed: boolean; stderr: string }> {
  const proc = spawn(process.execPath, [bundle, 'load', '--visits', String(visits), '--seed', String(seed), '--data-dir', dataDir], {
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), KIOSK_AMQP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let buffer = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^committed (\w+) ([0-9A-Z]{26})$/.exec(line);
      if (m?.[1] && m[2]) reported.set(m[2], m[1]);
    }
  });
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (stderr.includes('host ready')) ready();
  });
  const exited = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  if (!duringStartup) await Promise.race([isReady, exited]);
  const timer = new Promise<'timer'>((resolve) => setTimeout(() => resolve('timer'), killAfterMs));
  const first = await Promise.race([timer, exited.then(() => 'exited' as const)]);
  if (first === 'timer' && proc.pid) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  await exited;
  return { killed: first === 'timer', stderr };
}

async function kioskctl(dataDir: string, ...args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => out.push(l), stdin: new PassThrough(), stopSignal: new AbortController().signal };
  const code = await main([...args, '--data-dir', dataDir], io);
  return { code, out };
}

describe('fault test 2: the kiosk killed at random points during load', () => {
  it(`delivers every transaction reported committed across ${KILLS} SIGKILLs; the database stays sound; no invoice number twice`, async () => {
    const dataDir = path.join(work, 'kiosk');
    const rand = prng(SEED);
    const reported = new Map<string, string>();
    let killed = 0;
    const started = Date.now();
    for (let round = 0; round < KILLS; round++) {
      // One kill in five lands in startup (recovery of the previous kill); the rest mid-visit, mid-print or between visits.
      const duringStartup = rand() < 0.2;
      // A visit takes ~2–4 s under load: up to 8 s after ready covers a few of them.
      const delayMs = Math.floor(duringStartup ? rand() * 4000 : 500 + rand() * 7500);
      const run = await loadUntilKilled(dataDir, SEED + round, delayMs, duringStartup, reported);
      if (!run.killed) throw new Error(`kioskctl load exited before its kill (round ${round}): ${run.stderr.slice(0, 2000)}`);
      killed++;
    }
    // After the last kill the kiosk still starts, recovers and serves: a short run to its end.
    const final = await loadUntilKilled(dataDir, SEED + KILLS, 120_000, false, reported, 4);
    expect(final.killed, final.stderr).toBe(false);
    console.log(
      `${killed} SIGKILLs + a final run in ${((Date.now() - started) / 1000).toFixed(1)} s; ${reported.size} transactions reported committed (${[...new Set(reported.values())].join(', ')})`,
    );
    expect(reported.size).toBeGreaterThan(0);

    const db = new Database(path.join(dataDir, 'kiosk.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every reported transaction is in the database, committed, with its outbox legs.
      for (const [id, service] of reported) {
        // 纳税信用 reports the consent's id: its grant (or withdrawal) and the bank's outbox row commit together.
        const legs =
          service === 'credit'
            ? (
                db
                  .prepare(`SELECT COUNT(*) AS n FROM credit_consents c JOIN outbox o ON o.id IN (c.consent_outbox_id, c.revoke_outbox_id) WHERE c.id = ?`)
                  .get(id) as { n: number }
              ).n
            : (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE transaction_id = ?').get(id) as { n: number }).n;
        expect(legs, `outbox legs of ${service} ${id}`).toBeGreaterThan(0);
      }
      // No number handed out twice: live allocations (not returned to stock) never overlap within a code.
      const allocations = db
        .prepare("SELECT code, first_number AS first, last_number AS last, state FROM stock_allocations WHERE state <> 'returned' ORDER BY code, first_number")
        .all() as { code: string; first: number; last: number; state: string }[];
      for (let i = 1; i < allocations.length; i++) {
        const a = allocations[i - 1];
        const b = allocations[i];
        if (a && b && a.code === b.code) expect(b.first, `${b.code} ${b.first} overlaps ${a.first}–${a.last}`).toBeGreaterThan(a.last);
      }
      console.log(`stock: ${allocations.length} live allocations, none overlapping; states ${JSON.stringify(countBy(allocations.map((a) => a.state)))}`);
    } finally {
      db.close();
    }

    // Deliver what the kiosk left in its outbox.
    let last = { code: -1, out: [] as string[] };
    for (let attempt = 0; attempt < 10 && last.code !== 0; attempt++) last = await kioskctl(dataDir, 'sync', '--once', '--amqp', broker.url);
    expect(last.code, last.out.join('\n')).toBe(0);

    const arrived = [...(await drainQueue(broker.url, QUEUES.national.queue, 60_000)), ...(await drainQueue(broker.url, QUEUES.local.queue, 60_000))];
    // Transaction legs carry their transactionId; the other rows (audit entries) do not.
    const arrivedTransactions = new Set(
      arrived.map((m) => (JSON.parse(m.content.toString('utf8')) as { transactionId?: string }).transactionId).filter((id) => id !== undefined),
    );
    const arrivedIds = new Set(arrived.map((m) => String(m.properties.messageId)));
    // What the in-process delivery handed to the sandbox's intake while the load ran.
    const sandbox = new Database(path.join(dataDir, 'sandbox-backend.sqlite'), { readonly: true });
    const takenIn = new Set((sandbox.prepare('SELECT message_id FROM intake').all() as { message_id: string }[]).map((r) => r.message_id));
    sandbox.close();
    const check = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
    let viaBroker = 0;
    try {
      for (const [id, service] of reported) {
        const legs = check.prepare('SELECT id FROM outbox WHERE transaction_id = ?').all(id) as { id: string }[];
        for (const leg of legs)
          expect(arrivedIds.has(leg.id) || takenIn.has(leg.id), `leg ${leg.id} of ${service} ${id} reported committed but not delivered`).toBe(true);
        if (arrivedTransactions.has(id)) viaBroker++;
      }
    } finally {
      check.close();
    }
    console.log(
      `${takenIn.size} messages taken in by the in-process sandbox; ${arrived.length} on the queues after the kills, legs of ${viaBroker} reported transactions (the rest audit entries)`,
    );
  }, 400_000);
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
