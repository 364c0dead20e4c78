import type { Channel } from 'amqplib';
import type { Authority } from '../transactions/outbox-payloads';

/**
 * The broker side of docs/sync.md "AMQP topology". The backend's operators own it on
 * their cluster; the kiosk may declare it (every declaration is idempotent and
 * must match exactly, or the broker closes the channel with 406) so a fresh
 * broker — a test, a training room — works.
 *
 *   tax.transactions (topic) ── national.# ──▶ tax.national.transactions (quorum)
 *                            └─ local.#    ──▶ tax.local.transactions    (quorum)
 *   tax.dlx (topic)          ── national.# ──▶ tax.national.dead
 *                            └─ local.#    ──▶ tax.local.dead
 *
 * A message a consumer rejects, or one redelivered more than the delivery
 * limit (a consumer that crashes on it), is dead-lettered with its routing key
 * to tax.dlx and lands in the authority's dead queue.
 */
export const TRANSACTIONS_EXCHANGE = 'tax.transactions';
export const DEAD_LETTER_EXCHANGE = 'tax.dlx';

/** RabbitMQ 3.10 quorum queues have no default delivery limit: without one a poison message loops forever. */
export const DELIVERY_LIMIT = 5;

export const QUEUES: Record<Authority, { queue: string; dead: string; pattern: string }> = {
  national: { queue: 'tax.national.transactions', dead: 'tax.national.dead', pattern: 'national.#' },
  local: { queue: 'tax.local.transactions', dead: 'tax.local.dead', pattern: 'local.#' },
};

/** Arguments of the work queues; a consumer declaring them must pass exactly these. */
export function transactionQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'quorum', 'x-delivery-limit': DELIVERY_LIMIT, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE };
}

export async function declareTopology(channel: Channel): Promise<void> {
  await channel.assertExchange(TRANSACTIONS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'topic', { durable: true });
  for (const { queue, dead, pattern } of Object.values(QUEUES)) {
    await channel.assertQueue(queue, { durable: true, arguments: transactionQueueArguments() });
    await channel.bindQueue(queue, TRANSACTIONS_EXCHANGE, pattern);
    await channel.assertQueue(dead, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(dead, DEAD_LETTER_EXCHANGE, pattern);
  }
}
