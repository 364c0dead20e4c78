import { z } from 'zod';

/**
 * The wire shape of a backend query over AMQP (docs/sync.md "Queries"). Pure data:
 * the transport (amqplib) lives in electron/; both sides share these names.
 *
 * Request: published to the default exchange with routing key `tax.queries`,
 * `type` = the method name (`taxpayers.forPerson`, …), body = the request as
 * JSON, `correlationId`, `replyTo` = `amq.rabbitmq.reply-to` (direct reply-to),
 * header `x-deadline` (epoch ms after which nobody waits for the answer).
 * Reply: this envelope, sent to `replyTo` with the same `correlationId`. The
 * `reply` is checked against the method's reply schema by the caller.
 */
/**
 * Queries carry full ID numbers (`taxpayers.forPerson`, `iit.records`), so
 * they must not reach the broker's disk (issue 14: 135 full IDs were found in
 * the WAL of the old quorum queue `tax.queries`). The queue is a classic,
 * non-durable one, requests are transient and expire after QUERY_TTL_MS: a
 * request lives in the broker's memory for the seconds it takes to answer.
 * New names, because a broker keeps the old quorum `tax.queries` (a declare
 * with other arguments is refused); an operator deletes that one once.
 * docs/security.md "Personal data on the broker".
 */
export const QUERY_QUEUE = 'tax.queries.transient';
export const QUERY_DEAD_QUEUE = 'tax.queries.transient.dead';
/** A request nobody took in this long is stale (callers wait at most 60 s): expired, never stored. */
export const QUERY_TTL_MS = 60_000;
export const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';
export const DEADLINE_HEADER = 'x-deadline';

export const RpcReplyEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reply: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), code: z.enum(['unreachable', 'timeout', 'rejected']), message: z.string().max(1000) }).strict(),
]);
export type RpcReplyEnvelope = z.infer<typeof RpcReplyEnvelope>;
