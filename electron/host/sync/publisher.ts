import type { ChannelModel, ConfirmChannel, Message } from 'amqplib';
import { closeConnection, destroySocket, errorText, openConnection, withTimeout } from './amqp-connection';
import type { OutboundMessage } from './outbox-message';
import { declareTopology } from './topology';
import { declareBankTopology } from './bank-topology';

// Where they lived first; kioskctl and tests import them from here.
export { destroySocket, redactUrl, withHeartbeat, withTimeout } from './amqp-connection';

/**
 * One connection and one confirm channel to the broker. It publishes only
 * while connected and never buffers for later: when the link breaks it says
 * "unknown" for everything in flight and is thrown away (the delivery loop
 * opens a new one). amqplib's own recovery is not used: SQLite is the queue.
 */
export type PublishOutcome =
  /** The broker took responsibility for the message (basic.ack, no basic.return). */
  | { kind: 'confirmed' }
  /** No queue is bound for it (basic.return, or the exchange is missing): a topology problem, not the row's. */
  | { kind: 'unroutable'; error: string }
  /**
   * basic.nack: the queue would not take it (reject-publish overflow, an internal
   * error). The backend's trouble, every row alike: retried, never parked.
   */
  | { kind: 'nacked'; error: string }
  /** The broker closed the channel over this very message (406: too large, a bad property): counts toward parking. */
  | { kind: 'refused'; error: string }
  /** No answer in time, or the link broke: maybe delivered, maybe not. Treated as not sent. */
  | { kind: 'unknown'; error: string };

/**
 * What the delivery loop publishes through: the broker (`AmqpPublisher`) or,
 * in the sandbox mode, the in-process backend's intake
 * (`in-process-publisher.ts`). One link; once `broken`, every publish
 * answers "unknown" and the loop opens a new one after its backoff.
 */
export interface MessagePublisher {
  readonly broken: string | null;
  /** Resolves with the message's outcome; calls keep their order. */
  publish(message: OutboundMessage): Promise<PublishOutcome>;
  /** Waits until the link took what was written (back-pressure), or broke. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export interface PublisherOptions {
  url: string;
  heartbeatSeconds: number;
  /** Our own timeout on every confirm: an amqplib confirm can hang when the connection drops (amqplib #191, #530). */
  confirmTimeoutMs: number;
  /** TCP connect, AMQP handshake, channel and topology must all be done within this. */
  connectTimeoutMs: number;
  declareTopology: boolean;
  /** With `declareTopology`: the banks whose `bank.credit.<bankId>` queue to declare too (docs/credit-sharing.md). */
  bankIds?: readonly string[];
  /** A destination that answers nothing but basic.nack for this long breaks the link (see `noteNack`). Default 15 s. */
  nackBreakMs?: number;
}

export const DEFAULT_NACK_BREAK_MS = 15_000;

/** The broker could not be reached or refused the session. */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError';
}

// AMQP 0-9-1 reply codes (spec §1.9, "constants").
const NOT_FOUND = 404;
const PRECONDITION_FAILED = 406;

export class AmqpPublisher implements MessagePublisher {
  private brokenReason: string | null = null;
  /** The last channel.close the broker sent, read by the confirm callbacks that follow it. */
  private channelError: { code: number; text: string } | null = null;
  private blamed = false;
  private needsDrain = false;
  /** basic.return arrives before the basic.ack of the same message: remembered until that ack. */
  private readonly returned = new Map<string, string>();
  private readonly inFlight = new Set<(reason: string) => void>();
  /** Per destination (exchange and routing key): when its unbroken run of nacks began. */
  private readonly nackedSince = new Map<string, number>();

  private constructor(
    private readonly model: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly options: PublisherOptions,
  ) {
    model.on('error', (error: Error) => this.markBroken(`connection error: ${error.message}`));
    model.on('close', () => this.markBroken('connection closed'));
    channel.on('error', (error: Error & { code?: number }) => {
      this.channelError = { code: typeof error.code === 'number' ? error.code : 0, text: error.message };
    });
    channel.on('close', () => this.markBroken(this.channelError ? `channel closed: ${this.channelError.text}` : 'channel closed'));
    channel.on('return', (message: Message) => {
      const id = message.properties.messageId;
      // basic.return carries replyCode/replyText (spec §1.8.3.6); amqplib's types leave them out.
      const fields: Record<string, unknown> = { ...message.fields };
      const reason = [fields.replyCode, fields.replyText].filter((v) => typeof v === 'number' || typeof v === 'string').join(' ');
      if (typeof id === 'string') this.returned.set(id, `unroutable: ${reason || 'basic.return'} (routing key ${message.fields.routingKey})`);
    });
    channel.on('drain', () => {
      this.needsDrain = false;
    });
  }

