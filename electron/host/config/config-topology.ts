import type { Channel } from 'amqplib';

/**
 * Config pushes on the broker (docs/sync.md "Config pushes"):
 *
 *   kiosk.config (topic) ── kiosk.<kioskId>  ──▶ kiosk.config.<kioskId> (durable, one per kiosk)
 *                        ├─ branch.<branchId> ─┘
 *                        └─ all ───────────────┘
 *
 * The administrator publishes a signed bundle once with the routing key of its
 * target; every kiosk's own queue holds it until the kiosk is online, so a
 * kiosk that was off during the push still gets it.
 */
export const CONFIG_EXCHANGE = 'kiosk.config';

export function configQueueName(kioskId: string): string {
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
  await channel.assertQueue(queue, { durable: true });
  for (const key of configBindingKeys(kiosk)) await channel.bindQueue(queue, CONFIG_EXCHANGE, key);
  return queue;
}
