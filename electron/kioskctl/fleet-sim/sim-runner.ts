import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { prng } from '../../../shared/prng';
import { Heartbeat } from '../../../shared/fleet/heartbeat';
import { declareStatusExchange, STATUS_EXCHANGE, statusRoutingKey } from '../../host/fleet/fleet-topology';
import { CONFIG_EXCHANGE, declareConfigExchange } from '../../host/config/config-topology';
import { closeConnection } from '../../host/sync/amqp-connection';
import { advance, createFleet, heartbeatOf, type SimKiosk } from './sim-kiosk';
import { readPushedBundle, takeBundle } from './sim-rollout';

/**
 * Runs the simulated fleet on one broker connection at a time (`kioskctl
 * fleet simulate`; sim-link.ts keeps the connection up and calls `attach` on
 * each new one): one channel publishes every kiosk's heartbeat on exchange
 * kiosk.status, routing key kiosk.<id>, exactly as real kiosks do; one
 * exclusive, auto-deleted queue of the simulator's own, bound to kiosk.config
 * with kiosk.#, branch.# and all, takes every config push (2,000 kiosks do not
 * get 2,000 quorum queues), and sim-rollout.ts decides per kiosk.
 *
 * Kiosk i sends its first heartbeat at i/N of the interval, then one per
 * interval, so the fleet's load is even. A kiosk that applied or refused a
 * bundle sends an extra heartbeat soon (EARLY_MS), as a real kiosk's debounce
 * does; extra heartbeats do not advance its simulated life. When the broker
 * pushes back (the channel's buffer full), publishing waits for 'drain':
 * heartbeats are late, none is lost silently.
 *
 * Between links (the broker node lost, the next not yet connected) the fleet
 * lives on — faults, stock, config versions — but heartbeats that fall due are
 * skipped and counted, not queued: like a real kiosk's (heartbeat-publisher.ts),
 * a heartbeat is only worth something while current, and the first one after
 * the reconnect says all the skipped ones would have. Pushes are taken again
 * once the next link has declared its own push queue.
 */
export interface SimulationOptions {
  kiosks: number;
  branches: number;
  seed: number;
  intervalMs: number;
  faultRate: number;
  refuse: ReadonlySet<string>;
  appVersion: string;
  now?: () => number;
}

export interface SimulationStats {
  heartbeats: number;
  applied: number;
  refused: number;
  /** Config pushes received (messages), and those that were not config bundles (content bundles, garbage). */
  bundles: number;
  ignored: number;
  /** Heartbeats that fell due while no broker link was up (skipped, not queued). */
  skipped: number;
}

/** After an apply or refusal, the kiosk's next heartbeat goes within this (a real kiosk's debounce is 2 s). */
export const EARLY_MS = 500;

export class FleetSimulation {
  readonly fleet: SimKiosk[];
  readonly stats: SimulationStats = { heartbeats: 0, applied: 0, refused: 0, bundles: 0, ignored: 0, skipped: 0 };
  private readonly randoms: Array<() => number>;
  private readonly regularDue: number[];
  private readonly earlyDue: Array<number | null>;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private blocked = false;
  private channel: Pick<Channel, 'publish'> | null = null;

  constructor(private readonly options: SimulationOptions) {
    this.now = options.now ?? Date.now;
    this.fleet = createFleet(options.kiosks, options.branches, prng(options.seed));
    // One sequence per kiosk: a kiosk's life is the same for a seed, however the timers interleave.
    this.randoms = this.fleet.map((_, i) => prng((Math.imul(options.seed, 0x9e3779b1) + i + 1) >>> 0));
    const start = this.now();
    this.regularDue = this.fleet.map((_, i) => start + Math.floor((i * options.intervalMs) / options.kiosks));
    this.earlyDue = this.fleet.map(() => null);
  }

  /**
   * On one connection for good (the console's e2e test): attach and publish.
   * `lost` is called if the link breaks; nothing reconnects.
   */
  async start(model: ChannelModel, lost: (reason: string) => void): Promise<void> {
    model.on('close', () => lost('the broker closed the connection'));
    await this.attach(model, lost);
    this.startPublishing();
  }

