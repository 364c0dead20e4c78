import fs from 'node:fs';
import path from 'node:path';
import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxConfig } from '../../shared/config/tax-config';
import { HEARTBEAT_FORMAT, Heartbeat } from '../../shared/fleet/heartbeat';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { STATUS_EXCHANGE } from '../../electron/host/fleet/fleet-topology';
import { configQueueName } from '../../electron/host/config/config-topology';
import { DEMO_FORMS_PER_TYPE } from '../../electron/host/services/demo-stock';
import { startBroker, type Broker } from '../support/rabbitmq';
import { KIOSK, bundle, kioskctl, makeKey, makeKioskDir, tempDir, writeSigned, type TestKey } from '../unit/host/config-fixtures';
import { waitFor, withChannel } from './sync-helpers';

/**
 * A kiosk tells the fleet (not only its own trail) that it refused a config
 * push, with the reason, within seconds: the console halts a rollout on it.
 * Through a real RabbitMQ and a running host (simulator devices): a bundle
 * signed with a key the kiosk does not pin is refused → a heartbeat on
 * kiosk.status carries config.refused; the refusal survives a host restart;
 * a later good bundle clears it. The same heartbeats carry heartbeat v2's
 * stock left per invoice type and the audit head.
 */
let broker: Broker;
let host: KioskHost | null = null;
let root: string;
let dataDir: string;
let key: TestKey;
let stranger: TestKey;
let listener: ChannelModel;
const seen: Heartbeat[] = [];

async function startHost(): Promise<void> {
  host = await createHost({ dataDir, shell: 'chromium' });
  await host.start();
  await waitFor(
    async () => (await withChannel(broker.url, (ch) => ch.checkQueue(configQueueName(KIOSK.kioskId))).catch(() => null))?.consumerCount === 1,
    30_000,
    'the kiosk consuming its config queue',
  );
}

async function push(file: string): Promise<void> {
  const r = await kioskctl('config', 'publish', '--amqp', broker.url, file);
  expect(r.code, r.err.join('\n')).toBe(0);
}

async function auditTrail(): Promise<Array<{ seq: number; kind: string; hash: string; data: Record<string, unknown> }>> {
  const r = await kioskctl('audit', 'tail', '-n', '1000', '--json', '--data-dir', dataDir);
  return (r.json() as { entries: Array<{ seq: number; kind: string; hash: string; data: Record<string, unknown> }> }).entries;
}

/** The first heartbeat after `from` (an index into `seen`) that satisfies `test`. */
function beatAfter(from: number, test: (h: Heartbeat) => boolean, what: string): Promise<Heartbeat> {
  return waitFor(() => seen.slice(from).find(test), 30_000, what);
}

beforeAll(async () => {
  broker = await startBroker('fleet-refusal');
  root = tempDir('kiosk-fleet-refusal-');
  key = makeKey(path.join(root, 'admin-keys'));
  stranger = makeKey(path.join(root, 'stranger-keys'));
  dataDir = makeKioskDir(root, [key]);
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ ...KIOSK, backend: { transport: 'amqp', url: broker.url } }));
  // The test listens on its own queue (exclusive), leaving the fleet queue alone.
  listener = await amqp.connect(broker.url);
  const channel = await listener.createChannel();
  await channel.assertExchange(STATUS_EXCHANGE, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, STATUS_EXCHANGE, `kiosk.${KIOSK.kioskId}`);
  await channel.consume(queue, (m: ConsumeMessage | null) => m && seen.push(Heartbeat.parse(JSON.parse(m.content.toString('utf8')))), { noAck: true });
  await startHost();
}, 120_000);
afterAll(async () => {
  await host?.stop();
  await listener?.close().catch(() => undefined);
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('config refusals in the heartbeat', () => {
  it('reports a refused push with its reason soon after, with the stock left and the audit head', async () => {
    const from = seen.length;
    const rogue = writeSigned(path.join(root, 'rogue-v2.json'), bundle({ version: 2, payload: { taxRates: TaxConfig.parse({ levyRateBp: 900 }) } }), stranger);
    await push(rogue);

    const beat = await beatAfter(from, (h) => h.config.refused !== null, 'a heartbeat carrying the refusal');
    expect(beat.format).toBe(HEARTBEAT_FORMAT);
    expect(beat.config).toMatchObject({ version: null, refused: { version: 2 } });
    expect(beat.config.refused?.reason).toMatch(/^unknownKey: /);

    // What the console needs to send someone with stock: forms left per type (the simulator's demo stock).
    expect(beat.stock).toEqual(
      expect.arrayContaining([
        { type: 'ordinary-paper-1', remaining: DEMO_FORMS_PER_TYPE },
        { type: 'special-paper-10', remaining: DEMO_FORMS_PER_TYPE },
      ]),
    );
    // The audit head is the kiosk's own chain: the refusal is in it, and the hash is that entry's.
    const trail = await auditTrail();
    const refusal = trail.find((e) => e.kind === 'config.refused');
    expect(refusal?.data).toMatchObject({ version: 2, reason: 'unknownKey', source: 'amqp' });
    expect(beat.audit).not.toBeNull();
    expect(beat.audit?.seq).toBeGreaterThanOrEqual(refusal?.seq ?? Infinity);
    expect(trail.find((e) => e.seq === beat.audit?.seq)?.hash).toBe(beat.audit?.hash);
  }, 60_000);

  it('still reports the refusal after the host restarts (read from the audit trail)', async () => {
    await host?.stop();
    host = null;
    const from = seen.length;
    await startHost();
    const beat = await beatAfter(from, () => true, 'the first heartbeat after the restart');
    expect(beat.config.refused).toMatchObject({ version: 2, reason: expect.stringMatching(/^unknownKey: /) });
  }, 90_000);

  it('clears the refusal once a good bundle applies', async () => {
    const from = seen.length;
    await push(writeSigned(path.join(root, 'good-v3.json'), bundle({ version: 3, payload: { taxRates: TaxConfig.parse({ levyRateBp: 100 }) } }), key));
    const beat = await beatAfter(from, (h) => h.config.version === 3, 'a heartbeat with version 3 applied');
    expect(beat.config.refused).toBeNull();
    expect(beat.config.hash).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);
});
