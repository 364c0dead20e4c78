import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { isBackendError, type TaxBackend } from '../../shared/backend';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffPolicy } from '../host/sync/backoff';
import { messageProblem } from '../host/sync/outbox-message';
import { withHeartbeat } from '../host/sync/publisher';
import { QUEUES, declareTopology } from '../host/sync/topology';
import { AUTHORITIES } from '../host/sync/outbox-queue';
import type { Authority } from '../host/transactions/outbox-payloads';

/**
 * The sandbox as the backend's consumer of `tax.<authority>.transactions`
 * (sync.md "Consumer side"): manual acks, bounded prefetch, and the effect
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

export class IntakeConsumer {
  private running = false;
  private model: ChannelModel | null = null;
  private done: Promise<void> | null = null;
  private wakeSleep: (() => void) | null = null;

  constructor(private readonly options: IntakeConsumerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeSleep?.();
    await this.model?.close().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let closed: Promise<string>;
      try {
        ({ closed } = await this.connect());
        failures = 0;
        if (!this.running) await this.model?.close().catch(() => undefined); // stopped while connecting
        else this.emit({ type: 'connected' });
      } catch (error) {
        failures++;
        const retryInMs = backoffDelay(failures, this.options.reconnect ?? RECONNECT_BACKOFF);
        this.emit({ type: 'connectFailed', error: errorText(error), retryInMs });
        await this.sleep(retryInMs);
        continue;
      }
      const reason = await closed;
      this.model = null;
      if (this.running) this.emit({ type: 'disconnected', error: reason });
    }
  }

  /** Connects and consumes; `closed` resolves with the reason once the connection is gone. */
  private async connect(): Promise<{ closed: Promise<string> }> {
    const model = await amqp.connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds ?? 30), { timeout: 15_000 });
    let lastError = 'connection closed';
    model.on('error', (error: Error) => {
      lastError = error.message;
    });
    const closed = new Promise<string>((resolve) => model.once('close', () => resolve(lastError)));
    try {
      const setup = await model.createChannel();
      await declareTopology(setup);
      await setup.close();
      for (const authority of AUTHORITIES) {
        // One channel per queue: its prefetch bounds that queue's unacked messages.
        const channel = await model.createChannel();
        channel.on('error', () => undefined); // reported through the connection's close
        await channel.prefetch(this.options.prefetch ?? DEFAULT_PREFETCH);
        await channel.consume(QUEUES[authority].queue, (message) => {
          if (message !== null) void this.handle(channel, authority, message);
        }, { noAck: false });
      }
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
    this.model = model;
    return { closed };
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
      const reply = await this.options.backend.transactionsSubmit({ messageId: id, kind, authority, payload });
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

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private emit(event: IntakeEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A listener's bug must not stop the consumer.
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
