import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heartbeat } from '../../shared/fleet/heartbeat';
import { STATUS_EXCHANGE } from '../../electron/host/fleet/fleet-topology';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { startBroker, type Broker } from '../support/rabbitmq';
import { bundle, kioskctl, makeKey, tempDir, writeSigned } from '../unit/host/config-fixtures';
import { waitFor } from './sync-helpers';

/**
 * `kioskctl fleet simulate` through a real RabbitMQ: 50 simulated kiosks at a
 * fast interval publish heartbeat v2 that a consumer of kiosk.status reads; a
 * config push to branch.BRANCH-01 (kioskctl config publish) is applied by that
 * branch's kiosks only, and the --refuse kiosk among them reports the refusal.
 */
let broker: Broker;
let root: string;
let listener: ChannelModel;
const seen: Heartbeat[] = [];
let unreadable = 0;

beforeAll(async () => {
  broker = await startBroker('fleet-sim');
  root = tempDir('kiosk-fleet-sim-');
  listener = await amqp.connect(broker.url);
  const channel = await listener.createChannel();
  await channel.assertExchange(STATUS_EXCHANGE, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, STATUS_EXCHANGE, 'kiosk.#');
  await channel.consume(
    queue,
    (m: ConsumeMessage | null) => {
      if (m === null) return;
      const parsed = Heartbeat.safeParse(JSON.parse(m.content.toString('utf8')));
      if (parsed.success) seen.push(parsed.data);
      else unreadable += 1;
    },
    { noAck: true },
  );
}, 120_000);
afterAll(async () => {
  await listener?.close().catch(() => undefined);
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

/** Starts the simulator in-process; `stop()` is its SIGINT. */
function simulate(...args: string[]): { stop: () => void; done: Promise<{ code: number; out: string[]; err: string[] }> } {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: controller.signal };
  return { stop: () => controller.abort(), done: main(['fleet', 'simulate', ...args], io).then((code) => ({ code, out, err })) };
}

const BRANCH_01 = Array.from({ length: 10 }, (_, i) => `KIOSK-${String(i * 5 + 1).padStart(4, '0')}`);

describe('kioskctl fleet simulate', () => {
  it('runs 50 kiosks whose heartbeats parse as v2; a branch push is applied by that branch only, and refused by the --refuse kiosk', async () => {
    const sim = simulate('--kiosks', '50', '--branches', '5', '--amqp', broker.url, '--interval-ms', '300', '--seed', '11', '--refuse', 'KIOSK-0006', '--json');
    try {
      await waitFor(() => new Set(seen.map((h) => h.kioskId)).size === 50, 60_000, 'heartbeats of all 50 kiosks');
      expect(unreadable).toBe(0);
      expect(new Set(seen.map((h) => h.branchId))).toEqual(new Set(['BRANCH-01', 'BRANCH-02', 'BRANCH-03', 'BRANCH-04', 'BRANCH-05']));
      expect(seen.find((h) => h.kioskId === 'KIOSK-0006')?.branchId).toBe('BRANCH-01');

      const key = makeKey(path.join(root, 'keys'));
      const file = writeSigned(path.join(root, 'branch-v4.json'), bundle({ version: 4, target: { branch: 'BRANCH-01' } }), key);
      const from = seen.length;
      const published = await kioskctl('config', 'publish', '--amqp', broker.url, file, '--json');
      expect(published.code, published.err.join('\n')).toBe(0);
      expect(published.json()).toMatchObject({ published: ['branch.BRANCH-01'], unroutable: [] });

      const latest = (): Map<string, Heartbeat> => new Map(seen.slice(from).map((h) => [h.kioskId, h]));
      await waitFor(
        () => {
          const now = latest();
          return BRANCH_01.every((id) => (id === 'KIOSK-0006' ? now.get(id)?.config.refused?.version === 4 : now.get(id)?.config.version === 4));
        },
        30_000,
        'the branch reporting version 4 applied (and KIOSK-0006 refused)',
      );
      const after = latest();
      expect(after.get('KIOSK-0006')?.config).toMatchObject({ version: null, refused: { version: 4, reason: 'schema: simulated refusal' } });
      expect(after.get('KIOSK-0001')?.config).toMatchObject({ version: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/), refused: null });
      // Every heartbeat of any other branch still has no config: the push did not reach it.
      const elsewhere = seen.filter((h) => h.branchId !== 'BRANCH-01');
      expect(elsewhere.length).toBeGreaterThan(0);
      expect(elsewhere.filter((h) => h.config.version !== null || h.config.refused !== null)).toEqual([]);
    } finally {
      sim.stop();
    }
    const result = await sim.done;
    expect(result.code, result.err.join('\n')).toBe(0);
    const summary = JSON.parse(result.out.join('\n')) as Record<string, number>;
    expect(summary).toMatchObject({ kiosks: 50, branches: 5, seed: 11, applied: 9, refused: 1, bundles: 1, ignored: 0 });
    expect(summary.heartbeats).toBeGreaterThanOrEqual(50);
  }, 120_000);

  it('as a process, stops cleanly on SIGTERM with its last counts (exit 0)', async () => {
    const built = path.resolve(__dirname, '../../dist/kioskctl.cjs');
    if (!fs.existsSync(built)) throw new Error('dist/kioskctl.cjs is missing: run `npm run build` first');
    const child = spawn(process.execPath, [built, 'fleet', 'simulate', '--kiosks', '3', '--amqp', broker.url, '--interval-ms', '200', '--seed', '99'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const from = seen.length;
    await waitFor(() => seen.slice(from).some((h) => h.kioskId === 'KIOSK-0003'), 30_000, 'a heartbeat of the simulator process');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/^simulating 3 kiosk\(s\) in 1 branch\(es\)/);
    expect(out).toMatch(/\d+ heartbeats \(.*\/s\), 0 applied, 0 refused, 0 push\(es\) \(end\)\n$/);
  }, 60_000);

  it('refuses bad flags (64) and says when the broker cannot be reached (3)', async () => {
    expect((await kioskctl('fleet', 'simulate', '--amqp', broker.url)).code).toBe(64);
    expect((await kioskctl('fleet', 'simulate', '--kiosks', '5', '--amqp', broker.url, '--refuse', 'KIOSK-0099')).code).toBe(64);
    expect((await kioskctl('fleet', 'simulate', '--kiosks', '5', '--amqp', broker.url, '--faults', '2')).code).toBe(64);
    expect((await kioskctl('fleet', 'simulate', '--kiosks', '5', '--amqp', 'amqp://guest:guest@127.0.0.1:1', '--duration-ms', '100')).code).toBe(3);
  }, 30_000);
});
