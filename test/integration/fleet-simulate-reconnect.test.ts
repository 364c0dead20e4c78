import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heartbeat } from '../../shared/fleet/heartbeat';
import { declareFleetQueue, FLEET_QUEUE } from '../../electron/host/fleet/fleet-topology';
import { main } from '../../electron/kioskctl/main';
import type { CommandIo } from '../../electron/kioskctl/command';
import { startBroker, type Broker } from '../support/rabbitmq';
import { bundle, kioskctl, makeKey, tempDir, writeSigned } from '../unit/host/config-fixtures';
import { waitFor, withChannel } from './sync-helpers';

/**
 * `kioskctl fleet simulate` is a broker client like the others: when its
 * broker node stops, the simulation keeps running (no exit), skips the
 * heartbeats due meanwhile, and once the node is back it reconnects,
 * heartbeats reach the fleet queue again and a config push is taken again.
 * Every link event is one stderr line with the URL's password redacted.
 */
let broker: Broker;
let root: string;
let reader: ChannelModel | null = null;

beforeAll(async () => {
  broker = await startBroker('fleet-sim-reconnect');
  root = tempDir('kiosk-fleet-sim-reconnect-');
  await withChannel(broker.url, (channel) => declareFleetQueue(channel));
}, 120_000);
afterAll(async () => {
  await reader?.close().catch(() => undefined);
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

/** The simulator in-process; `stop()` is its SIGINT, `exited` turns true when the command returns. */
function simulate(...args: string[]): { stop: () => void; err: string[]; exited: () => boolean; done: Promise<{ code: number; out: string[] }> } {
  const controller = new AbortController();
  const out: string[] = [];
  const err: string[] = [];
  let exited = false;
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: new PassThrough(), stopSignal: controller.signal };
  const done = main(['fleet', 'simulate', ...args], io).then((code) => {
    exited = true;
    return { code, out };
  });
  return { stop: () => controller.abort(), err, exited: () => exited, done };
}

/** Heartbeats read from the fleet queue from now on (a consumer on a connection of its own). */
async function readFleetQueue(): Promise<Heartbeat[]> {
  const seen: Heartbeat[] = [];
  reader = await amqp.connect(broker.url);
  reader.on('error', () => undefined);
  const channel = await reader.createChannel();
  await channel.consume(
    FLEET_QUEUE,
    (m: ConsumeMessage | null) => {
      if (m !== null) seen.push(Heartbeat.parse(JSON.parse(m.content.toString('utf8'))));
    },
    { noAck: true },
  );
  return seen;
}

describe('kioskctl fleet simulate when its broker node stops', () => {
  it('keeps running, reconnects once the node is back, and heartbeats and config pushes flow again', async () => {
    const sim = simulate('--kiosks', '5', '--amqp', broker.url, '--interval-ms', '200', '--seed', '5', '--json');
    /** Fails at once, not at a timeout, if the command ended (today's code exits 1 on a lost link). */
    const running = (): void => {
      if (sim.exited()) throw new Error(`the simulation exited: ${sim.err.join(' | ')}`);
    };
    const connects = (): number => sim.err.filter((l) => l.includes('connected to')).length;
    try {
      await waitFor(async () => (await withChannel(broker.url, (ch) => ch.checkQueue(FLEET_QUEUE))).messageCount >= 5, 20_000, 'heartbeats in the fleet queue');
      await broker.stopNode();
      await waitFor(() => (running(), sim.err.some((l) => l.includes('lost '))), 10_000, 'the loss reported');
      expect(connects()).toBe(1);
      await broker.start();
      const back = Date.now();
      // Backoff capped at 5 s: the link is back within a few seconds of the node.
      await waitFor(() => (running(), connects() >= 2), 20_000, 'the simulation reconnected');
      const seen = await readFleetQueue();
      await waitFor(() => (running(), seen.some((h) => Date.parse(h.sentAt) > back)), 10_000, 'a heartbeat sent after the restart');
      expect(new Set(seen.filter((h) => Date.parse(h.sentAt) > back).map((h) => h.kioskId)).size).toBeGreaterThan(1);

      // The push queue is declared again on the new link: a push is applied.
      const key = makeKey(path.join(root, 'keys'));
      const file = writeSigned(path.join(root, 'kiosk-v3.json'), bundle({ version: 3, target: { kioskIds: ['KIOSK-0002'] } }), key);
      const published = await kioskctl('config', 'publish', '--amqp', broker.url, file, '--json');
      expect(published.code, published.err.join('\n')).toBe(0);
      expect(published.json()).toMatchObject({ unroutable: [] });
      await waitFor(() => (running(), seen.some((h) => h.kioskId === 'KIOSK-0002' && h.config.version === 3)), 10_000, 'KIOSK-0002 applying version 3');
    } finally {
      sim.stop();
    }
    const result = await sim.done;
    expect(result.code, sim.err.join('\n')).toBe(0);
    const summary = JSON.parse(result.out.join('\n')) as Record<string, number>;
    expect(summary).toMatchObject({ kiosks: 5, applied: 1, bundles: 1 });
    expect(summary.skipped).toBeGreaterThan(0);
    // One line per link event, the URL without its password.
    expect(sim.err[0]).toMatch(/^kioskctl fleet simulate: connected to node 1 of 1 \(amqp:\/\/guest:\*\*\*@127\.0\.0\.1:\d+\/?\)$/);
    expect(sim.err.filter((l) => /^kioskctl fleet simulate: lost node 1 of 1 \(.+\): .+; retry in \d+ ms$/.test(l))).toHaveLength(1);
    expect(sim.err.join('\n')).not.toContain('guest:guest');
    expect(sim.err.join('\n')).toContain('guest:***@');
  }, 90_000);

  it('stops promptly on Ctrl-C while waiting to reconnect (exit 0)', async () => {
    const sim = simulate('--kiosks', '3', '--amqp', broker.url, '--interval-ms', '200', '--seed', '6', '--json');
    await waitFor(() => sim.err.some((l) => l.includes('connected to')), 20_000, 'the link up');
    await broker.stopNode();
    try {
      await waitFor(() => sim.err.some((l) => /^kioskctl fleet simulate: (lost|cannot connect)/.test(l)), 10_000, 'a loss or failed connect');
      const asked = Date.now();
      sim.stop();
      const result = await sim.done;
      expect(result.code, sim.err.join('\n')).toBe(0);
      expect(Date.now() - asked).toBeLessThan(3_000);
    } finally {
      await broker.start();
    }
  }, 60_000);

  it('gives up with 3 when no node of the list answers the first connect', async () => {
    const sim = simulate('--kiosks', '2', '--amqp', 'amqp://guest:guest@127.0.0.1:1', '--amqp', 'amqp://guest:guest@127.0.0.1:2');
    const result = await sim.done;
    expect(result.code).toBe(3);
    expect(sim.err).toHaveLength(2);
    expect(sim.err[0]).toMatch(
      /^kioskctl fleet simulate: cannot connect to node 1 of 2 \(amqp:\/\/guest:\*\*\*@127\.0\.0\.1:[12]\/?\): .*; retry on node 2 of 2 .* in \d+ ms$/,
    );
    expect(sim.err[1]).toMatch(/^kioskctl fleet simulate: cannot reach amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1\/?,amqp:\/\/guest:\*\*\*@127\.0\.0\.1:2\/?: /);
  }, 20_000);
});
