import type { Channel, ChannelModel } from 'amqplib';
import { Heartbeat } from '../../../shared/fleet/heartbeat';
import { errorText } from '../sync/amqp-connection';
import type { BackoffPolicy } from '../sync/backoff';
import { endLinkOnChannelLoss, ReconnectingLink, type LinkEvent } from '../sync/reconnecting-link';
import { declareFleetQueue, declareStatusExchange, STATUS_EXCHANGE, statusRoutingKey } from './fleet-topology';

/**
 * Publishes the kiosk's status heartbeat: every `intervalMs` (a minute) and,
 * debounced, soon after anything in it changed (a printer out of paper, a
 * config applied).
 *
 * Deliberately NOT an outbox row: a heartbeat is only worth something while it
 * is current. One that could not go now is dropped, not queued — after a
 * reconnect the next heartbeat says everything the missed ones would have.
 * So: its own connection (never the delivery loop's confirm channel, never
 * waiting for a confirm), no retries, and a publish that never blocks the
 * caller: `changed()` only arms a timer, and the snapshot is a few status
 * reads and two indexed counts.
 */
export interface HeartbeatPublisherOptions {
  /** One broker URL, or a cluster's nodes comma-separated (broker-rotation.ts). */
  url: string;
  /** Shuffles the node order (the kiosk id). */
  seed?: string;
  heartbeatSeconds: number;
  declareTopology: boolean;
  snapshot: () => Heartbeat;
  intervalMs?: number;
  debounceMs?: number;
  connectTimeoutMs?: number;
  reconnectBackoff?: BackoffPolicy;
  onEvent?: (event: HeartbeatEvent) => void;
}

export type HeartbeatEvent =
  | { type: 'connected' }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'published'; kioskId: string }
  | { type: 'dropped'; reason: string };

export const HEARTBEAT_INTERVAL_MS = 60_000;
const DEFAULT_DEBOUNCE_MS = 2_000;

export class HeartbeatPublisher {
  private readonly link: ReconnectingLink<Channel>;
  private running = false;
  private interval: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;

  constructor(private readonly options: HeartbeatPublisherOptions) {
    this.link = new ReconnectingLink<Channel>({
      url: options.url,
      seed: options.seed,
      heartbeatSeconds: options.heartbeatSeconds,
      connectTimeoutMs: options.connectTimeoutMs,
      reconnectBackoff: options.reconnectBackoff,
      setup: (model, lose) => this.openChannel(model, lose),
      onEvent: (event) => this.onLinkEvent(event),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.interval = setInterval(() => this.publishNow(), this.options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
    this.interval.unref?.();
    this.link.start();
  }

  /** Something in the heartbeat changed: publish soon, once for a burst of changes. */
  changed(): void {
    if (!this.running || this.debounce !== null) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.publishNow();
    }, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.debounce.unref?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of [this.interval, this.debounce]) if (timer) clearTimeout(timer);
    this.interval = this.debounce = null;
    await this.link.stop();
  }

  /** Publishes the current snapshot if connected; otherwise drops it (see the class comment). */
  publishNow(): void {
    const channel = this.link.current;
    if (!this.running) return;
    if (channel === null) {
      this.emit({ type: 'dropped', reason: 'not connected' });
      return;
    }
    let heartbeat: Heartbeat;
    try {
      heartbeat = Heartbeat.parse(this.options.snapshot());
    } catch (error) {
      this.emit({ type: 'dropped', reason: `snapshot failed: ${errorText(error)}` });
      return;
    }
    try {
      channel.publish(STATUS_EXCHANGE, statusRoutingKey(heartbeat.kioskId), Buffer.from(JSON.stringify(heartbeat)), {
        // Persistent so the last heartbeat of a kiosk that went silent survives a broker restart (it shows as stale).
        persistent: true,
        contentType: 'application/json',
        type: 'kiosk.heartbeat',
        appId: heartbeat.kioskId,
        timestamp: Math.floor(Date.parse(heartbeat.sentAt) / 1000),
      });
      this.emit({ type: 'published', kioskId: heartbeat.kioskId });
    } catch (error) {
      this.emit({ type: 'dropped', reason: errorText(error) });
    }
  }

  private async openChannel(model: ChannelModel, lose: (reason: string) => void): Promise<Channel> {
    const channel = await model.createChannel();
    endLinkOnChannelLoss(channel, lose);
    await (this.options.declareTopology ? declareFleetQueue(channel) : declareStatusExchange(channel));
    return channel;
  }

  private onLinkEvent(event: LinkEvent): void {
    if (event.type === 'connectFailed') {
      this.emit({ ...event, error: `connect failed: ${event.error}` });
      return;
    }
    this.emit(event);
    // The fleet hears from a kiosk as soon as it is back.
    if (event.type === 'connected') this.publishNow();
  }

  private emit(event: HeartbeatEvent): void {
    this.options.onEvent?.(event);
  }
}
