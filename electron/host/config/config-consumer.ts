import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { errorText } from '../sync/amqp-connection';
import type { BackoffPolicy } from '../sync/backoff';
import { endLinkOnChannelLoss, ReconnectingLink } from '../sync/reconnecting-link';
import type { ApplyOutcome } from './config-apply';
import { adoptLegacyConfigQueue, declareKioskConfigQueue, configQueueName } from './config-topology';

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
  /** Pause before moving an older build's config queue again after a failed move. Default 60 s. */
  adoptRetryMs?: number;
  random?: () => number;
  onEvent?: (event: ConfigConsumerEvent) => void;
}

export type ConfigConsumerEvent =
  | { type: 'connected'; queue: string }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'applied'; version: number }
  | { type: 'refused'; reason: string; version: number | null }
  | { type: 'applyFailed'; error: string }
  /** An older build's classic queue was emptied into the replicated one and deleted (config-topology.ts). */
  | { type: 'legacyQueueAdopted'; moved: number }
  | { type: 'legacyQueueAdoptFailed'; error: string };

const DEFAULT_APPLY_RETRY_MS = 5_000;
const DEFAULT_ADOPT_RETRY_MS = 60_000;

export class ConfigConsumer {
  private readonly link: ReconnectingLink<string>;

  constructor(private readonly options: ConfigConsumerOptions) {
    this.link = new ReconnectingLink<string>({
      url: options.url,
      seed: options.kiosk.kioskId,
      heartbeatSeconds: options.heartbeatSeconds,
      connectTimeoutMs: options.connectTimeoutMs,
      reconnectBackoff: options.reconnectBackoff,
      random: options.random,
      setup: (model, lose) => this.consume(model, lose),
      onEvent: (event) => this.emit(event.type === 'connected' ? { type: 'connected', queue: this.link.current ?? '' } : event),
    });
  }

  start(): void {
    this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
  }

  /** Starts consuming on a new link; answers the queue it consumes. */
  private async consume(model: ChannelModel, lose: (reason: string) => void): Promise<string> {
    const { options } = this;
    const channel = await model.createChannel();
    endLinkOnChannelLoss(channel, lose);
    const queue = options.declareTopology ? await declareKioskConfigQueue(channel, options.kiosk) : configQueueName(options.kiosk.kioskId);
    if (options.declareTopology) await this.adoptLegacyQueue(model);
    // One bundle at a time: applies are serial anyway, and the queue keeps the rest.
    await channel.prefetch(1);
    await channel.consume(queue, (message) => this.handle(channel, message, lose), { noAck: false });
    return queue;
  }

  /**
   * Best effort: a failed move (the old classic queue's node is down) is said,
   * this link consumes on, and the move is tried again every `adoptRetryMs`
   * while this link is up; a link that never breaks would otherwise strand
   * the bundle in the old queue. A new link starts over.
   */
  private async adoptLegacyQueue(model: ChannelModel): Promise<void> {
    let up = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    model.once('close', () => {
      up = false;
      clearTimeout(retry);
    });
    const attempt = async (): Promise<void> => {
      try {
        const moved = await adoptLegacyConfigQueue(model, this.options.kiosk);
        if (moved > 0) this.emit({ type: 'legacyQueueAdopted', moved });
      } catch (error) {
        if (!up) return;
        this.emit({ type: 'legacyQueueAdoptFailed', error: errorText(error) });
        retry = setTimeout(() => void attempt(), this.options.adoptRetryMs ?? DEFAULT_ADOPT_RETRY_MS);
        retry.unref?.();
      }
    };
    await attempt();
  }

  private handle(channel: Channel, message: ConsumeMessage | null, lose: (reason: string) => void): void {
    // null: the broker cancelled us (queue deleted): reconnect, which declares it again.
    if (message === null) {
      lose('consumer cancelled by the broker');
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
