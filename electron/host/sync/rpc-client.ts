import crypto from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import {
  BackendError,
  checkedCall,
  DEADLINE_HEADER,
  DIRECT_REPLY_TO,
  QUERY_QUEUE,
  RpcReplyEnvelope,
  type BackendMethodName,
  type TaxBackend,
} from '../../../shared/backend';
import { closeConnection, destroySocket, errorText, openConnection, withTimeout } from './amqp-connection';
import { declareQueryTopology } from './rpc-topology';
import { BrokerRotation } from './broker-rotation';

/**
 * Backend queries as AMQP request/reply (docs/sync.md "Queries"). Every call ends
 * in a contract-shaped reply or a `BackendError` within `timeoutMs` — never a
 * hang: no broker → `unreachable`; no answer in time (no consumer, a frozen
 * broker, a slow backend) → `timeout`; the link breaks while waiting →
 * `unreachable`. The services turn all three into their `backendUnreachable`
 * refusal.
 *
 * One connection, opened on the first call and dropped when it breaks (the next
 * call opens a new one). Nothing is queued in memory for later: a call that
 * cannot be sent now fails now. Replies come by direct reply-to on the same
 * channel, matched by `correlationId`; a late reply of a call already timed out
 * finds nobody and is dropped.
 */
export interface RpcClientOptions {
  /** One broker URL, or a cluster's nodes comma-separated (broker-rotation.ts). */
  url: string;
  /** Who asks (the kiosk id), as the message's `appId`; also shuffles the node order. */
  appId: string;
  heartbeatSeconds?: number;
  /** Per call, from the moment it is made. Default 8000 ms. */
  timeoutMs?: number;
  /** TCP connect + handshake + channel; capped by what is left of the call's own timeout. Default 3000 ms. */
  connectTimeoutMs?: number;
  /** Declare `tax.queries` on connect (idempotent), as the delivery loop declares its queues. */
  declareTopology?: boolean;
}

interface Link {
  model: ChannelModel;
  channel: Channel;
  /** Set once the link is lost (drop). */
  dropped?: boolean;
}

interface Pending {
  method: BackendMethodName;
  link: Link;
  resolve(value: unknown): void;
  reject(error: BackendError): void;
  timer: NodeJS.Timeout;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 8000;

export class AmqpRpcClient {
  private link: Promise<Link> | null = null;
  private readonly pending = new Map<string, Pending>();
  private closed = false;
  private readonly brokers: BrokerRotation;

  constructor(private readonly options: RpcClientOptions) {
    this.brokers = new BrokerRotation(options.url, options.appId);
  }

