import type { Channel, ChannelModel } from 'amqplib';
import { errorText } from '../sync/amqp-connection';

/**
 * Config pushes on the broker (docs/sync.md "Config pushes"):
 *
 *   kiosk.config (topic) ── kiosk.<kioskId>  ──▶ kiosk.config.<kioskId>.replicated (quorum, one per kiosk)
 *                        ├─ branch.<branchId> ─┘
 *                        └─ all ───────────────┘
 *
 * The administrator publishes a signed bundle once with the routing key of its
 * target; every kiosk's own queue holds it until the kiosk is online, so a
 * kiosk that was off during the push still gets it.
 */
export const CONFIG_EXCHANGE = 'kiosk.config';

/**
 * A quorum queue, replicated to three nodes of a cluster (docs/broker-cluster.md),
 * so a config push waits for the kiosk whichever node is down. A queue's type
 * cannot change on redeclare, so it has a name of its own; the classic queue
 * of older builds (legacyConfigQueueName) is emptied into it and deleted.
 */
export function configQueueName(kioskId: string): string {
  return `kiosk.config.${kioskId}.replicated`;
}

/** The classic, single-node queue of builds before the cluster. */
export function legacyConfigQueueName(kioskId: string): string {
  return `kiosk.config.${kioskId}`;
}

export function configBindingKeys(kiosk: { kioskId: string; branchId: string }): string[] {
  return [`kiosk.${kiosk.kioskId}`, `branch.${kiosk.branchId}`, 'all'];
}

export async function declareConfigExchange(channel: Channel): Promise<void> {
  await channel.assertExchange(CONFIG_EXCHANGE, 'topic', { durable: true });
}

export async function declareKioskConfigQueue(channel: Channel, kiosk: { kioskId: string; branchId: string }): Promise<string> {
  await declareConfigExchange(channel);
  const queue = configQueueName(kiosk.kioskId);
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  for (const key of configBindingKeys(kiosk)) await channel.bindQueue(queue, CONFIG_EXCHANGE, key);
  return queue;
}

/**
 * Moves what an older build's classic queue still holds (a bundle pushed while
 * the kiosk was off) into the replicated queue, then deletes the classic one.
 * Its bindings go first, so nothing new lands there meanwhile. Each message is
 * acked on the old queue only once the broker confirmed it on the new one:
 * a power cut in between delivers it twice, and a second delivery of an
 * applied version is refused as a rollback, which changes nothing. Answers how
 * many bundles were moved (0 when there was no old queue); throws when the old
 * queue exists but cannot be read now (its node is down).
 */
export async function adoptLegacyConfigQueue(model: ChannelModel, kiosk: { kioskId: string; branchId: string }): Promise<number> {
  const legacy = legacyConfigQueueName(kiosk.kioskId);
  const probe = await model.createChannel();
  // A missing queue closes the probing channel with 404: expected, not an error of the link.
  probe.on('error', () => undefined);
  try {
    await probe.checkQueue(legacy);
  } catch (error) {
    // "no queue": nothing to move. Anything else (on a cluster, "home node … is down or
    // inaccessible": a classic queue lives on one node) means it may still hold a bundle.
    if (/NOT_FOUND - no queue/.test(errorText(error))) return 0;
    throw error;
  }
  await probe.close().catch(() => undefined);
  const channel = await model.createConfirmChannel();
  try {
    for (const key of configBindingKeys(kiosk)) await channel.unbindQueue(legacy, CONFIG_EXCHANGE, key);
    const target = configQueueName(kiosk.kioskId);
    let moved = 0;
    for (let message = await channel.get(legacy); message !== false; message = await channel.get(legacy)) {
      channel.sendToQueue(target, message.content, { ...message.properties, persistent: true });
      await channel.waitForConfirms();
      channel.ack(message);
      moved += 1;
    }
    await channel.deleteQueue(legacy, { ifEmpty: true });
    return moved;
  } finally {
    await channel.close().catch(() => undefined);
  }
}
