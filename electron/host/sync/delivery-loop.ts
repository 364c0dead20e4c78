import type { Db } from '../db/database';
import type { Authority } from '../transactions/outbox-payloads';
import { errorText } from './amqp-connection';
import { backoffDelay, RECONNECT_BACKOFF, ROW_BACKOFF, type BackoffPolicy } from './backoff';
import { decideFailure, planPage } from './delivery-plan';
import { buildMessage } from './outbox-message';
import { AUTHORITIES, OutboxQueue, type QueuedRow } from './outbox-queue';
import { AmqpPublisher, type MessagePublisher, type PublisherOptions, type PublishOutcome } from './publisher';
import { WakeableSleep } from '../../../shared/wakeable-sleep';
import { BrokerRotation } from './broker-rotation';
import { createConsentGate, type ConsentGate } from '../credit/consent-gate';

/**
 * Delivers the outbox to the broker (docs/sync.md "Transactional outbox"), in
 * passes: per authority, read one page from the head, publish its due rows in
 * order on the confirm channel, wait for their confirms, then record every
 * outcome in one short SQLite transaction. A page is at most `window` rows, so
 * the synchronous SQLite work per pass stays small however long the outbox is
 * and the UI on the same thread does not notice.
 *
 * Links are not repaired in place: a publisher that broke (confirm timeout,
 * heartbeat lost, broker gone) is thrown away and a new one opened after a
 * capped, jittered backoff. Rows in flight on the broken link stay pending
 * and go again; consumers dedupe on messageId.
 */
export interface DeliveryLoopOptions {
  db: Db;
  /** The broker to publish to; or, instead, `openPublisher`. */
  publisher?: Omit<PublisherOptions, 'connectTimeoutMs'> & { connectTimeoutMs?: number };
  /**
   * Opens a link of another kind (the sandbox mode's in-process intake,
   * in-process-publisher.ts): the same pages, order, outcomes and backoff.
   */
  openPublisher?: () => Promise<MessagePublisher>;
  /** The kiosk id, sent as `appId`. */
  appId: string;
  /** Rows of one authority in flight at once (publish, then wait for their confirms). Default 100. */
  window?: number;
  /** How often an idle loop looks for new rows. Default 1000 ms. */
  idlePollMs?: number;
  rowBackoff?: BackoffPolicy;
  reconnectBackoff?: BackoffPolicy;
  /** A row the broker refused this many times is parked dead. Default 5. */
  maxRefusals?: number;
  now?: () => Date;
  random?: () => number;
  onEvent?: (event: DeliveryEvent) => void;
}

export type DeliveryEvent =
  /** `node`: which broker node (a cluster's "node 2 of 3 (amqp://…)"), the password redacted. */
  | { type: 'connected'; node?: string }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'sent'; authority: Authority; count: number }
  | { type: 'retry'; id: string; authority: Authority; attempts: number; error: string; retryAt: string }
  | { type: 'parked'; id: string; authority: Authority; error: string }
  | { type: 'loopError'; error: string };

export interface PassTotals {
  sent: number;
  /** Publishes that were not confirmed (the rows stay pending, backing off). */
  failed: number;
  parked: number;
}

interface PassResult extends PassTotals {
  published: number;
  wakeAt: number | null;
}

const DEFAULT_WINDOW = 100;
const DEFAULT_IDLE_POLL_MS = 1000;
const DEFAULT_MAX_REFUSALS = 5;
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
/** Longest synchronous run of publishes before the loop yields to the event loop (the UI's IPC shares it). */
const PUBLISH_SLICE_MS = 4;

export class DeliveryLoop {
  private readonly queue: OutboxQueue;
  /** Every bank message is built through it (docs/credit-sharing.md "The consent rule"). */
  private readonly consentGate: ConsentGate;
  private readonly openPublisher: () => Promise<MessagePublisher>;
  private readonly window: number;
  private readonly now: () => Date;
  private publisher: MessagePublisher | null = null;
  private running = false;
  private done: Promise<void> | null = null;
  private readonly sleeper = new WakeableSleep();
  /** The broker's nodes (one, or a cluster's), in this kiosk's order; null with `openPublisher`. */
  private readonly brokers: BrokerRotation | null = null;

