import type { ChannelModel } from 'amqplib';
import type { BackoffPolicy } from '../../electron/host/sync/backoff';
import { ReconnectingLink, type LinkEvent } from '../../electron/host/sync/reconnecting-link';

export interface LinkedConsumerOptions<E> {
  url: string;
  heartbeatSeconds?: number;
  reconnect?: BackoffPolicy;
  onEvent?: (event: E | LinkEvent) => void;
}

/**
 * A sandbox consumer on its own broker link (intake, queries): the link's
 * lifecycle is ReconnectingLink's; the subclass only opens its channels and
 * consumers on each new connection.
 */
export abstract class LinkedConsumer<E> {
  private readonly link: ReconnectingLink;

  protected constructor(private readonly linkOptions: LinkedConsumerOptions<E>) {
    this.link = new ReconnectingLink({
      url: linkOptions.url,
      heartbeatSeconds: linkOptions.heartbeatSeconds ?? 30,
      reconnectBackoff: linkOptions.reconnect,
      // A link that was up and broke is replaced at once; only failed connects back off.
      pauseAfterLoss: false,
      setup: (model, lose) => this.consume(model, lose),
      onEvent: (event) => this.emit(event),
    });
  }

  start(): void {
    this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
  }

  /** Opens the channels and starts consuming on a new connection; `lose` ends this link. */
  protected abstract consume(model: ChannelModel, lose: (reason: string) => void): Promise<void>;

  protected emit(event: E | LinkEvent): void {
    try {
      this.linkOptions.onEvent?.(event);
    } catch {
      // A listener's bug must not stop the consumer.
    }
  }
}
