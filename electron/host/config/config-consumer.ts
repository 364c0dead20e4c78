import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffPolicy } from '../sync/backoff';
import { destroySocket, withHeartbeat, withTimeout } from '../sync/publisher';
import type { ApplyOutcome } from './config-apply';
import { declareKioskConfigQueue, configQueueName } from './config-topology';

/**
 * Takes config bundles pushed on the broker (exchange `kiosk.config`, this
 * kiosk's queue `kiosk.config.<kioskId>`) and hands each to the ConfigService,
 * which verifies, applies atomically, audits and queues `config.applied`.
 *
 * Every bundle is acked once the ConfigService answered, applied or refused: a
 * refusal is final (bad signature, wrong target, rollback, expired — sending
 * it again changes nothing), and it is in the audit trail. Requeueing it would
 * only make it loop. Only an apply that THREW (SQLite trouble: disk full) is
 * given back to the queue, after a pause: the bundle was fine, the kiosk was not.
 *
 * Like the delivery loop, the link is not repaired in place: on any close the
 * connection is dropped and a new one opened after a capped, jittered backoff.
 */
export interface ConfigConsumerOptions {
  url: string;
  heartbeatSeconds: number;
  kiosk: { kioskId: string; branchId: string };
  /** Declare the exchange, the queue and its bindings on connect (kiosk.json backend.declareTopology). */
  declareTopology: boolean;
  apply: (bytes: Buffer) => ApplyOutcome;
  connectTimeoutMs?: number;
  reconnectBackoff?: BackoffPolicy;
  /** Pause before a bundle whose apply threw goes back to the queue. Default 5 s. */
  applyRetryMs?: number;
  random?: () => number;
  onEvent?: (event: ConfigConsumerEvent) => void;
}

export type ConfigConsumerEvent =
  | { type: 'connected'; queue: string }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'applied'; version: number }
  | { type: 'refused'; reason: string; version: number | null }
  | { type: 'applyFailed'; error: string };

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
const DEFAULT_APPLY_RETRY_MS = 5_000;

export class ConfigConsumer {
  private running = false;
  private done: Promise<void> | null = null;
  private model: ChannelModel | null = null;
  private wakeSleep: (() => void) | null = null;
  private closeLink: ((reason: string) => void) | null = null;

  constructor(private readonly options: ConfigConsumerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeSleep?.();
    this.closeLink?.('stopped');
    await this.done;
    this.done = null;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let closed: Promise<string>;
      try {
        ({ closed } = await this.connect());
        failures = 0;
      } catch (error) {
        await this.dropLink();
        if (!this.running) break;
        failures++;
        const retryInMs = this.retryDelay(failures);
        this.emit({ type: 'connectFailed', error: errorText(error), retryInMs });
        await this.sleep(retryInMs);
        continue;
      }
      // Stopped while connecting: stop() found no link to close yet.
      const reason = this.running ? await closed : 'stopped';
      await this.dropLink();
      if (!this.running) break;
      this.emit({ type: 'disconnected', error: reason });
      failures++;
      await this.sleep(this.retryDelay(failures));
    }
    await this.dropLink();
  }

  /** Opens the link and starts consuming; resolves with a promise of why the link ended. */
  private async connect(): Promise<{ closed: Promise<string> }> {
    const { options } = this;
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const model = await amqp.connect(withHeartbeat(options.url, options.heartbeatSeconds), { timeout: timeoutMs, noDelay: true });
    this.model = model;
    const closed = new Promise<string>((resolve) => {
      this.closeLink = resolve;
      model.on('error', (error: Error) => resolve(`connection error: ${error.message}`));
      model.on('close', () => resolve('connection closed'));
    });
    const channel = await withTimeout(model.createChannel(), timeoutMs, 'opening a channel');
    channel.on('error', (error: Error) => this.closeLink?.(`channel error: ${error.message}`));
    channel.on('close', () => this.closeLink?.('channel closed'));
    const queue = options.declareTopology ? await withTimeout(declareKioskConfigQueue(channel, options.kiosk), timeoutMs, 'declaring the config queue') : configQueueName(options.kiosk.kioskId);
    // One bundle at a time: applies are serial anyway, and the queue keeps the rest.
    await withTimeout(channel.prefetch(1), timeoutMs, 'setting prefetch');
    await withTimeout(
      channel.consume(queue, (message) => this.handle(channel, message), { noAck: false }),
      timeoutMs,
      'starting the consumer',
    );
    this.emit({ type: 'connected', queue });
    return { closed };
  }

  private handle(channel: Channel, message: ConsumeMessage | null): void {
    // null: the broker cancelled us (queue deleted): reconnect, which declares it again.
    if (message === null) {
      this.closeLink?.('consumer cancelled by the broker');
      return;
    }
    let outcome: ApplyOutcome;
    try {
      outcome = this.options.apply(message.content);
    } catch (error) {
      this.emit({ type: 'applyFailed', error: errorText(error) });
      const timer = setTimeout(() => safely(() => channel.nack(message, false, true)), this.options.applyRetryMs ?? DEFAULT_APPLY_RETRY_MS);
      timer.unref?.();
      return;
    }
    // Applied or refused, the answer is final (see the class comment): acked either way.
    safely(() => channel.ack(message));
    if (outcome.outcome === 'applied') this.emit({ type: 'applied', version: outcome.version });
    else this.emit({ type: 'refused', reason: outcome.reason, version: outcome.version });
  }

  private async dropLink(): Promise<void> {
    const model = this.model;
    this.model = null;
    this.closeLink = null;
    if (!model) return;
    model.removeAllListeners('close');
    model.on('error', () => undefined);
    try {
      await withTimeout(model.close(), 2000, 'closing the connection');
    } catch {
      destroySocket(model);
    }
  }

  private retryDelay(failures: number): number {
    return backoffDelay(failures, this.options.reconnectBackoff ?? RECONNECT_BACKOFF, this.options.random);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = done;
    }).finally(() => {
      this.wakeSleep = null;
    });
  }

  private emit(event: ConfigConsumerEvent): void {
    this.options.onEvent?.(event);
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // The channel closed meanwhile: the broker requeues what was not acked.
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
