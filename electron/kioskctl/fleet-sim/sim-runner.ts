import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { prng } from '../../../shared/prng';
import { Heartbeat } from '../../../shared/fleet/heartbeat';
import { declareStatusExchange, STATUS_EXCHANGE, statusRoutingKey } from '../../host/fleet/fleet-topology';
import { CONFIG_EXCHANGE, declareConfigExchange } from '../../host/config/config-topology';
import { closeConnection } from '../../host/sync/amqp-connection';
import { advance, createFleet, heartbeatOf, type SimKiosk } from './sim-kiosk';
import { readPushedBundle, takeBundle } from './sim-rollout';

/**
 * Runs the simulated fleet on one broker connection (`kioskctl fleet
 * simulate`): one channel publishes every kiosk's heartbeat on exchange
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
}

/** After an apply or refusal, the kiosk's next heartbeat goes within this (a real kiosk's debounce is 2 s). */
export const EARLY_MS = 500;

export class FleetSimulation {
  readonly fleet: SimKiosk[];
  readonly stats: SimulationStats = { heartbeats: 0, applied: 0, refused: 0, bundles: 0, ignored: 0 };
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
   * Declares what it uses, starts consuming pushes and publishing heartbeats.
   * Resolves once running; `lost` is called if the broker link breaks.
   */
  async start(model: ChannelModel, lost: (reason: string) => void): Promise<void> {
    model.on('close', () => lost('the broker closed the connection'));
    const publish = await model.createChannel();
    publish.on('error', () => undefined);
    publish.on('close', () => lost('the publishing channel closed'));
    publish.on('drain', () => this.drained());
    await declareStatusExchange(publish);
    this.usePublisher(publish);

    const pushes = await model.createChannel();
    pushes.on('error', () => undefined);
    pushes.on('close', () => lost('the config channel closed'));
    await declareConfigExchange(pushes);
    const { queue } = await pushes.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    for (const key of ['kiosk.#', 'branch.#', 'all']) await pushes.bindQueue(queue, CONFIG_EXCHANGE, key);
    await pushes.consume(queue, (message) => message && this.onPush(message), { noAck: true });

    const tickMs = Math.max(5, Math.min(250, Math.floor(this.options.intervalMs / 20)));
    this.timer = setInterval(() => this.publishDue(), tickMs);
  }

  /** Where heartbeats go (start() gives its channel; the unit tests a fake one). */
  usePublisher(channel: Pick<Channel, 'publish'>): void {
    this.channel = channel;
    this.blocked = false;
  }

  /** The broker's buffer has room again (the channel's 'drain'). */
  drained(): void {
    this.blocked = false;
  }

  async stop(model: ChannelModel): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.channel = null;
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
    if (channel === null) return;
    const heartbeat = Heartbeat.parse(heartbeatOf(kiosk, new Date(now), this.options.appVersion));
    const ok = channel.publish(STATUS_EXCHANGE, statusRoutingKey(kiosk.kioskId), Buffer.from(JSON.stringify(heartbeat)), {
      persistent: true,
      contentType: 'application/json',
      type: 'kiosk.heartbeat',
      appId: kiosk.kioskId,
      timestamp: Math.floor(now / 1000),
    });
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
