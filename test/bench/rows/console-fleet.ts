import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import amqp, { type ChannelModel } from 'amqplib';
import { z } from 'zod';
import { startConsole, type RunningConsole } from '../../../backend/console/console';
import { CONSOLE_QUEUE } from '../../../backend/console/ingest';
import { rolloutExtension } from '../../../backend/console/rollouts/rollout-extension';
import { CONSOLE_DATABASE_FILE } from '../../../backend/console/store/console-db';
import { advance, createFleet, heartbeatOf, SIM_SECONDS_PER_HEARTBEAT } from '../../../electron/kioskctl/fleet-sim/sim-kiosk';
import { Rollout } from '../../../shared/fleet/console-api';
import { prng } from '../../../shared/prng';
import { launchChromium } from '../../support/browser';
import { resetBroker } from '../../integration/sync-helpers';
import { startBroker, type Broker } from '../../support/rabbitmq';
import crypto from 'node:crypto';
import { signBundle } from '../../../electron/host/config/bundle-signature';
import { ConfigBundle } from '../../../shared/config/config-bundle';
import type { BenchRow, Metric } from '../bench-types';
import { msSince, percentile } from '../stats';

const KIOSKS = 2000;
const BRANCHES = 40;
const REAL_INTERVAL_MS = 60_000;
const FAST_INTERVAL_MS = REAL_INTERVAL_MS / 20;
const API_REQUESTS = 100;
const SIM_HOURS = 24;
// `npm run bench` runs from the repository (the row is bundled into dist/bench: no __dirname paths).
const repo = process.cwd();

let broker: Broker | null = null;

/**
 * `kioskctl fleet simulate` as its own process (as a fleet is: elsewhere), so
 * the console's figures are the console's, not a shared event loop's. Ends on
 * SIGTERM; resolves with its JSON report (heartbeats published, applied, refused).
 */
function simulate(url: string, intervalMs: number, refuse: string[] = []): { stop(): Promise<{ heartbeats: number }> } {
  const args = ['dist/kioskctl.cjs', 'fleet', 'simulate', '--kiosks', String(KIOSKS), '--branches', String(BRANCHES), '--seed', '7'];
  args.push('--interval-ms', String(intervalMs), '--faults', '0.01', '--amqp', url, '--json');
  if (refuse.length > 0) args.push('--refuse', refuse.join(','));
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
      const last = out.trim().split('\n').at(-1) ?? '';
      const report = z.object({ heartbeats: z.number() }).safeParse(last === '' ? null : JSON.parse(last));
      if (!report.success) throw new Error(`fleet simulate gave no report: ${out.slice(0, 500)}`);
      return report.data;
    },
  };
}

/** A config bundle of this version for every kiosk, signed with the committed test-only key (test/fixtures/bundles). */
function signedBundle(version: number): Buffer {
  const fixtures = path.join(repo, 'test/fixtures/bundles');
  const key = crypto.createPrivateKey(fs.readFileSync(path.join(fixtures, 'test-only-signing.key.pem')));
  const base = ConfigBundle.parse((JSON.parse(fs.readFileSync(path.join(fixtures, 'config-v7.signed.json'), 'utf8')) as { bundle: unknown }).bundle);
  return Buffer.from(JSON.stringify(signBundle({ ...base, version, target: { all: true } }, key)));
}

/**
 * The fleet console at the scale of issue 17: 2,000 simulated kiosks
 * (`kioskctl fleet simulate`'s engine) on a real broker.
 * - Ingest at the real heartbeat interval (a minute) and at 20× (3 s): the
 *   console's queue must not grow (its depth sampled every second).
 * - The overview API's p95 while the 20× load runs, and the page in
 *   Chromium: reload → the first page of kiosks drawn.
 * - A rollout to all 2,000 in 4 waves (canary → 10 % of a branch → the
 *   branch → all) until completed, then one whose canary refuses until it
 *   halted (at wave 1).
 * - 24 simulated hours (2,000 kiosks × 1,440 heartbeats, faults coming and
 *   going) fed to the console's fleet model on a simulated clock: its memory
 *   and database size after them.
 */
