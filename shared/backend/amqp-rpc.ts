import { z } from 'zod';

/**
 * The wire shape of a backend query over AMQP (sync.md "Queries"). Pure data:
 * the transport (amqplib) lives in electron/; both sides share these names.
 *
 * Request: published to the default exchange with routing key `tax.queries`,
 * `type` = the method name (`taxpayers.forPerson`, …), body = the request as
 * JSON, `correlationId`, `replyTo` = `amq.rabbitmq.reply-to` (direct reply-to),
 * header `x-deadline` (epoch ms after which nobody waits for the answer).
 * Reply: this envelope, sent to `replyTo` with the same `correlationId`. The
 * `reply` is checked against the method's reply schema by the caller.
 */
export const QUERY_QUEUE = 'tax.queries';
export const QUERY_DEAD_QUEUE = 'tax.queries.dead';
export const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';
export const DEADLINE_HEADER = 'x-deadline';

export const RpcReplyEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reply: z.unknown() }).strict(),
  z
    .object({ ok: z.literal(false), code: z.enum(['unreachable', 'timeout', 'rejected']), message: z.string().max(1000) })
    .strict(),
]);
export type RpcReplyEnvelope = z.infer<typeof RpcReplyEnvelope>;
