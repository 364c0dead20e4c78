import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../backend/console/console';
import { CONSOLE_QUEUE } from '../../backend/console/ingest';
import { verifyActionChain } from '../../backend/console/store/action-log';
import { STATUS_EXCHANGE } from '../../electron/host/fleet/fleet-topology';
import { Alert, KioskDetail, KioskList, Summary } from '../../shared/fleet/console-api';
import { HEARTBEAT_FORMAT_V1, type Heartbeat } from '../../shared/fleet/heartbeat';
import { startBroker, type Broker } from '../support/rabbitmq';
import { ConsoleClient, heartbeat, withPaper } from '../support/console-fixtures';
import { waitFor, withChannel } from './sync-helpers';

/**
 * The fleet console against a real RabbitMQ: heartbeats published on
 * kiosk.status reach its own queue, the API shows them, alerts are raised and
 * acknowledged, junk on the exchange does not stop it, and a restart keeps
 * everything.
 */
let broker: Broker;
let root: string;
let running: RunningConsole | null = null;
const PASSWORD = 'a long enough password';

async function start(): Promise<RunningConsole> {
  running = await startConsole({
    amqpUrl: broker.url,
    port: 0,
    dataDir: path.join(root, 'data'),
    sweepMs: 0,
    pageDir: path.join(root, 'page'),
    log: () => undefined,
  });
  return running;
}

/** Publishes on kiosk.status with publisher confirms: every message is on the broker when this resolves. */
async function publish(messages: (Heartbeat | string | object)[], routingKey?: string): Promise<void> {
  const connection = await amqp.connect(broker.url);
  try {
    const ch = await connection.createConfirmChannel();
    for (const m of messages) {
      const kioskId = typeof m === 'object' && 'kioskId' in m ? String(m.kioskId) : 'junk';
      ch.publish(STATUS_EXCHANGE, routingKey ?? `kiosk.${kioskId}`, Buffer.from(typeof m === 'string' ? m : JSON.stringify(m)), { persistent: true });
    }
    await ch.waitForConfirms();
  } finally {
    await connection.close();
  }
}

async function summary(client: ConsoleClient): Promise<Summary> {
  return Summary.parse((await client.get('/api/summary')).body);
}

