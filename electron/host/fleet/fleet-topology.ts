import type { Channel } from 'amqplib';

/**
 * The fleet view on the broker:
 *
 *   kiosk.status (topic) ── kiosk.# ──▶ kiosk.status.fleet.replicated (quorum, bounded)
 *
 * Every kiosk publishes its heartbeat with routing key `kiosk.<kioskId>`;
 * `kioskctl fleet status` reads the queue and keeps it as a last-value store:
 * it acks every heartbeat superseded by a newer one of the same kiosk and gives
 * the newest back (see fleet-status.ts). A kiosk that went silent therefore
 * stays visible, as stale, until an administrator looks.
 *
 * Bounded (drop-head) so a fleet nobody watches cannot fill the broker: with N
 * kiosks at one heartbeat a minute, FLEET_QUEUE_MAX_LENGTH / N minutes of them.
 * Both sides declare it with exactly these arguments.
 */
export const STATUS_EXCHANGE = 'kiosk.status';
/**
 * A quorum queue (replicated on a cluster, docs/broker-cluster.md): the fleet
 * view survives the node that declared it. A queue's type cannot change on
 * redeclare, hence a new name; the classic queue of older builds
 * (LEGACY_FLEET_QUEUE) holds nothing a minute's heartbeats do not replace,
 * and `kioskctl fleet status` deletes it.
 */
export const FLEET_QUEUE = 'kiosk.status.fleet.replicated';
export const LEGACY_FLEET_QUEUE = 'kiosk.status.fleet';
export const FLEET_QUEUE_MAX_LENGTH = 200_000;

export function statusRoutingKey(kioskId: string): string {
  return `kiosk.${kioskId}`;
}

export async function declareStatusExchange(channel: Channel): Promise<void> {
  await channel.assertExchange(STATUS_EXCHANGE, 'topic', { durable: true });
}

export async function declareFleetQueue(channel: Channel): Promise<void> {
  await declareStatusExchange(channel);
  await channel.assertQueue(FLEET_QUEUE, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-max-length': FLEET_QUEUE_MAX_LENGTH, 'x-overflow': 'drop-head' },
  });
  await channel.bindQueue(FLEET_QUEUE, STATUS_EXCHANGE, 'kiosk.#');
}
