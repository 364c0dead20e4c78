import { assertNever } from '../../../shared/assert-never';
import type { BackendConfig } from '../../../shared/config/local-config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { TaxBackend } from '../../../shared/backend';
import { DeliveryLoop, type DeliveryEvent } from './delivery-loop';
import { InProcessPublisher } from './in-process-publisher';
import { redactUrl } from './publisher';
import { brokerUrl } from './amqp-tls';

/**
 * The delivery loop as the host runs it: only when `backend.transport` is
 * `amqp` (the sandbox default has no broker to deliver to; rows then simply
 * wait in the outbox). Events become log lines; the URL is logged without its
 * password.
 */
/** `onEvent`: also told every event (the diagnostics screen's link state). */
export function createHostDelivery(
  backend: BackendConfig,
  kioskId: string,
  db: Db,
  log: Logger,
  onEvent?: (event: DeliveryEvent) => void,
  /** The kiosk's bank (银税互动): its bank.credit queue is declared with the topology. */
  bankIds: readonly string[] = [],
): DeliveryLoop | null {
  const url = brokerUrl(backend);
  if (backend.transport !== 'amqp' || url === undefined) return null;
  const broker = redactUrl(url);
  return new DeliveryLoop({
    db,
    appId: kioskId,
    publisher: {
      url,
      heartbeatSeconds: backend.heartbeatSeconds,
      confirmTimeoutMs: backend.confirmTimeoutMs,
      declareTopology: backend.declareTopology,
      bankIds,
    },
    onEvent: (event) => {
      logEvent(log, broker, event);
      onEvent?.(event);
    },
  });
}

/** The sandbox mode polls its outbox this often: the demo's counts move within a second. */
const SANDBOX_IDLE_POLL_MS = 500;
/** A sandbox switched "unreachable" (a demo, a test) is asked again within seconds, not a minute. */
const SANDBOX_RECONNECT = { baseMs: 500, capMs: 5000 };

/**
 * The sandbox mode's delivery: the same loop, handing each row to the
 * in-process sandbox's intake (in-process-publisher.ts), so the outbox
 * drains and the backend's counts move as they do over RabbitMQ
 * (docs/collection.md "Both backend modes").
 */
export function createSandboxDelivery(
  backend: Pick<TaxBackend, 'transactionsSubmit'>,
  config: BackendConfig,
  kioskId: string,
  db: Db,
  log: Logger,
  onEvent?: (event: DeliveryEvent) => void,
): DeliveryLoop {
  return new DeliveryLoop({
    db,
    appId: kioskId,
    openPublisher: () => Promise.resolve(new InProcessPublisher({ backend, timeoutMs: config.confirmTimeoutMs })),
    idlePollMs: SANDBOX_IDLE_POLL_MS,
    reconnectBackoff: SANDBOX_RECONNECT,
    onEvent: (event) => {
      logEvent(log, 'in-process sandbox', event);
      onEvent?.(event);
    },
  });
}

function logEvent(log: Logger, broker: string, event: DeliveryEvent): void {
  switch (event.type) {
    case 'connected':
      log.info({ event: 'sync.connected', broker: event.node ?? broker }, 'connected to the broker');
      return;
    case 'connectFailed':
      log.warn({ event: 'sync.connectFailed', broker, error: event.error, retryInMs: event.retryInMs }, 'broker unreachable');
      return;
    case 'disconnected':
      log.warn({ event: 'sync.disconnected', broker, error: event.error }, 'broker link lost');
      return;
    case 'sent':
      log.debug({ event: 'sync.sent', authority: event.authority, count: event.count }, 'outbox rows confirmed');
      return;
    case 'retry':
      log.warn(
        { event: 'sync.retry', outboxId: event.id, authority: event.authority, attempts: event.attempts, error: event.error, retryAt: event.retryAt },
        'outbox row not confirmed',
      );
      return;
    case 'parked':
      log.error({ event: 'sync.parked', outboxId: event.id, authority: event.authority, error: event.error }, 'outbox row parked dead');
      return;
    case 'loopError':
      log.error({ event: 'sync.loopError', error: event.error }, 'delivery pass failed');
      return;
    default:
      assertNever(event, 'delivery event');
  }
}
