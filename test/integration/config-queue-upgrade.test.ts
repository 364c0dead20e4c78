import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxConfig } from '../../shared/config/tax-config';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { CONFIG_EXCHANGE, configBindingKeys, configQueueName, legacyConfigQueueName } from '../../electron/host/config/config-topology';
import { FLEET_QUEUE, LEGACY_FLEET_QUEUE, STATUS_EXCHANGE } from '../../electron/host/fleet/fleet-topology';
import { startBroker, type Broker } from '../support/rabbitmq';
import { KIOSK, bundle, kioskctl, makeKey, makeKioskDir, tempDir, writeSigned, type TestKey } from '../unit/host/config-fixtures';
import { waitFor, withChannel } from './sync-helpers';

/**
 * A kiosk upgraded on a broker an older build set up: its config queue and the
 * fleet queue were classic, single-node queues; this build's are quorum queues
 * under new names (docs/broker-cluster.md). A bundle pushed while the kiosk
 * was off sits in the old queue: the kiosk moves it over, applies it, and
 * deletes the old queue; `kioskctl fleet status` deletes the old fleet queue.
 */
let broker: Broker;
let host: KioskHost;
let root: string;
let dataDir: string;
let key: TestKey;

const exists = async (queue: string): Promise<boolean> =>
  withChannel(broker.url, (ch) => ch.checkQueue(queue)).then(
    () => true,
    () => false,
  );
/** Queue name → type, as the broker reports it. */
async function queueTypes(): Promise<Record<string, string>> {
  const out = await broker.ctl('list_queues', '--quiet', '--no-table-headers', 'name', 'type');
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => line.split('\t') as [string, string]),
  );
}

beforeAll(async () => {
  broker = await startBroker('cfgupgrade');
  root = tempDir('kiosk-config-upgrade-');
  key = makeKey(path.join(root, 'admin-keys'));
  dataDir = makeKioskDir(root, [key]);
  fs.writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify({ ...KIOSK, backend: { transport: 'amqp', url: broker.url } }));
  // What an older build left: classic queues, bound as it bound them, and a bundle pushed while the kiosk was off.
  const file = writeSigned(
    path.join(root, 'rates-v2.json'),
    bundle({ version: 2, target: { kioskIds: [KIOSK.kioskId] }, payload: { taxRates: TaxConfig.parse({ levyRateBp: 100 }) } }),
    key,
  );
  await withChannel(broker.url, async (ch) => {
    await ch.assertExchange(CONFIG_EXCHANGE, 'topic', { durable: true });
    await ch.assertQueue(legacyConfigQueueName(KIOSK.kioskId), { durable: true });
    for (const k of configBindingKeys(KIOSK)) await ch.bindQueue(legacyConfigQueueName(KIOSK.kioskId), CONFIG_EXCHANGE, k);
    await ch.assertExchange(STATUS_EXCHANGE, 'topic', { durable: true });
    await ch.assertQueue(LEGACY_FLEET_QUEUE, { durable: true, arguments: { 'x-max-length': 200_000, 'x-overflow': 'drop-head' } });
    await ch.bindQueue(LEGACY_FLEET_QUEUE, STATUS_EXCHANGE, 'kiosk.#');
  });
  const published = await kioskctl('config', 'publish', '--amqp', broker.url, file);
  expect(published.code, published.err.join('\n')).toBe(0);
  expect((await withChannel(broker.url, (ch) => ch.checkQueue(legacyConfigQueueName(KIOSK.kioskId)))).messageCount).toBe(1);
}, 120_000);
afterAll(async () => {
  await host?.stop();
  await broker?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('upgrading onto a broker set up by an older build', () => {
  it('applies the bundle left in the old classic config queue, and deletes that queue', async () => {
    host = await createHost({ dataDir, shell: 'chromium' });
    await host.start();
    await waitFor(
      async () => {
        const shown = (await kioskctl('config', 'show', '--json', '--data-dir', dataDir)).json() as { applied: { version: number } | null };
        return shown.applied?.version === 2 ? true : undefined;
      },
      30_000,
      'the bundle from the old queue applied',
    );
    await waitFor(async () => ((await exists(legacyConfigQueueName(KIOSK.kioskId))) ? undefined : true), 10_000, 'the old queue deleted');
    expect((await queueTypes())[configQueueName(KIOSK.kioskId)]).toBe('quorum');
    // A push now reaches the replicated queue only.
    expect(await withChannel(broker.url, (ch) => ch.checkQueue(configQueueName(KIOSK.kioskId)))).toMatchObject({ messageCount: 0 });
  }, 60_000);

  it('kioskctl fleet status reads the replicated fleet queue and deletes the old one', async () => {
    const status = await kioskctl('fleet', 'status', '--amqp', broker.url, '--json');
    // 0 healthy or 1 needing attention (a heartbeat sent while the devices were still opening reads the
    // reader as offline): either way the kiosk was read from the replicated queue; 2 would be none found.
    expect([0, 1], status.err.join('\n')).toContain(status.code);
    expect((status.json() as { kiosks: { kioskId: string }[] }).kiosks.map((k) => k.kioskId)).toContain(KIOSK.kioskId);
    expect(await exists(LEGACY_FLEET_QUEUE)).toBe(false);
    expect((await queueTypes())[FLEET_QUEUE]).toBe('quorum');
  }, 60_000);
});
