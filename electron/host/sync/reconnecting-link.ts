import type { Channel, ChannelModel } from 'amqplib';
import { closeConnection, errorText, openConnection, withTimeout } from './amqp-connection';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffPolicy } from './backoff';
import { WakeableSleep } from '../../../shared/wakeable-sleep';
import { BrokerRotation } from './broker-rotation';

/**
 * One broker link kept up in the background: connect, let the owner open its
 * channels and consumers (`setup`), wait until the link ends, drop it, and
 * connect again after a capped, jittered backoff (backoff.ts).
 *
 * The link is never repaired in place (amqplib's recovery would carry state
 * across reconnects): whatever ends it — the connection closing, a channel
 * error, the owner calling `lose` — drops the whole connection, and `setup`
 * runs again on a fresh one. `stop()` wakes a pending backoff, ends the link
 * and resolves once its socket is closed: no timer or socket is left behind.
 *
 * Used by the config consumer, the fleet heartbeat and the sandbox's intake
 * and query consumers. The delivery loop keeps its own loop: it is driven by
 * passes and confirm timeouts, not by a consumer waiting for a close.
 */
export interface ReconnectingLinkOptions<T> {
  /** One broker URL, or a cluster's nodes comma-separated: the link uses one and moves to the next on loss (broker-rotation.ts). */
  url: string;
  /** Shuffles the node order (the kiosk id): a fleet spreads over the nodes. */
  seed?: string;
  heartbeatSeconds: number;
  /** Connect, handshake and `setup` each within this. Default 15 s. */
  connectTimeoutMs?: number;
  reconnectBackoff?: BackoffPolicy;
  /**
   * After a link that was up ends: wait a backoff step before connecting
   * again (default), or connect at once. Failed connects always back off.
   */
  pauseAfterLoss?: boolean;
  random?: () => number;
  /**
   * Opens the owner's channels and consumers on a new connection; its result
   * is `current` while the link is up. Throwing fails this connect. Every
   * channel it opens needs an 'error' listener (`endLinkOnChannelLoss` gives one).
   * `lose(reason)` ends this link (e.g. the broker cancelled a consumer).
   */
  setup: (model: ChannelModel, lose: (reason: string) => void) => Promise<T>;
  onEvent?: (event: LinkEvent) => void;
}

/** `retryInMs`: the backoff before the next connect (0 on a loss when `pauseAfterLoss` is false). */
export type LinkEvent =
  { type: 'connected' } | { type: 'connectFailed'; error: string; retryInMs: number } | { type: 'disconnected'; error: string; retryInMs: number };

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

export class ReconnectingLink<T = void> {
  private running = false;
  private done: Promise<void> | null = null;
  private readonly sleeper = new WakeableSleep();
  private loseCurrent: ((reason: string) => void) | null = null;
  private up: T | null = null;
  private readonly brokers: BrokerRotation;

  constructor(private readonly options: ReconnectingLinkOptions<T>) {
    this.brokers = new BrokerRotation(options.url, options.seed ?? '');
  }

  /**
   * For logs: the node the link is on, or the one it connects to next (after a
   * failed connect or a loss the rotation has already moved on), password redacted.
   */
  get broker(): string {
    return this.brokers.describe();
  }

  /** What `setup` returned for the link that is up now, or null between links. */
  get current(): T | null {
    return this.up;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.up = null;
    this.sleeper.wake();
    this.loseCurrent?.('stopped');
    await this.done;
    this.done = null;
  }

  private async run(): Promise<void> {
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let failures = 0;
    while (this.running) {
      let model: ChannelModel | null = null;
      let closed: Promise<string>;
      try {
        model = await openConnection(this.brokers.current, this.options.heartbeatSeconds, timeoutMs);
        let lose: (reason: string) => void = () => undefined;
        closed = new Promise<string>((resolve) => {
          lose = resolve;
        });
        this.loseCurrent = lose;
        model.on('error', (error: Error) => lose(`connection error: ${error.message}`));
        model.on('close', () => lose('connection closed'));
        // Stopped while connecting: stop() found no link to end, so it is closed below.
        if (!this.running) throw new Error('stopped');
        const value = await withTimeout(this.options.setup(model, lose), timeoutMs, 'setting up the link');
        if (this.running) this.up = value;
      } catch (error) {
        this.loseCurrent = null;
        if (model) await closeConnection(model);
        if (!this.running) break;
        this.brokers.advance();
        failures++;
        const retryInMs = this.retryDelay(failures);
        this.emit({ type: 'connectFailed', error: errorText(error), retryInMs });
        await this.sleep(retryInMs);
        continue;
      }
      failures = 0;
      if (this.running) this.emit({ type: 'connected' });
      const reason = await closed;
      this.up = null;
      this.loseCurrent = null;
      await closeConnection(model);
      if (!this.running) break;
      // The node may be gone (a cluster member stopped): the next connect goes to the next one.
      this.brokers.advance();
      const pause = this.options.pauseAfterLoss ?? true;
      if (pause) failures++;
      const retryInMs = pause ? this.retryDelay(failures) : 0;
      this.emit({ type: 'disconnected', error: reason, retryInMs });
      if (pause) await this.sleep(retryInMs);
    }
  }

  private retryDelay(failures: number): number {
    return backoffDelay(failures, this.options.reconnectBackoff ?? RECONNECT_BACKOFF, this.options.random);
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.sleeper.sleep(ms) : Promise.resolve();
  }

  private emit(event: LinkEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A listener's bug must not stop the link.
    }
  }
}

/**
 * A channel the link depends on: its error (the broker closed it, e.g. 406 on
 * a queue declared with other arguments) or its close ends the link, which is
 * then rebuilt. Without the 'error' listener amqplib's error would be an
 * uncaught exception.
 */
export function endLinkOnChannelLoss(channel: Channel, lose: (reason: string) => void): void {
  channel.on('error', (error: Error) => lose(`channel error: ${error.message}`));
  channel.on('close', () => lose('channel closed'));
}