  static async open(options: PublisherOptions): Promise<AmqpPublisher> {
    let model: ChannelModel | null = null;
    try {
      model = await openConnection(options.url, options.heartbeatSeconds, options.connectTimeoutMs);
      const opened = model;
      const channel = await withTimeout(opened.createConfirmChannel(), options.connectTimeoutMs, 'opening a channel');
      // Until the publisher's own listeners are on, an 'error' event must not crash the process.
      channel.on('error', () => undefined);
      if (options.declareTopology) {
        await withTimeout(declareTopology(channel), options.connectTimeoutMs, 'declaring the topology');
        await withTimeout(declareBankTopology(channel, options.bankIds ?? []), options.connectTimeoutMs, 'declaring the bank topology');
      }
      return new AmqpPublisher(opened, channel, options);
    } catch (error) {
      if (model) destroySocket(model);
      throw new BrokerUnavailableError(errorText(error));
    }
  }

  /** Set once the link is unusable; every later publish answers "unknown" at once. */
  get broken(): string | null {
    return this.brokenReason;
  }

  /**
   * Publishes one message (synchronously handed to the socket, so calls keep
   * their order on the channel) and resolves with its outcome, within
   * `confirmTimeoutMs` whatever the broker does.
   */
  publish(message: OutboundMessage): Promise<PublishOutcome> {
    if (this.brokenReason !== null) return Promise.resolve({ kind: 'unknown', error: this.brokenReason });
    const id = message.row.id;
    return new Promise<PublishOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: PublishOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(onBreak);
        this.returned.delete(id);
        resolve(outcome);
      };
      const onBreak = (reason: string): void => settle({ kind: 'unknown', error: reason });
      const timer = setTimeout(() => {
        // A confirm that never comes means a link we can no longer trust: everything else in flight is unknown too.
        const reason = `no publisher confirm within ${this.options.confirmTimeoutMs} ms`;
        settle({ kind: 'unknown', error: reason });
        this.markBroken(reason);
      }, this.options.confirmTimeoutMs);
      this.inFlight.add(onBreak);
      try {
        const accepted = this.channel.publish(message.exchange, message.routingKey, message.content, message.options, (error: unknown) => {
          const destination = `${message.exchange}|${message.routingKey}`;
          if (error === null || error === undefined) {
            this.nackedSince.delete(destination);
            const returned = this.returned.get(id);
            settle(returned === undefined ? { kind: 'confirmed' } : { kind: 'unroutable', error: returned });
          } else {
            const outcome = this.classify(error);
            settle(outcome);
            if (outcome.kind === 'nacked') this.noteNack(destination);
          }
        });
        if (!accepted) this.needsDrain = true;
      } catch (error) {
        // RangeError: amqplib could not encode it (e.g. headers over 64 KiB) — this row will never go.
        settle(error instanceof RangeError ? { kind: 'refused', error: `cannot encode: ${error.message}` } : { kind: 'unknown', error: errorText(error) });
      }
    });
  }

  /** Waits until the socket took what was written (publish returned false), or the link broke. */
  async drained(): Promise<void> {
    if (!this.needsDrain || this.brokenReason !== null) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.inFlight.delete(onBreak);
        this.channel.removeListener('drain', done);
        resolve();
      };
      const onBreak = (): void => done();
      const timer = setTimeout(done, this.options.confirmTimeoutMs);
      this.inFlight.add(onBreak);
      this.channel.once('drain', done);
    });
  }

  /** Closes politely if the broker answers, otherwise drops the socket. Never hangs. */
  async close(): Promise<void> {
    const wasBroken = this.brokenReason !== null;
    this.markBroken('closed by the kiosk');
    if (wasBroken) {
      destroySocket(this.model);
      return;
    }
    await closeConnection(this.model);
  }

  private classify(error: unknown): PublishOutcome {
    const text = errorText(error);
    if (text === 'message nacked') return { kind: 'nacked', error: 'basic.nack from the broker' };
    const closed = this.channelError;
    if (closed?.code === NOT_FOUND) return { kind: 'unroutable', error: closed.text };
    if (closed?.code === PRECONDITION_FAILED && !this.blamed) {
      // The broker handles a channel's messages in order: the first one still
      // unconfirmed when it closed the channel over a message is that message.
      this.blamed = true;
      return { kind: 'refused', error: closed.text };
    }
    return { kind: 'unknown', error: closed ? closed.text : text };
  }

  /**
   * A quorum queue's leader killed under a channel can leave that channel's
   * link to the queue answering basic.nack to every publish for minutes,
   * while a new channel on the same node is confirmed at once (measured on
   * RabbitMQ 3.10: docs/broker-cluster.md "A link that only nacks"). So a
   * destination that has answered nothing but nacks for `nackBreakMs` breaks
   * the link, and the loop opens a fresh one after its backoff. When the
   * queue truly cannot take messages, that costs one reconnect per period.
   */
  private noteNack(destination: string): void {
    const now = Date.now();
    const since = this.nackedSince.get(destination);
    if (since === undefined) {
      this.nackedSince.set(destination, now);
      return;
    }
    const limit = this.options.nackBreakMs ?? DEFAULT_NACK_BREAK_MS;
    if (now - since >= limit) this.markBroken(`only basic.nack for ${destination.replace('|', ' ')} for ${Math.round((now - since) / 1000)} s`);
  }

  private markBroken(reason: string): void {
    if (this.brokenReason === null) this.brokenReason = reason;
    for (const onBreak of [...this.inFlight]) onBreak(this.brokenReason);
  }
}