  /** Sends one request and waits for its reply envelope; answers the raw `reply` (the caller checks its schema). */
  async call(method: BackendMethodName, request: unknown): Promise<unknown> {
    if (this.closed) throw new BackendError('unreachable', `${method}: the backend client is closed`);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    let link: Link;
    try {
      const connectMs = Math.min(this.options.connectTimeoutMs ?? 3000, timeoutMs);
      link = await withTimeout(this.connected(), connectMs, 'connecting to the broker');
    } catch (error) {
      throw new BackendError('unreachable', `${method}: broker unreachable: ${errorText(error)}`);
    }
    const correlationId = crypto.randomUUID();
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(correlationId);
          reject(new BackendError('timeout', `${method}: no reply within ${timeoutMs} ms`));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.pending.set(correlationId, { method, link, resolve, reject, timer });
      try {
        link.channel.publish('', QUERY_QUEUE, Buffer.from(JSON.stringify(request)), {
          correlationId,
          messageId: correlationId,
          replyTo: DIRECT_REPLY_TO,
          type: method,
          appId: this.options.appId,
          timestamp: Math.floor(Date.now() / 1000),
          contentType: 'application/json',
          mandatory: true,
          persistent: false,
          headers: { [DEADLINE_HEADER]: deadline },
        });
      } catch (error) {
        this.settle(correlationId, new BackendError('unreachable', `${method}: could not send: ${errorText(error)}`));
      }
    });
  }

  /** Fails every call still waiting and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    const link = this.link;
    this.link = null;
    this.failAll(null, 'the backend client was closed');
    if (link) {
      const open = await link.catch(() => null);
      if (open) await closeConnection(open.model);
    }
  }

  private connected(): Promise<Link> {
    if (this.link === null) {
      const attempt = this.open();
      this.link = attempt;
      // A failed attempt is forgotten, so the next call tries again.
      attempt.catch(() => {
        if (this.link === attempt) this.link = null;
      });
    }
    return this.link;
  }

  /**
   * A cluster: each node in turn, from the current one, until one takes the link. A node that
   * refuses the connection costs nothing; a frozen one its connect timeout (the call itself
   * gives up at its own connect bound, and the next call finds the link this attempt opens).
   */
  private async open(): Promise<Link> {
    let lastError: unknown = new Error('no broker address');
    for (let i = 0; i < this.brokers.size; i++) {
      try {
        return await this.openOn(this.brokers.current);
      } catch (error) {
        lastError = error;
        if (this.closed) break;
        this.brokers.advance();
      }
    }
    throw lastError;
  }

  private async openOn(url: string): Promise<Link> {
    const connectTimeoutMs = this.options.connectTimeoutMs ?? 3000;
    const model = await openConnection(url, this.options.heartbeatSeconds ?? 30, connectTimeoutMs);
    try {
      // Bounded like the handshake: a node that took the connection but never opens the channel
      // (booting, half gone) would otherwise hold this attempt, and every later call, for good.
      return await withTimeout(this.setUp(model), connectTimeoutMs, 'opening the query channel');
    } catch (error) {
      await closeConnection(model);
      throw error;
    }
  }

  private async setUp(model: ChannelModel): Promise<Link> {
    const channel = await model.createChannel();
    const link: Link = { model, channel };
    // Listening from the start: a declare the broker refuses (406) closes the channel with an 'error'.
    const lost = (reason: string): void => this.drop(link, reason);
    model.on('error', (error: Error) => lost(`connection error: ${error.message}`));
    model.on('close', () => lost('connection closed'));
    channel.on('error', (error: Error) => lost(`channel error: ${error.message}`));
    channel.on('close', () => lost('channel closed'));
    if (this.options.declareTopology ?? true) await declareQueryTopology(channel);
    // basic.return: no queue for the request (the topology is missing): nobody will answer.
    channel.on('return', (message: ConsumeMessage) => {
      const id = message.properties.correlationId as unknown;
      if (typeof id === 'string') this.settle(id, new BackendError('unreachable', 'no queue for backend queries (unroutable)'));
    });
    await channel.consume(
      DIRECT_REPLY_TO,
      (message) => {
        if (message !== null) this.onReply(message);
      },
      { noAck: true },
    );
    if (this.closed) throw new Error('closed while connecting');
    return link;
  }

  private onReply(message: ConsumeMessage): void {
    const id = message.properties.correlationId as unknown;
    if (typeof id !== 'string') return;
    const waiting = this.pending.get(id);
    if (!waiting) return; // timed out already
    let envelope: RpcReplyEnvelope;
    try {
      const parsed = RpcReplyEnvelope.safeParse(JSON.parse(message.content.toString('utf8')));
      if (!parsed.success) throw new Error(parsed.error.message);
      envelope = parsed.data;
    } catch (error) {
      this.settle(id, new BackendError('rejected', `${waiting.method}: reply envelope outside the contract: ${errorText(error)}`));
      return;
    }
    if (envelope.ok) this.settle(id, null, envelope.reply);
    else this.settle(id, new BackendError(envelope.code, `${waiting.method}: ${envelope.message}`));
  }

  private settle(id: string, error: BackendError | null, value?: unknown): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve(value);
  }

  /** The link broke: every call waiting on it fails now (not at its timeout), and the next call reconnects. */
  private drop(link: Link, reason: string): void {
    // One loss fires several events (connection error and close, channel error and close): act once,
    // or the node rotation would move once per event, back onto the node that just went.
    if (link.dropped === true) return;
    link.dropped = true;
    void this.link?.then(
      (current) => {
        if (current !== link) return;
        this.link = null;
        // Its node may be gone (a cluster member stopped): the next call connects to the next node.
        this.brokers.advance();
      },
      () => undefined,
    );
    this.failAll(link, reason);
    // A socket that does not close by itself is destroyed (a frozen peer).
    setTimeout(() => destroySocket(link.model), 2000).unref();
  }

  private failAll(link: Link | null, reason: string): void {
    for (const [id, waiting] of [...this.pending]) {
      if (link === null || waiting.link === link) this.settle(id, new BackendError('unreachable', `${waiting.method}: ${reason}`));
    }
  }
}

/** The TaxBackend the services use, over AMQP: every request and reply checked against the contract. */
export function amqpTaxBackend(client: AmqpRpcClient): TaxBackend {
  return {
    taxpayersForPerson: (r) => checkedCall('taxpayers.forPerson', r, (x) => client.call('taxpayers.forPerson', x)),
    eligibilityCollect: (r) => checkedCall('eligibility.collect', r, (x) => client.call('eligibility.collect', x)),
    pickupLookup: (r) => checkedCall('pickup.lookup', r, (x) => client.call('pickup.lookup', x)),
    collectionClaim: (r) => checkedCall('collection.claim', r, (x) => client.call('collection.claim', x)),
    collectionRelease: (r) => checkedCall('collection.release', r, (x) => client.call('collection.release', x)),
    sellerMonthToDate: (r) => checkedCall('seller.monthToDate', r, (x) => client.call('seller.monthToDate', x)),
    paymentCreateOrder: (r) => checkedCall('payment.createOrder', r, (x) => client.call('payment.createOrder', x)),
    paymentStatus: (r) => checkedCall('payment.status', r, (x) => client.call('payment.status', x)),
    paymentCancel: (r) => checkedCall('payment.cancel', r, (x) => client.call('payment.cancel', x)),
    iitRecords: (r) => checkedCall('iit.records', r, (x) => client.call('iit.records', x)),
    transactionsSubmit: (r) => checkedCall('transactions.submit', r, (x) => client.call('transactions.submit', x)),
    auditHead: (r) => checkedCall('audit.head', r, (x) => client.call('audit.head', x)),
    certificateVerify: (r) => checkedCall('certificate.verify', r, (x) => client.call('certificate.verify', x)),
    creditCertificateVerify: (r) => checkedCall('creditCertificate.verify', r, (x) => client.call('creditCertificate.verify', x)),
    creditFacts: (r) => checkedCall('credit.facts', r, (x) => client.call('credit.facts', x)),
    bankApplication: (r) => checkedCall('bank.application', r, (x) => client.call('bank.application', x)),
  };
}
