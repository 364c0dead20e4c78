import fs from 'node:fs';
import path from 'node:path';
import type { ConsumeMessage } from 'amqplib';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_FORMAT, Heartbeat } from '../../shared/fleet/heartbeat';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { FLEET_QUEUE, STATUS_EXCHANGE, declareFleetQueue } from '../../electron/host/fleet/fleet-topology';
import { startBroker, type Broker } from '../support/rabbitmq';
import { KIOSK, kioskctl, tempDir } from '../unit/host/config-fixtures';
import { waitFor, withChannel } from './sync-helpers';
import { hostCalls } from './host-calls';

/**
 * The fleet view through a real RabbitMQ: a running host (simulator devices,
 * backend.transport "amqp") publishes a heartbeat when a device changes, and
 * `kioskctl fleet status` lists the kiosks that need a visit first.
 */
let broker: Broker;
let host: KioskHost | null = null;
const { call } = hostCalls(() => host);
let root: string;

beforeAll(async () => {
  broker = await startBroker('fleet');
  root = tempDir('kiosk-fleet-');
  const dataDir = path.join(root, 'kiosk');
  fs.mkdirSync(dataDir);
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ ...KIOSK, backend: { transport: 'amqp', url: broker.url } }));
  host = await createHost({ dataDir, shell: 'chromium' });
  await host.start();
}, 120_000);
afterAll(async () => {
  await host?.stop();
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('kiosk status heartbeats', () => {
  it('publishes a heartbeat soon after a device changes: the receipt printer out of paper', async () => {
    // The test listens on its own queue, leaving the fleet queue to kioskctl.
    const connection = await amqp.connect(broker.url);
    const seen: Heartbeat[] = [];
    try {
      const channel = await connection.createChannel();
      await channel.assertExchange(STATUS_EXCHANGE, 'topic', { durable: true });
      const { queue } = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(queue, STATUS_EXCHANGE, `kiosk.${KIOSK.kioskId}`);
      await channel.consume(
        queue,
        (m: ConsumeMessage | null) => {
          if (m) seen.push(Heartbeat.parse(JSON.parse(m.content.toString('utf8'))));
        },
        { noAck: true },
      );

      await call('sim.printer.setState', { printer: 'receipt', state: 'paper-out' });
      const beat = await waitFor(
        () => seen.find((h) => h.devices.printers.receipt?.paper === 'out'),
        20_000,
        'a heartbeat with the receipt printer out of paper',
      );
      expect(beat).toMatchObject({ kioskId: KIOSK.kioskId, branchId: KIOSK.branchId, config: { version: null }, outbox: { pending: 0, dead: 0 } });
      expect(beat.devices.printers.invoice).toMatchObject({ device: 'online' });
      expect(beat.uptimeSeconds).toBeGreaterThanOrEqual(0);

      await call('sim.printer.setState', { printer: 'receipt', state: 'ready' });
      await waitFor(() => seen.slice(seen.indexOf(beat) + 1).find((h) => h.devices.printers.receipt?.paper === 'full'), 20_000, 'a heartbeat with paper again');
    } finally {
      await connection.close();
    }
  }, 60_000);

  it('kioskctl fleet status lists the kiosks needing a visit first, and keeps the newest heartbeat of each', async () => {
    // Only the synthetic fleet below from here on.
    await host?.stop();
    host = null;
    const now = Date.now();
    const beat = (
      kioskId: string,
      over: { ageMs?: number; configVersion?: number; receiptPaper?: 'full' | 'low' | 'out'; receiptDevice?: 'online' | 'offline'; branchId?: string } = {},
    ): Heartbeat => ({
      format: HEARTBEAT_FORMAT,
      kioskId,
      branchId: over.branchId ?? 'BRANCH-JN-01',
      sentAt: new Date(now - (over.ageMs ?? 5_000)).toISOString(),
      appVersion: '0.1.0',
      uptimeSeconds: 3600,
      config: { version: over.configVersion ?? 3, hash: 'ab'.repeat(32), refused: null },
      stock: [{ type: 'ordinary-paper-1', remaining: 300 }],
      audit: { seq: 7, hash: 'cd'.repeat(32) },
      devices: {
        idcard: { device: 'online', media: 'notPresent' },
        printers: {
          receipt: { device: over.receiptDevice ?? 'online', paper: over.receiptPaper ?? 'full', coverOpen: false, detail: null },
          invoice: { device: 'online', paper: 'full', coverOpen: false, detail: null },
          a4: { device: 'online', paper: 'full', coverOpen: false, detail: null },
        },
      },
      outbox: { pending: 0, oldestAgeSeconds: null, dead: 0 },
    });
    await withChannel(broker.url, async (ch) => {
      await declareFleetQueue(ch);
      await ch.purgeQueue(FLEET_QUEUE);
      const send = (h: Heartbeat) => ch.publish(STATUS_EXCHANGE, `kiosk.${h.kioskId}`, Buffer.from(JSON.stringify(h)), { persistent: true });
      // An old heartbeat of the kiosk that is now out of paper said it was fine: the newest counts.
      send(beat('K-PAPER', { ageMs: 60_000 }));
      send(beat('K-HEALTHY'));
      send(beat('K-STALE', { ageMs: 10 * 60_000 }));
      // Another branch got version 3; this one was never targeted: not "behind".
      send(beat('K-BEHIND', { configVersion: 2, branchId: 'BRANCH-JN-02' }));
      send(beat('K-LOW', { receiptPaper: 'low', branchId: 'BRANCH-JN-02' }));
      // Drivers report the printer offline when the paper runs out.
      send(beat('K-PAPER', { receiptPaper: 'out', receiptDevice: 'offline' }));
      await waitFor(async () => (await ch.checkQueue(FLEET_QUEUE)).messageCount === 6, 10_000, 'the heartbeats queued');
    });

    const r = await kioskctl('fleet', 'status', '--amqp', broker.url, '--wait', '200', '--json');
    expect(r.code, r.err.join('\n')).toBe(1);
    const view = r.json() as {
      highestConfigVersion: number;
      summary: { kiosks: number; byHealth: Record<string, number>; byBranch: Array<{ branchId: string; kiosks: number }> };
      kiosks: Array<{
        kioskId: string;
        issues: string[];
        devicesDown: string[];
        health: string;
        reasons: Array<{ code: string }>;
        stock: unknown;
        audit: unknown;
      }>;
    };
    expect(view.highestConfigVersion).toBe(3);
    expect(view.kiosks.map((k) => [k.kioskId, k.health, k.issues, k.reasons.map((x) => x.code)])).toEqual([
      ['K-PAPER', 'visit', ['deviceDown'], ['paperOut']],
      ['K-LOW', 'visit', [], ['paperLow']],
      ['K-STALE', 'stale', ['stale'], ['heartbeatMissed']],
      ['K-BEHIND', 'ok', [], []],
      ['K-HEALTHY', 'ok', [], []],
    ]);
    expect(view.kiosks[0]?.devicesDown).toEqual(['receipt: paper out']);
    expect(view.kiosks[0]).toMatchObject({ stock: [{ type: 'ordinary-paper-1', remaining: 300 }], audit: { seq: 7, hash: 'cd'.repeat(32) } });
    expect(view.summary).toMatchObject({ kiosks: 5, byHealth: { ok: 2, visit: 2, down: 0, stale: 1 } });
    expect(view.summary.byBranch.map((b) => [b.branchId, b.kiosks])).toEqual([
      ['BRANCH-JN-01', 3],
      ['BRANCH-JN-02', 2],
    ]);

    // The queue keeps one heartbeat per kiosk: a second look sees the same fleet, the stale kiosk included, the summary first.
    const again = await kioskctl('fleet', 'status', '--amqp', broker.url, '--wait', '200');
    expect(again.code).toBe(1);
    expect(again.out[0]).toMatch(/^5 kiosk\(s\); highest config version 3/);
    expect(again.out[1]).toBe('health: ok 2, needs a visit 2, down 0, stale 1');
    expect(again.out[2]).toMatch(/^ {2}BRANCH-JN-01 +ok 1, needs a visit 1, down 0, stale 1$/);
    expect(again.out[4]).toMatch(/^KIOSK +BRANCH +HEALTH/);
    expect(again.out.slice(5).map((line) => line.split(/\s+/)[0])).toEqual(['K-PAPER', 'K-LOW', 'K-STALE', 'K-BEHIND', 'K-HEALTHY']);
    expect(again.out[5]).toMatch(/needs a visit .*receipt: paper out/);
    expect(again.out[6]).toMatch(/receipt: paper low/);
    expect(await withChannel(broker.url, (ch) => ch.checkQueue(FLEET_QUEUE))).toMatchObject({ messageCount: 5 });

    // Filters: --state lists only those states (exit 0 when all listed are ok); --branch narrows the summary too.
    const okOnes = await kioskctl('fleet', 'status', '--amqp', broker.url, '--wait', '100', '--state', 'ok', '--json');
    expect(okOnes.code).toBe(0);
    expect((okOnes.json() as typeof view).kiosks.map((k) => k.kioskId)).toEqual(['K-BEHIND', 'K-HEALTHY']);
    const branch = await kioskctl('fleet', 'status', '--amqp', broker.url, '--wait', '100', '--branch', 'BRANCH-JN-02', '--state', 'visit,stale', '--json');
    expect(branch.code).toBe(1);
    expect((branch.json() as typeof view).kiosks.map((k) => k.kioskId)).toEqual(['K-LOW']);
    expect((branch.json() as typeof view).summary).toMatchObject({ kiosks: 2, byHealth: { ok: 1, visit: 1, down: 0, stale: 0 } });
    const none = await kioskctl('fleet', 'status', '--amqp', broker.url, '--wait', '100', '--branch', 'BRANCH-NOWHERE');
    expect(none.code).toBe(0);
    expect(none.out).toContain('no kiosk matches the filters');
    const bad = await kioskctl('fleet', 'status', '--amqp', broker.url, '--state', 'broken');
    expect(bad.code).toBe(64);
  }, 60_000);

  it('exits 2 when no kiosk ever reported, and 3 when the broker is unreachable', async () => {
    await withChannel(broker.url, (ch) => ch.purgeQueue(FLEET_QUEUE));
    expect((await kioskctl('fleet', 'status', '--amqp', broker.url, '--wait', '100')).code).toBe(2);
    expect((await kioskctl('fleet', 'status', '--amqp', 'amqp://guest:guest@127.0.0.1:1')).code).toBe(3);
  }, 30_000);
});
