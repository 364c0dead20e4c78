import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { Heartbeat } from '../../../shared/fleet/heartbeat';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffPolicy } from '../sync/backoff';
import { destroySocket, withHeartbeat, withTimeout } from '../sync/publisher';
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
  url: string;
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
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

export class HeartbeatPublisher {
  private model: ChannelModel | null = null;
  private channel: Channel | null = null;
  private running = false;
  private connecting = false;
  private failures = 0;
  private interval: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;

  constructor(private readonly options: HeartbeatPublisherOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.interval = setInterval(() => this.publishNow(), this.options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
    this.interval.unref?.();
    void this.connect();
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
    for (const timer of [this.interval, this.debounce, this.reconnect]) if (timer) clearTimeout(timer);
    this.interval = this.debounce = this.reconnect = null;
    await this.dropLink();
  }

  /** Publishes the current snapshot if connected; otherwise drops it (see the class comment). */
  publishNow(): void {
    const channel = this.channel;
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

  private async connect(): Promise<void> {
    if (!this.running || this.connecting) return;
    this.connecting = true;
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    try {
      const model = await amqp.connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds), { timeout: timeoutMs, noDelay: true });
      this.model = model;
      model.on('error', () => undefined);
      model.on('close', () => this.lost('connection closed'));
      const channel = await withTimeout(model.createChannel(), timeoutMs, 'opening a channel');
      channel.on('error', () => undefined);
      channel.on('close', () => this.lost('channel closed'));
      await withTimeout(this.options.declareTopology ? declareFleetQueue(channel) : declareStatusExchange(channel), timeoutMs, 'declaring kiosk.status');
      this.failures = 0;
      this.connecting = false;
      if (!this.running) return void (await this.dropLink());
      this.channel = channel;
      this.emit({ type: 'connected' });
      // The fleet hears from a kiosk as soon as it is back.
      this.publishNow();
    } catch (error) {
      this.connecting = false;
      await this.dropLink();
      this.scheduleReconnect(`connect failed: ${errorText(error)}`, true);
    }
  }

  private lost(reason: string): void {
    if (this.channel === null && this.model === null) return;
    this.channel = null;
    void this.dropLink();
    if (this.running) {
      this.emit({ type: 'disconnected', error: reason });
      this.scheduleReconnect(reason, false);
    }
  }

  private scheduleReconnect(reason: string, report: boolean): void {
    if (!this.running || this.reconnect !== null) return;
    this.failures++;
    const retryInMs = backoffDelay(this.failures, this.options.reconnectBackoff ?? RECONNECT_BACKOFF);
    if (report) this.emit({ type: 'connectFailed', error: reason, retryInMs });
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect();
    }, retryInMs);
    this.reconnect.unref?.();
  }

  private async dropLink(): Promise<void> {
    const model = this.model;
    this.model = null;
    this.channel = null;
    if (!model) return;
    model.removeAllListeners('close');
    try {
      await withTimeout(model.close(), 2000, 'closing the connection');
    } catch {
      destroySocket(model);
    }
  }

  private emit(event: HeartbeatEvent): void {
    this.options.onEvent?.(event);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