  constructor(private readonly options: DeliveryLoopOptions) {
    this.queue = new OutboxQueue(options.db);
    this.consentGate = createConsentGate(options.db);
    const broker = options.publisher;
    if (options.openPublisher) this.openPublisher = options.openPublisher;
    else if (broker) {
      const brokers = new BrokerRotation(broker.url, options.appId);
      this.brokers = brokers;
      this.openPublisher = () => AmqpPublisher.open({ connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS, ...broker, url: brokers.current });
    } else throw new TypeError('a delivery loop needs a broker (publisher) or openPublisher');
    this.window = options.window ?? DEFAULT_WINDOW;
    this.now = options.now ?? (() => new Date());
  }

  /** Runs in the background until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  /** Stops after the current pass (its confirms are bounded by the confirm timeout) and closes the link. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
    this.done = null;
  }

  /** Look now rather than at the next poll (a transaction just committed rows). */
  wake(): void {
    this.sleeper.wake();
  }

  /**
   * One link, every row due now, then close (`kioskctl sync --once`). Throws
   * BrokerUnavailableError when the broker cannot be reached.
   */
  async deliverDueOnce(): Promise<PassTotals & { linkError: string | null }> {
    const publisher = await this.openAnyPublisher();
    const totals: PassTotals = { sent: 0, failed: 0, parked: 0 };
    let linkError: string | null;
    try {
      for (;;) {
        const result = await this.pass(publisher);
        totals.sent += result.sent;
        totals.failed += result.failed;
        totals.parked += result.parked;
        linkError = publisher.broken;
        if (linkError !== null || (result.published === 0 && result.parked === 0)) break;
      }
    } finally {
      await publisher.close();
    }
    return { ...totals, linkError };
  }

