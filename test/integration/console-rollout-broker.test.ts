import amqp, { type ChannelModel, type GetMessage } from 'amqplib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/host/db/database';
import { CONFIG_EXCHANGE, declareConfigExchange, declareKioskConfigQueue } from '../../electron/host/config/config-topology';
import { HEARTBEAT_FORMAT, type Heartbeat } from '../../shared/fleet/heartbeat';
import { bundleChecker } from '../../backend/console/rollouts/bundle-check';
import { RolloutEngine, type FleetKiosk } from '../../backend/console/rollouts/rollout-engine';
import { ROLLOUT_MIGRATIONS } from '../../backend/console/rollouts/rollout-migrations';
import { rolloutPublisher } from '../../backend/console/rollouts/rollout-publisher';
import { startBroker, type Broker } from '../support/rabbitmq';
import { KEYS, signedBundle } from '../unit/console/rollouts/bundle-fixtures';

/**
 * A console rollout through a real RabbitMQ: the engine publishes the signed
 * bundle to exchange kiosk.config with routing key kiosk.<id>, and each
 * kiosk's own config queue, declared and bound the way a kiosk does it
 * (declareKioskConfigQueue), holds exactly the bytes the administrator signed,
 * wave by wave, and nothing for kiosks not (yet) targeted.
 */
let broker: Broker;
let model: ChannelModel;

const fleet: FleetKiosk[] = [
  { kioskId: 'KIOSK-R-0001', branchId: 'BRANCH-R-01' },
  { kioskId: 'KIOSK-R-0002', branchId: 'BRANCH-R-01' },
  { kioskId: 'KIOSK-R-0003', branchId: 'BRANCH-R-02' },
  // Known to the console, but its config consumer never declared a queue.
  { kioskId: 'KIOSK-R-0004', branchId: 'BRANCH-R-01' },
];
const [canary, sameBranch, otherBranch, neverConnected] = fleet as [FleetKiosk, FleetKiosk, FleetKiosk, FleetKiosk];

beforeAll(async () => {
  broker = await startBroker('rollout');
  model = await amqp.connect(broker.url);
}, 120_000);
afterAll(async () => {
  await model?.close().catch(() => undefined);
  await broker?.dispose();
}, 60_000);

function heartbeat(kiosk: FleetKiosk, version: number): Heartbeat {
  const at = new Date().toISOString();
  return {
    format: HEARTBEAT_FORMAT,
    ...kiosk,
    sentAt: at,
    appVersion: '1.0.0',
    uptimeSeconds: 1,
    devices: { idcard: { device: 'online', media: 'notPresent' }, printers: {} },
    outbox: { pending: 0, oldestAgeSeconds: null, dead: 0 },
    config: { version, hash: null, refused: null },
    stock: [],
    audit: null,
  };
}

describe('a console rollout on the broker', () => {
  it('reaches each targeted kiosk queue once, byte-identical, wave by wave', async () => {
    const setup = await model.createChannel();
    const queues = new Map<string, string>();
    for (const kiosk of [canary, sameBranch, otherBranch]) queues.set(kiosk.kioskId, await declareKioskConfigQueue(setup, kiosk));
    const confirm = await model.createConfirmChannel();
    await declareConfigExchange(confirm);
    const db = new Database(':memory:');
    migrate(db, ROLLOUT_MIGRATIONS);
    const engine = new RolloutEngine({
      db,
      publish: rolloutPublisher(confirm),
      fleet: () => fleet,
      verify: bundleChecker(KEYS, () => new Date()),
      record: () => undefined,
      now: () => new Date(),
    });
    const drain = async (kiosk: FleetKiosk): Promise<GetMessage[]> => {
      const queue = queues.get(kiosk.kioskId) ?? '';
      const got: GetMessage[] = [];
      for (let m = await setup.get(queue, { noAck: true }); m !== false; m = await setup.get(queue, { noAck: true })) got.push(m);
      return got;
    };

    const bundle = signedBundle(12);
    const rollout = await engine.create(
      {
        bundle,
        waves: [
          { kind: 'kiosks', kioskIds: [canary.kioskId] },
          { kind: 'branch', branchId: 'BRANCH-R-01' },
        ],
        silentAfterSeconds: 600,
        maxSilentPercent: 0,
      },
      'admin',
    );
    // publish resolves on the broker's confirm: by now the message is in the canary's queue.
    const first = await drain(canary);
    expect(first).toHaveLength(1);
    expect(first[0]?.content.equals(bundle)).toBe(true);
    expect(first[0]?.fields).toMatchObject({ exchange: CONFIG_EXCHANGE, routingKey: `kiosk.${canary.kioskId}` });
    expect(first[0]?.properties).toMatchObject({ deliveryMode: 2, type: 'config.bundle', contentType: 'application/json' });
    expect(await drain(sameBranch)).toHaveLength(0);

    engine.onHeartbeat(heartbeat(canary, 12));
    await engine.tick();
    const second = await drain(sameBranch);
    expect(second.map((m) => m.content.equals(bundle))).toEqual([true]);
    expect(second[0]?.fields.routingKey).toBe(`kiosk.${sameBranch.kioskId}`);
    // Not again to the canary, never to the other branch; the kiosk without a queue stays unsent, not lost.
    expect(await drain(canary)).toHaveLength(0);
    expect(await drain(otherBranch)).toHaveLength(0);
    expect(engine.targets(rollout.id)?.map((t) => [t.kioskId, t.state])).toEqual([
      [canary.kioskId, 'applied'],
      [sameBranch.kioskId, 'pending'],
      [neverConnected.kioskId, 'pending'],
    ]);
    const unsent = db.prepare('SELECT kiosk_id FROM rollout_targets WHERE published_at IS NULL').all();
    expect(unsent).toEqual([{ kiosk_id: neverConnected.kioskId }]);

    // Once that kiosk connects (declares its queue), the next tick sends it its copy.
    queues.set(neverConnected.kioskId, await declareKioskConfigQueue(setup, neverConnected));
    await engine.tick();
    expect((await drain(neverConnected)).map((m) => m.content.equals(bundle))).toEqual([true]);
    await confirm.close();
    await setup.close();
  }, 60_000);
});
