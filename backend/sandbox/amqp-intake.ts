import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { isBackendError, type TaxBackend } from '../../shared/backend';
import { errorText } from '../../electron/host/sync/amqp-connection';
import type { BackoffPolicy } from '../../electron/host/sync/backoff';
import { messageProblem } from '../../electron/host/sync/outbox-message';
import { endLinkOnChannelLoss } from '../../electron/host/sync/reconnecting-link';
import { LinkedConsumer } from './linked-consumer';
import { QUEUES, declareTopology } from '../../electron/host/sync/topology';
import { AUTHORITIES } from '../../electron/host/sync/outbox-queue';
import type { Authority } from '../../electron/host/transactions/outbox-payloads';

/**
 * The sandbox as the backend's consumer of `tax.<authority>.transactions`
 * (docs/sync.md "Consumer side"): manual acks, bounded prefetch, and the effect
 * applied through `transactions.submit`, whose dedupe row and effect commit in
 * one SQLite transaction (intake.ts) — so a redelivered message is answered
 * `duplicate` and acked, never applied twice.
 *
 * Poison (no message id, wrong routing, a body that fails its schema, or a
 * backend that rejects it) is nacked without requeue: the queue dead-letters
 * it through `tax.dlx` to `tax.<authority>.dead`. A backend that is down gets
 * the message back after a pause; the queue's delivery limit dead-letters one
 * that keeps failing.
 */
export interface IntakeConsumerOptions {
  url: string;
  backend: Pick<TaxBackend, 'transactionsSubmit'>;
  /** Unacknowledged messages per queue at once. Default 32. */
  prefetch?: number;
  heartbeatSeconds?: number;
  /** Pause before a message the backend could not take goes back to the queue. Default 1000 ms. */
  requeueDelayMs?: number;
  reconnect?: BackoffPolicy;
  onEvent?: (event: IntakeEvent) => void;
}

export type IntakeEvent =
  | { type: 'connected' }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'accepted' | 'duplicate'; messageId: string; authority: Authority; kind: string }
  | { type: 'poison'; messageId: string | null; authority: Authority; error: string }
  | { type: 'requeued'; messageId: string; authority: Authority; error: string };

const DEFAULT_PREFETCH = 32;

export class IntakeConsumer extends LinkedConsumer<IntakeEvent> {
  constructor(private readonly options: IntakeConsumerOptions) {
    super(options);
  }

  /** Declares the topology and consumes both queues on a new link. */
  protected async consume(model: ChannelModel, lose: (reason: string) => void): Promise<void> {
    // Its own 'error' listener: a declare the broker refuses (406, a queue declared with
    // other arguments) closes the channel with an error, which fails this connect.
    const setup = await model.createChannel();
    setup.on('error', () => undefined);
    await declareTopology(setup);
    await setup.close();
    for (const authority of AUTHORITIES) {
      // One channel per queue: its prefetch bounds that queue's unacked messages.
      const channel = await model.createChannel();
      endLinkOnChannelLoss(channel, lose);
      await channel.prefetch(this.options.prefetch ?? DEFAULT_PREFETCH);
      await channel.consume(
        QUEUES[authority].queue,
        (message) => {
          if (message !== null) void this.handle(channel, authority, message);
        },
        { noAck: false },
      );
    }
  }

  private async handle(channel: Channel, authority: Authority, message: ConsumeMessage): Promise<void> {
    const { messageId, type } = message.properties as { messageId?: unknown; type?: unknown };
    const id = typeof messageId === 'string' && messageId !== '' ? messageId : null;
    const kind = typeof type === 'string' ? type : '';
    const problem = poisonReason(authority, message, id, kind);
    if (problem !== null || id === null) {
      channel.nack(message, false, false);
      this.emit({ type: 'poison', messageId: id, authority, error: problem ?? 'no message id' });
      return;
    }
    try {
      const payload: unknown = JSON.parse(message.content.toString('utf8'));
      // The sender (the kiosk id it publishes as appId): the backend keeps each kiosk's audit chain by it.
      const appId: unknown = message.properties.appId;
      const kioskId = typeof appId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(appId) ? appId : undefined;
      const reply = await this.options.backend.transactionsSubmit({ messageId: id, kind, authority, payload, ...(kioskId ? { kioskId } : {}) });
      channel.ack(message);
      this.emit({ type: reply.outcome, messageId: id, authority, kind });
    } catch (error) {
      if (isBackendError(error) && error.code === 'rejected') {
        channel.nack(message, false, false);
        this.emit({ type: 'poison', messageId: id, authority, error: `rejected by the backend: ${error.message}` });
        return;
      }
      // Not the message's fault: back to the queue after a pause (the delivery limit bounds the retries).
      await new Promise((resolve) => setTimeout(resolve, this.options.requeueDelayMs ?? 1000));
      try {
        channel.nack(message, false, true);
      } catch {
        // Channel gone: the broker requeues it by itself.
      }
      this.emit({ type: 'requeued', messageId: id, authority, error: errorText(error) });
    }
  }
}

/** Why a message cannot be applied however often it comes, or null. */
function poisonReason(authority: Authority, message: ConsumeMessage, id: string | null, kind: string): string | null {
  if (id === null) return 'no message id';
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(id)) return 'malformed message id';
  if (kind === '') return 'no type';
  if (message.fields.routingKey !== `${authority}.${kind}`) return `routing key ${message.fields.routingKey} does not match ${authority}.${kind}`;
  let json: unknown;
  try {
    json = JSON.parse(message.content.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  return messageProblem(kind, authority, json);
}