  private async run(): Promise<void> {
    let failedConnects = 0;
    while (this.running) {
      if (this.publisher === null) {
        try {
          this.publisher = await this.openPublisher();
          failedConnects = 0;
          if (!this.running) break; // stopped while connecting: close below
          this.emit(this.brokers ? { type: 'connected', node: this.brokers.describe() } : { type: 'connected' });
        } catch (error) {
          this.brokers?.advance();
          failedConnects++;
          const retryInMs = backoffDelay(failedConnects, this.options.reconnectBackoff ?? RECONNECT_BACKOFF, this.options.random);
          this.emit({ type: 'connectFailed', error: errorText(error), retryInMs });
          await this.sleep(retryInMs);
          continue;
        }
      }
      const publisher = this.publisher;
      let result: PassResult | null = null;
      try {
        result = await this.pass(publisher);
      } catch (error) {
        // SQLite trouble (disk full, database closed under us): say so, keep the loop alive.
        this.emit({ type: 'loopError', error: errorText(error) });
      }
      if (publisher.broken !== null) {
        this.emit({ type: 'disconnected', error: publisher.broken });
        await publisher.close();
        this.publisher = null;
        // Its node may be gone (a cluster member stopped): the next link goes to the next node.
        this.brokers?.advance();
        continue;
      }
      if (result !== null && (result.published > 0 || result.parked > 0)) {
        // More may be due: go on, but let the event loop (the UI's IPC) run first.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const idle = this.options.idlePollMs ?? DEFAULT_IDLE_POLL_MS;
      const untilDue = result?.wakeAt !== undefined && result.wakeAt !== null ? Math.max(0, result.wakeAt - this.now().getTime()) : idle;
      await this.sleep(Math.min(idle, untilDue));
    }
    await this.publisher?.close();
    this.publisher = null;
  }

  /** Each node in turn until one takes the link (`kioskctl sync --once`); throws the last node's error. */
  private async openAnyPublisher(): Promise<MessagePublisher> {
    const tries = this.brokers?.size ?? 1;
    for (let i = 1; ; i++) {
      try {
        return await this.openPublisher();
      } catch (error) {
        if (i >= tries) throw error;
        this.brokers?.advance();
      }
    }
  }

  private async pass(publisher: MessagePublisher): Promise<PassResult> {
    const results = await Promise.all(AUTHORITIES.map((authority) => this.passAuthority(publisher, authority)));
    return results.reduce(
      (sum, r) => ({
        sent: sum.sent + r.sent,
        failed: sum.failed + r.failed,
        parked: sum.parked + r.parked,
        published: sum.published + r.published,
        wakeAt: sum.wakeAt === null ? r.wakeAt : r.wakeAt === null ? sum.wakeAt : Math.min(sum.wakeAt, r.wakeAt),
      }),
      { sent: 0, failed: 0, parked: 0, published: 0, wakeAt: null },
    );
  }

  private async passAuthority(publisher: MessagePublisher, authority: Authority): Promise<PassResult> {
    const started = this.now();
    const plan = planPage(this.queue.head(authority, this.window), started, (row) =>
      buildMessage(row, this.options.appId, { gate: this.consentGate, now: this.now() }),
    );
    for (const { row, error } of plan.park) {
      this.queue.park(row, { attempts: row.attempts, error }, started);
      this.emit({ type: 'parked', id: row.id, authority, error });
    }
    // Handed to the socket one by one in id order: RabbitMQ keeps a channel's order into a queue.
    const inFlight: Array<{ row: QueuedRow; outcome: Promise<PublishOutcome> }> = [];
    let sliceStarted = performance.now();
    for (const message of plan.publish) {
      await publisher.drained();
      if (publisher.broken !== null) break;
      inFlight.push({ row: message.row, outcome: publisher.publish(message) });
      // A page is one long synchronous run otherwise (drained() only yields a microtask): let IPC in.
      if (performance.now() - sliceStarted > PUBLISH_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
    const outcomes = await Promise.all(inFlight.map(async ({ row, outcome }) => ({ row, outcome: await outcome })));
    // Both authorities' confirms often land in one socket read: record each in its own turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    const recorded = this.record(authority, outcomes);
    return { ...recorded, parked: recorded.parked + plan.park.length, published: inFlight.length, wakeAt: plan.wakeAt };
  }

  /** All outcomes of one page in one transaction: sent only with a confirm, everything else backs off or parks. */
  private record(authority: Authority, outcomes: Array<{ row: QueuedRow; outcome: PublishOutcome }>): PassTotals {
    const at = this.now();
    const totals: PassTotals = { sent: 0, failed: 0, parked: 0 };
    const events: DeliveryEvent[] = [];
    this.queue.recordOutcomes(() => {
      totals.sent = this.queue.markSent(
        outcomes.filter((o) => o.outcome.kind === 'confirmed').map((o) => o.row),
        at,
      );
      for (const { row, outcome } of outcomes) {
        if (outcome.kind === 'confirmed') continue;
        const decision = decideFailure(row, outcome, at, {
          backoff: this.options.rowBackoff ?? ROW_BACKOFF,
          maxRefusals: this.options.maxRefusals ?? DEFAULT_MAX_REFUSALS,
          random: this.options.random,
        });
        if (decision.action === 'park') {
          this.queue.park(row, decision, at);
          totals.parked++;
          events.push({ type: 'parked', id: row.id, authority, error: decision.error });
        } else {
          this.queue.recordFailure(row, decision);
          totals.failed++;
          events.push({
            type: 'retry',
            id: row.id,
            authority,
            attempts: decision.attempts,
            error: decision.error,
            retryAt: decision.nextAttemptAt.toISOString(),
          });
        }
      }
    });
    if (totals.sent > 0) this.emit({ type: 'sent', authority, count: totals.sent });
    for (const event of events) this.emit(event);
    return totals;
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.sleeper.sleep(ms) : Promise.resolve();
  }

  private emit(event: DeliveryEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A listener's bug must not stop delivery.
    }
  }
}
