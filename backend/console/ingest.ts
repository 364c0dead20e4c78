import type { Channel, ConsumeMessage } from 'amqplib';
import { endLinkOnChannelLoss, ReconnectingLink, type LinkEvent } from '../../electron/host/sync/reconnecting-link';
import { STATUS_EXCHANGE, declareStatusExchange, statusRoutingKey } from '../../electron/host/fleet/fleet-topology';
import { parseAnyHeartbeat, type Heartbeat } from '../../shared/fleet/heartbeat';
import type { Fleet } from './fleet';

/**
 * The console's own heartbeat queue:
 *
 *   kiosk.status (topic) ── kiosk.# ──▶ kiosk.status.console.replicated (quorum, bounded drop-head)
 *
 * Its own so `kioskctl fleet status` (which drains kiosk.status.fleet.replicated)
 * and the console never take each other's heartbeats. Bounded like the fleet
 * queue: a console that is down for a day finds at most the newest
 * CONSOLE_QUEUE_MAX_LENGTH heartbeats, which is all it needs.
 *
 * Messages are taken in batches (BATCH_MAX or every BATCH_MS), written in one
 * transaction and acked after the commit, so a crash loses nothing the
 * broker has forgotten. Anything that is not a heartbeat (or one published
 * under another kiosk's routing key) is acked and counted as rejected: one bad
 * publisher must not stop the fleet view.
 */
export const CONSOLE_QUEUE = 'kiosk.status.console.replicated';
export const CONSOLE_QUEUE_MAX_LENGTH = 200_000;
export const PREFETCH = 500;
export const BATCH_MAX = 500;
export const BATCH_MS = 200;
/** A heartbeat is about 1–2 KiB; anything far larger is not one (parsed only after this check). */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface IngestStats {
  received: number;
  rejected: number;
  lastAt: string | null;
}

export async function declareConsoleQueue(channel: Channel): Promise<void> {
  await declareStatusExchange(channel);
  await channel.assertQueue(CONSOLE_QUEUE, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-max-length': CONSOLE_QUEUE_MAX_LENGTH, 'x-overflow': 'drop-head' },
  });
  await channel.bindQueue(CONSOLE_QUEUE, STATUS_EXCHANGE, 'kiosk.#');
}

export interface IngestOptions {
  url: string;
  fleet: Fleet;
  now: () => Date;
  onEvent?: (event: LinkEvent | { type: 'batchFailed'; error: string }) => void;
}

export class HeartbeatIngest {
  readonly stats: IngestStats = { received: 0, rejected: 0, lastAt: null };
  private readonly link: ReconnectingLink<Channel>;
  private pending: { channel: Channel; messages: ConsumeMessage[] } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: IngestOptions) {
    this.link = new ReconnectingLink<Channel>({
      url: options.url,
      heartbeatSeconds: 30,
      pauseAfterLoss: false,
      setup: (model, lose) => this.consume(model, lose),
      onEvent: (event) => options.onEvent?.(event),
    });
  }

  start(): void {
    this.link.start();
  }

  /** True while a broker link is up and consuming. */
  get connected(): boolean {
    return this.link.current !== null;
  }

  async stop(): Promise<void> {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.link.stop();
  }

  private async consume(model: import('amqplib').ChannelModel, lose: (reason: string) => void): Promise<Channel> {
    const channel = await model.createChannel();
    endLinkOnChannelLoss(channel, lose);
    await declareConsoleQueue(channel);
    await channel.prefetch(PREFETCH);
    // Messages of a lost channel are redelivered on the next: what was not committed is dropped here.
    channel.on('close', () => {
      if (this.pending?.channel === channel) this.pending = null;
    });
    await channel.consume(CONSOLE_QUEUE, (message) => {
      if (message === null) {
        lose('consumer cancelled by the broker');
        return;
      }
      this.add(channel, message);
    });
    return channel;
  }

  private add(channel: Channel, message: ConsumeMessage): void {
    if (this.pending && this.pending.channel !== channel) this.pending = null;
    this.pending ??= { channel, messages: [] };
    this.pending.messages.push(message);
    if (this.pending.messages.length >= BATCH_MAX) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** Writes the batch in one transaction, then acks all of it with one multiple-ack. */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = null;
    if (!batch || batch.messages.length === 0) return;
    const heartbeats: Heartbeat[] = [];
    for (const message of batch.messages) {
      const heartbeat = message.content.length <= MAX_MESSAGE_BYTES ? readHeartbeat(message.content) : null;
      // A kiosk publishes under its own routing key (a broker's topic permissions can hold it to that):
      // a heartbeat about another kiosk is not taken.
      if (heartbeat && message.fields.routingKey === statusRoutingKey(heartbeat.kioskId)) heartbeats.push(heartbeat);
      else this.stats.rejected += 1;
    }
    try {
      this.options.fleet.ingest(heartbeats);
    } catch (error) {
      // Not acked: the link is dropped and the broker redelivers the batch on the next one.
      this.options.onEvent?.({ type: 'batchFailed', error: error instanceof Error ? error.message : String(error) });
      batch.channel.close().catch(() => undefined);
      return;
    }
    this.stats.received += batch.messages.length;
    this.stats.lastAt = this.options.now().toISOString();
    const last = batch.messages[batch.messages.length - 1];
    try {
      if (last) batch.channel.ack(last, true);
    } catch {
      // The channel closed meanwhile: redelivered and ignored as not newer.
    }
  }
}

function readHeartbeat(content: Buffer): Heartbeat | null {
  try {
    return parseAnyHeartbeat(JSON.parse(content.toString('utf8')));
  } catch {
    return null;
  }
}
