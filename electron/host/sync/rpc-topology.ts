import type { Channel } from 'amqplib';
import { QUERY_DEAD_QUEUE, QUERY_QUEUE } from '../../../shared/backend/amqp-rpc';
import { DEAD_LETTER_EXCHANGE, DELIVERY_LIMIT } from './topology';

/**
 * The broker side of backend queries (sync.md "Queries"):
 *
 *   (default exchange) ── tax.queries ──▶ tax.queries (quorum, delivery limit, DLX tax.dlx)
 *   tax.dlx (topic)    ── tax.queries ──▶ tax.queries.dead
 *
 * One queue for every method; the message `type` names the method. A request
 * the backend cannot parse is rejected without requeue and dead-lettered; one
 * that crashes its consumer again and again is dead-lettered by the delivery
 * limit. Replies go by direct reply-to and need no queue.
 */
export function queryQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'quorum', 'x-delivery-limit': DELIVERY_LIMIT, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE };
}

export async function declareQueryTopology(channel: Channel): Promise<void> {
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(QUERY_QUEUE, { durable: true, arguments: queryQueueArguments() });
  await channel.assertQueue(QUERY_DEAD_QUEUE, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(QUERY_DEAD_QUEUE, DEAD_LETTER_EXCHANGE, QUERY_QUEUE);
}
