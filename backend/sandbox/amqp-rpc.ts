import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import {
  BACKEND_METHOD_KEYS,
  backendMethods,
  DEADLINE_HEADER,
  isBackendError,
  QUERY_QUEUE,
  type BackendMethodName,
  type RpcReplyEnvelope,
  type TaxBackend,
} from '../../shared/backend';
import { errorText } from '../../electron/host/sync/amqp-connection';
import type { BackoffPolicy } from '../../electron/host/sync/backoff';
import { endLinkOnChannelLoss } from '../../electron/host/sync/reconnecting-link';
import { LinkedConsumer } from './linked-consumer';
import { declareQueryTopology } from '../../electron/host/sync/rpc-topology';

/**
 * The sandbox as the backend's server of `tax.queries` (docs/sync.md "Queries"):
 * one consumer, manual acks, bounded prefetch; the reply goes to the request's
 * `replyTo` with its `correlationId`, then the request is acked.
 *
 * - A request nobody can answer (no `replyTo`/`correlationId`, unknown `type`,
 *   a body that is not JSON or fails the method's request schema) is poison:
 *   answered `rejected` when it can be (so the kiosk does not wait out its
 *   timeout) and nacked without requeue — dead-lettered to `tax.queries.dead`.
 * - A request past its `x-deadline` is acked unanswered: its caller gave up.
 * - A backend error (unknown order, a simulated outage) is answered with its
 *   code and acked: the request itself was fine.
 *
 * Redelivery (the consumer died before its ack) runs a request again. That is
 * safe because every method with an effect is idempotent on its own key in the
 * same SQLite transaction as the effect: `payment.createOrder` and
 * `collection.claim` on transactionId, `payment.cancel` and
 * `collection.release` on the order's / claim's state, `transactions.submit`
 * on messageId (intake.ts). The others only read.
 */
export interface RpcConsumerOptions {
  url: string;
  backend: TaxBackend;
  /** Requests being answered at once. Default 16. */
  prefetch?: number;
  heartbeatSeconds?: number;
  reconnect?: BackoffPolicy;
  onEvent?: (event: RpcEvent) => void;
}

export type RpcEvent =
  | { type: 'connected' }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'answered'; method: string; ok: boolean }
  | { type: 'stale'; method: string }
  | { type: 'poison'; method: string; error: string };

const DEFAULT_PREFETCH = 16;

export class RpcConsumer extends LinkedConsumer<RpcEvent> {
  constructor(private readonly options: RpcConsumerOptions) {
    super(options);
  }

  /** Declares `tax.queries` and consumes it on a new link. */
  protected async consume(model: ChannelModel, lose: (reason: string) => void): Promise<void> {
    const channel = await model.createChannel();
    endLinkOnChannelLoss(channel, lose);
    await declareQueryTopology(channel);
    await channel.prefetch(this.options.prefetch ?? DEFAULT_PREFETCH);
    await channel.consume(
      QUERY_QUEUE,
      (message) => {
        if (message !== null) void this.handle(channel, message);
      },
      { noAck: false },
    );
  }

  private async handle(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { replyTo, correlationId, type, headers } = message.properties as {
      replyTo?: unknown;
      correlationId?: unknown;
      type?: unknown;
      headers?: Record<string, unknown>;
    };
    const method = typeof type === 'string' ? type : '';
    const to = typeof replyTo === 'string' && replyTo !== '' ? replyTo : null;
    const id = typeof correlationId === 'string' && correlationId !== '' ? correlationId : null;
    const reply = (envelope: RpcReplyEnvelope): void => {
      if (to === null || id === null) return;
      try {
        channel.sendToQueue(to, Buffer.from(JSON.stringify(envelope)), { correlationId: id, contentType: 'application/json' });
      } catch {
        // Channel gone: the request is redelivered (not acked yet) and answered then, if still wanted.
      }
    };
    const poison = (error: string): void => {
      reply({ ok: false, code: 'rejected', message: error });
      safely(() => channel.nack(message, false, false));
      this.emit({ type: 'poison', method, error });
    };

    if (to === null || id === null) return poison('no replyTo or correlationId');
    const deadline = headers?.[DEADLINE_HEADER];
    if (typeof deadline === 'number' && Date.now() > deadline) {
      safely(() => channel.ack(message));
      this.emit({ type: 'stale', method });
      return;
    }
    if (!isMethod(method)) return poison(`unknown method ${JSON.stringify(method).slice(0, 80)}`);
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      return poison('body is not JSON');
    }
    const parsed = backendMethods[method].request.safeParse(body);
    if (!parsed.success) return poison(`invalid ${method} request: ${parsed.error.message.slice(0, 500)}`);

    try {
      const answer = await dispatch(this.options.backend, method, parsed.data);
      reply({ ok: true, reply: answer });
      this.emit({ type: 'answered', method, ok: true });
    } catch (error) {
      const code = isBackendError(error) ? error.code : 'unreachable';
      reply({ ok: false, code, message: errorText(error).slice(0, 1000) });
      this.emit({ type: 'answered', method, ok: false });
    }
    safely(() => channel.ack(message));
  }
}

function isMethod(name: string): name is BackendMethodName {
  return Object.hasOwn(backendMethods, name);
}

/** Calls the TaxBackend method serving this wire method (the request was checked against its schema). */
function dispatch(backend: TaxBackend, method: BackendMethodName, request: unknown): Promise<unknown> {
  const serve = backend[BACKEND_METHOD_KEYS[method]] as (request: unknown) => Promise<unknown>;
  return serve.call(backend, request);
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Channel gone: the broker requeues an unacked message by itself.
  }
}