beforeAll(async () => {
  broker = await startBroker('console');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-int-'));
  const console = await start();
  await console.auth.addUser('otto', 'operator', PASSWORD);
  await console.auth.addUser('vera', 'viewer', PASSWORD);
  await waitFor(() => console.ingest.connected, 20_000, 'the console on the broker');
}, 120_000);
afterAll(async () => {
  await running?.close();
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('fleet console on RabbitMQ', () => {
  it('takes heartbeats from kiosk.status: summary counts and kiosk filters; junk is acked and counted, not fatal', async () => {
    const console = running as RunningConsole;
    const token = console.auth.createToken('viewer', 'int');
    const client = new ConsoleClient(console.url, token);
    const now = new Date();
    const v1 = { ...heartbeat('K-V1', now, { branchId: 'BRANCH-QD-02' }), format: HEARTBEAT_FORMAT_V1, config: { version: 3, hash: null } } as Record<
      string,
      unknown
    >;
    delete v1.stock;
    delete v1.audit;
    await publish([
      'not json at all',
      { format: 'tax-kiosk/heartbeat@9', kioskId: 'K-X' },
      heartbeat('K-001', now),
      withPaper(heartbeat('K-002', now), 'receipt', 'out'),
      withPaper(withPaper(heartbeat('K-003', now, { branchId: 'BRANCH-QD-02' }), 'receipt', 'out'), 'invoice', 'out'),
      heartbeat('K-004', new Date(now.getTime() - 10 * 60_000), { branchId: 'BRANCH-QD-02' }),
      v1,
    ]);
    const s = await waitFor(
      async () => {
        const answer = await summary(client);
        return answer.ingest.received === 7 && answer;
      },
      20_000,
      'seven messages taken',
    );
    expect(s.ingest.rejected).toBe(2);
    expect(s.kiosks).toBe(5);
    expect(s.byHealth).toEqual({ ok: 2, visit: 1, down: 1, stale: 1 });
    const ids = async (query: string) => KioskList.parse((await client.get(`/api/kiosks${query}`)).body).kiosks.map((k) => k.kioskId);
    expect(await ids('?branch=BRANCH-QD-02')).toEqual(['K-003', 'K-004', 'K-V1']);
    expect(await ids('?state=down')).toEqual(['K-003']);
    expect(await ids('?reason=paperOut')).toEqual(['K-003', 'K-002']);
    // A version-1 kiosk: stock and audit head unknown, not "fine".
    const v1Detail = KioskDetail.parse((await client.get('/api/kiosks/K-V1')).body);
    expect(v1Detail.heartbeat.stock).toEqual([]);
    expect(v1Detail.audit.head).toBeNull();

    // Acked, junk included: nothing waits on the console's queue.
    await withChannel(broker.url, async (ch) => {
      await waitFor(async () => (await ch.checkQueue(CONSOLE_QUEUE)).messageCount === 0, 10_000, 'the console queue drained');
    });

    // A heartbeat about K-001 published under another kiosk's key is not taken.
    await publish([withPaper(heartbeat('K-001', new Date(Date.now() + 1000)), 'receipt', 'out')], 'kiosk.K-002');
    await waitFor(async () => (await summary(client)).ingest.rejected === 3, 20_000, 'the spoofed heartbeat rejected');
    expect(console.fleet.kiosks.get('K-001')?.health).toBe('ok');

    // Ingest goes on after the junk.
    await publish([heartbeat('K-005', new Date())]);
    await waitFor(async () => (await summary(client)).kiosks === 6, 20_000, 'K-005 seen');
  }, 60_000);

  it('paper out raises an alert an operator acknowledges; a viewer gets 403, no session 401, no CSRF header 403', async () => {
    const console = running as RunningConsole;
    await publish([withPaper(heartbeat('K-010', new Date()), 'receipt', 'out')]);
    const operator = new ConsoleClient(console.url);
    expect((await operator.login('otto', PASSWORD)).status).toBe(200);
    const alert = await waitFor(
      async () => {
        const open = Alert.array().parse((await operator.get('/api/alerts?open=1')).body);
        return open.find((a) => a.kioskId === 'K-010');
      },
      20_000,
      'the paper-out alert of K-010',
    );
    expect(alert).toMatchObject({ kind: 'paperOut', subject: 'receipt', ack: null, clearedAt: null });

    expect((await new ConsoleClient(console.url).request('POST', `/api/alerts/${alert.id}/ack`, { note: 'x' })).status).toBe(401);
    const viewer = new ConsoleClient(console.url);
    await viewer.login('vera', PASSWORD);
    expect((await viewer.request('POST', `/api/alerts/${alert.id}/ack`, { note: 'x' })).status).toBe(403);
    expect((await operator.request('POST', `/api/alerts/${alert.id}/ack`, { note: 'x' }, { csrf: false })).status).toBe(403);
    const acked = await operator.request('POST', `/api/alerts/${alert.id}/ack`, { note: 'paper on the way' });
    expect(acked.status).toBe(200);
    expect(Alert.parse(acked.body).ack).toMatchObject({ by: 'otto', note: 'paper on the way' });

    // Paper back: the alert is cleared and kept, acknowledgement and all.
    await publish([heartbeat('K-010', new Date(Date.now() + 1000))]);
    const cleared = await waitFor(
      async () => {
        const all = Alert.array().parse((await operator.get('/api/alerts')).body);
        return all.find((a) => a.id === alert.id && a.clearedAt !== null);
      },
      20_000,
      'the alert cleared',
    );
    expect(cleared.ack?.by).toBe('otto');
  }, 60_000);

  it('keeps up with a burst: every heartbeat of 300 kiosks × 5 is taken, the newest of each kept', async () => {
    const console = running as RunningConsole;
    const before = console.ingest.stats.received;
    const base = Date.now();
    const beats: Heartbeat[] = [];
    for (let round = 0; round < 5; round++)
      for (let k = 0; k < 300; k++) beats.push(heartbeat(`B-${String(k).padStart(4, '0')}`, new Date(base + round * 1000), { uptimeSeconds: round }));
    await publish(beats);
    await waitFor(() => console.ingest.stats.received - before >= beats.length, 60_000, 'the burst taken');
    expect(console.ingest.stats.received - before).toBe(beats.length);
    expect(console.fleet.kiosks.get('B-0123')?.heartbeat.uptimeSeconds).toBe(4);
    // Five heartbeats each, one "seen" and one "health" row each: no row per heartbeat.
    expect((console.db.prepare("SELECT count(*) AS n FROM timeline WHERE kiosk_id LIKE 'B-%'").get() as { n: number }).n).toBe(600);
  }, 90_000);

  it('a restart keeps kiosks, alerts and the action log, and the log still verifies', async () => {
    const before = running as RunningConsole;
    const kiosks = before.fleet.kiosks.size;
    await before.close();
    running = null;
    const after = await start();
    const client = new ConsoleClient(after.url);
    expect((await client.login('otto', PASSWORD)).status).toBe(200);
    expect((await summary(client)).kiosks).toBe(kiosks);
    const all = Alert.array().parse((await client.get('/api/alerts')).body);
    expect(all.find((a) => a.kioskId === 'K-010')?.ack?.note).toBe('paper on the way');
    expect(verifyActionChain(after.db)).toMatchObject({ ok: true });
    await waitFor(() => after.ingest.connected, 20_000, 'the console back on the broker');
    await publish([withPaper(heartbeat('K-001', new Date(Date.now() + 2000)), 'receipt', 'low')]);
    await waitFor(() => after.fleet.kiosks.get('K-001')?.health === 'visit', 20_000, 'K-001 paper low after the restart');
  }, 90_000);
  it('goes on after the broker restarts: the link comes back by itself', async () => {
    const console = running as RunningConsole;
    await broker.stopNode();
    await waitFor(() => !console.ingest.connected, 30_000, 'the console to notice the broker is gone');
    await broker.start();
    await waitFor(() => console.ingest.connected, 60_000, 'the console back on the broker');
    await publish([withPaper(heartbeat('K-002', new Date(Date.now() + 5000)), 'receipt', 'full')]);
    await waitFor(() => console.fleet.kiosks.get('K-002')?.health === 'ok', 20_000, 'K-002 with paper again');
  }, 120_000);
});