export const consoleFleetRow: BenchRow = {
  id: 'console-fleet',
  title: 'fleet console: 2,000 simulated kiosks, rollouts, 24 simulated hours',
  measures: `${KIOSKS} kiosks publishing at 60 s and 3 s → console queue depth; API p95 and page reload → kiosks drawn under the 3 s load; rollout create → completed / halted; ${SIM_HOURS} simulated hours → RSS, database size`,
  runs: 1,
  async setup() {
    broker = await startBroker('bench-console-fleet');
    process.stderr.write(`  rabbitmq-server up in ${broker.startMs} ms\n`);
  },
  async run() {
    if (!broker) throw new Error('not set up');
    const url = broker.url;
    await resetBroker(url);
    const metrics: Metric[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-console-fleet-'));
    const keysDir = path.join(dir, 'keys', 'config');
    fs.mkdirSync(keysDir, { recursive: true });
    fs.copyFileSync(path.join(repo, 'test/fixtures/bundles/test-only-signing.pub.pem'), path.join(keysDir, 'key.pub.pem'));
    let running: RunningConsole | null = null;
    const model = await amqp.connect(url);
    model.on('error', () => undefined);
    try {
      running = await startConsole({
        amqpUrl: url,
        port: 0,
        dataDir: path.join(dir, 'live'),
        pageDir: path.join(repo, 'dist/console-page'),
        log: () => undefined,
        extensions: [rolloutExtension({ amqpUrl: url, keysDir })],
      });
      const console = running;
      const token = console.auth.createToken('admin', 'bench');
      const api = async (method: string, route: string, body?: unknown): Promise<unknown> => {
        const response = await fetch(new URL(route, console.url), {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json: unknown = await response.json();
        if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      };

      // 1. Ingest at the real rate, then at 20×.
      for (const [label, intervalMs, seconds] of [
        ['60 s', REAL_INTERVAL_MS, 75],
        ['3 s', FAST_INTERVAL_MS, 40],
      ] as const) {
        const sim = simulate(url, intervalMs);
        const depth = await sampleDepth(model, seconds * 1000, label === '3 s' ? () => apiAndPage(console, api, metrics) : null);
        const report = await sim.stop();
        metrics.push(
          { name: `heartbeats/s at ${label}`, value: report.heartbeats / seconds, unit: '/s' },
          { name: `queue depth max at ${label}`, value: depth.max, unit: 'msgs' },
          { name: `queue depth end at ${label}`, value: depth.end, unit: 'msgs', target: { op: '<', value: 500 } },
        );
      }
      if (console.fleet.kiosks.size !== KIOSKS) throw new Error(`${console.fleet.kiosks.size} kiosks known, wanted ${KIOSKS}`);

      // 2. Rollouts, with the fleet at 3 s (applies are reported within half a second of a push).
      const until = async (id: number, state: string, ms: number): Promise<Rollout> => {
        const end = Date.now() + ms;
        for (;;) {
          const rollout = Rollout.parse(await api('GET', `/api/rollouts/${id}`));
          if (rollout.state === state) return rollout;
          if (Date.now() > end) throw new Error(`rollout ${id} is ${rollout.state}, not ${state}, after ${ms} ms`);
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const create = async (version: number, waves: unknown[]): Promise<Rollout> =>
        Rollout.parse(
          await api('POST', '/api/rollouts', { bundle: signedBundle(version).toString('base64'), waves, silentAfterSeconds: 60, maxSilentPercent: 1 }),
        );
      for (const [refuse, version] of [
        [new Set<string>(), 200],
        [new Set(['KIOSK-0002']), 201],
      ] as const) {
        const sim = simulate(url, FAST_INTERVAL_MS, [...refuse]);
        await new Promise((r) => setTimeout(r, FAST_INTERVAL_MS * 2));
        const started = process.hrtime.bigint();
        if (refuse.size === 0) {
          const rollout = await create(version, [
            { kind: 'kiosks', kioskIds: ['KIOSK-0001'] },
            { kind: 'percentOfBranch', branchId: 'BRANCH-01', percent: 10 },
            { kind: 'branch', branchId: 'BRANCH-01' },
            { kind: 'all' },
          ]);
          const done = await until(rollout.id, 'completed', 600_000);
          const applied = done.waves.reduce((n, w) => n + (w.counts.applied ?? 0), 0);
          if (applied !== KIOSKS) throw new Error(`${applied} kiosks applied, wanted ${KIOSKS}`);
          metrics.push({ name: 'rollout to all, 4 waves', value: msSince(started) / 1000, unit: 's' });
        } else {
          const rollout = await create(version, [{ kind: 'kiosks', kioskIds: ['KIOSK-0002'] }, { kind: 'all' }]);
          const halted = await until(rollout.id, 'halted', 120_000);
          if (halted.waves[1]?.startedAt !== null) throw new Error('the halted rollout started wave 2');
          metrics.push({ name: 'refusing canary → halted', value: msSince(started) / 1000, unit: 's' });
          metrics.push({
            name: 'waves started when halted',
            value: halted.waves.filter((w) => w.startedAt !== null).length,
            unit: 'waves',
            target: { op: '<', value: 2 },
          });
        }
        await sim.stop();
      }
    } finally {
      await running?.close();
      await model.close().catch(() => undefined);
    }

    // 3. 24 simulated hours on a simulated clock, straight into the fleet model.
    let clock = Date.parse('2026-12-01T00:00:00Z');
    const day = await startConsole({ amqpUrl: url, port: 0, dataDir: path.join(dir, 'day'), sweepMs: 0, now: () => new Date(clock), log: () => undefined });
    try {
      const random = prng(11);
      const fleet = createFleet(KIOSKS, BRANCHES, random);
      const minutes = (SIM_HOURS * 3600) / SIM_SECONDS_PER_HEARTBEAT;
      const started = process.hrtime.bigint();
      for (let minute = 0; minute < minutes; minute++) {
        clock += SIM_SECONDS_PER_HEARTBEAT * 1000;
        const batch = fleet.map((k) => {
          advance(k, random, 0.01);
          return heartbeatOf(k, new Date(clock - 1000), '0.1.0');
        });
        for (let i = 0; i < batch.length; i += 500) day.fleet.ingest(batch.slice(i, i + 500));
        day.sweep();
      }
      const seconds = msSince(started) / 1000;
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      const dbBytes = ['', '-wal'].reduce(
        (sum, suffix) =>
          sum +
          (fs.existsSync(path.join(dir, 'day', CONSOLE_DATABASE_FILE + suffix)) ? fs.statSync(path.join(dir, 'day', CONSOLE_DATABASE_FILE + suffix)).size : 0),
        0,
      );
      metrics.push(
        { name: `${SIM_HOURS} h simulated in`, value: seconds, unit: 's' },
        { name: `heartbeats/s (fleet model)`, value: (minutes * KIOSKS) / seconds, unit: '/s' },
        { name: `RSS after ${SIM_HOURS} h`, value: memory.rss / 1e6, unit: 'MB' },
        { name: `JS heap after ${SIM_HOURS} h`, value: memory.heapUsed / 1e6, unit: 'MB' },
        { name: `database after ${SIM_HOURS} h`, value: dbBytes / 1e6, unit: 'MB' },
      );
    } finally {
      await day.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return metrics;
  },
  async teardown() {
    const running = broker;
    broker = null;
    await running?.dispose();
  },
};

/** The console queue's depth every second for `ms`; `during` runs meanwhile (the API and page measurements under load). */
async function sampleDepth(model: ChannelModel, ms: number, during: (() => Promise<void>) | null): Promise<{ max: number; end: number }> {
  // The console declares its queue once its link is up: wait for it (a missing queue closes a channel).
  for (let i = 0; ; i++) {
    const probe = await model.createChannel();
    probe.on('error', () => undefined);
    const found = await probe.checkQueue(CONSOLE_QUEUE).then(
      () => true,
      () => false,
    );
    if (found) {
      await probe.close();
      break;
    }
    if (i > 100) throw new Error(`${CONSOLE_QUEUE} was never declared`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const channel = await model.createChannel();
  let max = 0;
  let end = 0;
  const sampling = (async () => {
    const stop = Date.now() + ms;
    while (Date.now() < stop) {
      end = (await channel.checkQueue(CONSOLE_QUEUE)).messageCount;
      max = Math.max(max, end);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  await during?.();
  await sampling;
  await channel.close();
  return { max, end };
}

/** Under the 20× load: p95 of the overview's routes, and the page reloaded until its first page of kiosks is drawn. */
async function apiAndPage(console: RunningConsole, api: (method: string, route: string) => Promise<unknown>, metrics: Metric[]): Promise<void> {
  await new Promise((r) => setTimeout(r, 5000));
  for (const route of ['/api/summary', '/api/kiosks?limit=50']) {
    const samples: number[] = [];
    for (let i = 0; i < API_REQUESTS; i++) {
      const t = process.hrtime.bigint();
      await api('GET', route);
      samples.push(msSince(t));
    }
    metrics.push({ name: `${route.replace(/\?.*/, '')} p95 at 3 s`, value: percentile(samples, 95), unit: 'ms', target: { op: '<', value: 100 } });
  }
  const password = 'bench password 1234';
  await console.auth.addUser('bench-admin', 'admin', password).catch(() => undefined);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(console.url);
    await page.fill('[data-testid="login-name"]', 'bench-admin');
    await page.fill('[data-testid="login-password"]', password);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="kiosk-table"] tbody tr');
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      await page.reload();
      await page.waitForSelector('[data-testid="kiosk-table"] tbody tr');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      samples.push(msSince(t));
    }
    metrics.push({ name: 'page reload → kiosks drawn', value: percentile(samples, 50), unit: 'ms', target: { op: '<', value: 1500 } });
  } finally {
    await browser.close();
  }
}