  /**
   * Takes a new broker link into use: declares what it uses, starts taking
   * pushes on a fresh exclusive queue (the last link's went with its
   * connection) and publishes heartbeats on it. Every channel ends the link
   * through `lose` (and is no longer used) when it fails or closes.
   */
  async attach(model: ChannelModel, lose: (reason: string) => void): Promise<void> {
    const publish = await model.createChannel();
    const drop = (reason: string): void => {
      this.detach(publish);
      lose(reason);
    };
    // A connection that ends closes its channels first, then says why (the link listens for that):
    // a channel's bare close waits a turn so the connection's reason is the one reported.
    const dropLater = (reason: string): void => {
      this.detach(publish);
      setImmediate(() => lose(reason));
    };
    publish.on('error', (error: Error) => drop(`the publishing channel failed: ${error.message}`));
    publish.on('close', () => dropLater('the publishing channel closed'));
    publish.on('drain', () => this.drained());
    await declareStatusExchange(publish);

    const pushes = await model.createChannel();
    pushes.on('error', (error: Error) => drop(`the config channel failed: ${error.message}`));
    pushes.on('close', () => dropLater('the config channel closed'));
    await declareConfigExchange(pushes);
    const { queue } = await pushes.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    for (const key of ['kiosk.#', 'branch.#', 'all']) await pushes.bindQueue(queue, CONFIG_EXCHANGE, key);
    await pushes.consume(queue, (message) => (message === null ? drop('the broker cancelled the config consumer') : this.onPush(message)), {
      noAck: true,
    });
    this.usePublisher(publish);
  }

  /** The link is gone (or `channel`'s is): heartbeats are skipped until the next `attach`. */
  detach(channel?: Pick<Channel, 'publish'>): void {
    if (channel !== undefined && this.channel !== channel) return;
    this.channel = null;
    this.blocked = false;
  }

  /** Starts the heartbeat clock; it runs across links until `stopPublishing`. */
  startPublishing(): void {
    if (this.timer) return;
    const tickMs = Math.max(5, Math.min(250, Math.floor(this.options.intervalMs / 20)));
    this.timer = setInterval(() => this.publishDue(), tickMs);
  }

  stopPublishing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.detach();
  }

  /** Where heartbeats go (attach() gives its channel; the unit tests a fake one). */
  usePublisher(channel: Pick<Channel, 'publish'>): void {
    this.channel = channel;
    this.blocked = false;
  }

  /** The broker's buffer has room again (the channel's 'drain'). */
  drained(): void {
    this.blocked = false;
  }

  /** Stops publishing and closes `model` (the connection start() was given). */
  async stop(model: ChannelModel): Promise<void> {
    this.stopPublishing();
    await closeConnection(model);
  }

  /** Publishes every heartbeat that is due; stops early while the broker pushes back. */
  publishDue(): void {
    const now = this.now();
    for (let i = 0; i < this.fleet.length && !this.blocked; i++) {
      const regular = (this.regularDue[i] ?? Infinity) <= now;
      const early = (this.earlyDue[i] ?? Infinity) <= now;
      if (!regular && !early) continue;
      const kiosk = this.fleet[i];
      if (kiosk === undefined) continue;
      if (regular) {
        advance(kiosk, this.randoms[i] ?? Math.random, this.options.faultRate);
        // From the due time, not from now: a late tick does not shift the kiosk's rhythm.
        this.regularDue[i] = Math.max(now, (this.regularDue[i] ?? now) + this.options.intervalMs);
      }
      this.earlyDue[i] = null;
      this.publish(kiosk, now);
    }
  }

  private publish(kiosk: SimKiosk, now: number): void {
    const channel = this.channel;
    if (channel === null) {
      this.stats.skipped += 1;
      return;
    }
    const heartbeat = Heartbeat.parse(heartbeatOf(kiosk, new Date(now), this.options.appVersion));
    let ok: boolean;
    try {
      ok = channel.publish(STATUS_EXCHANGE, statusRoutingKey(kiosk.kioskId), Buffer.from(JSON.stringify(heartbeat)), {
        persistent: true,
        contentType: 'application/json',
        type: 'kiosk.heartbeat',
        appId: kiosk.kioskId,
        timestamp: Math.floor(now / 1000),
      });
    } catch {
      // amqplib throws on a channel that closed before its 'close' reached us: the link is going.
      this.detach(channel);
      this.stats.skipped += 1;
      return;
    }
    this.stats.heartbeats += 1;
    if (!ok) this.blocked = true;
  }

  onPush(message: Pick<ConsumeMessage, 'content' | 'fields'>): void {
    this.stats.bundles += 1;
    const bundle = readPushedBundle(message.content);
    if (bundle === null) {
      this.stats.ignored += 1;
      return;
    }
    const now = this.now();
    const decisions = takeBundle(this.fleet, message.fields.routingKey, bundle, this.options.refuse, new Date(now));
    const index = new Map(this.fleet.map((k, i) => [k.kioskId, i]));
    for (const decision of decisions) {
      if (decision.outcome === 'applied') this.stats.applied += 1;
      else this.stats.refused += 1;
      const i = index.get(decision.kioskId);
      if (i !== undefined) this.earlyDue[i] = now + EARLY_MS;
    }
  }
}
