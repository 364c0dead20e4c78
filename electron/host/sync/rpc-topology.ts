import type { Channel } from 'amqplib';
import { QUERY_DEAD_QUEUE, QUERY_QUEUE, QUERY_TTL_MS } from '../../../shared/backend/amqp-rpc';
import { DEAD_LETTER_EXCHANGE } from './topology';

/**
 * The broker side of backend queries (docs/sync.md "Queries"):
 *
 *   (default exchange) ── tax.queries.transient ──▶ tax.queries.transient (classic, NOT durable, TTL, DLX tax.dlx)
 *   tax.dlx (topic)    ── tax.queries.transient ──▶ tax.queries.transient.dead (classic, not durable, TTL)
 *
 * One queue for every method; the message `type` names the method. Requests
 * hold full ID numbers, so nothing here touches the broker's disk: classic
 * non-durable queues (a quorum queue writes every message to its Raft log,
 * whatever its delivery mode), transient messages, a message TTL, and a
 * bounded length. A request the backend cannot parse is rejected without
 * requeue and dead-lettered; one that crashes its consumer again and again
 * expires with the TTL (classic queues have no delivery limit). Replies go by
 * direct reply-to and need no queue. The broker's memory alarm could still
 * page messages out; docs/security.md says what is left and what is next.
 */
export const QUERY_MAX_LENGTH = 10_000;

export function queryQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'classic', 'x-message-ttl': QUERY_TTL_MS, 'x-max-length': QUERY_MAX_LENGTH, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE };
}

export async function declareQueryTopology(channel: Channel): Promise<void> {
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(QUERY_QUEUE, { durable: false, arguments: queryQueueArguments() });
  await channel.assertQueue(QUERY_DEAD_QUEUE, {
    durable: false,
    arguments: { 'x-queue-type': 'classic', 'x-message-ttl': 3_600_000, 'x-max-length': QUERY_MAX_LENGTH },
  });
  await channel.bindQueue(QUERY_DEAD_QUEUE, DEAD_LETTER_EXCHANGE, QUERY_QUEUE);
}
