import type { BackendConfig } from '../../../shared/config/local-config';
import { assertNever } from '../../../shared/assert-never';
import type { Logger } from '../logger';
import { redactUrl } from '../sync/publisher';
import { ConfigConsumer, type ConfigConsumerEvent } from './config-consumer';
import type { ConfigService } from './config-service';
import { brokerUrl } from '../sync/amqp-tls';
import type { ContentService } from '../content/content-service';
import { isContentBundleFile } from '../content/content-signature';

/**
 * The config consumer as the host runs it: only with `backend.transport:
 * "amqp"` (the sandbox demo has no broker; bundles come from USB there).
 * Applies go through the same ConfigService as a file (`source: 'amqp'`).
 */
export function createHostConfigConsumer(
  backend: BackendConfig,
  kiosk: { kioskId: string; branchId: string },
  configs: ConfigService,
  log: Logger,
  /** 公开信息 content bundles share the queue: a bundle of that format goes to the content service. */
  content?: ContentService,
): ConfigConsumer | null {
  const url = brokerUrl(backend);
  if (backend.transport !== 'amqp' || url === undefined) return null;
  const broker = redactUrl(url);
  return new ConfigConsumer({
    url,
    heartbeatSeconds: backend.heartbeatSeconds,
    kiosk,
    declareTopology: backend.declareTopology,
    apply: (bytes) => (content && isContentBundleFile(bytes) ? content.applyBytes(bytes, 'amqp') : configs.applyBytes(bytes, 'amqp')),
    onEvent: (event) => logEvent(log, broker, event),
  });
}

function logEvent(log: Logger, broker: string, event: ConfigConsumerEvent): void {
  switch (event.type) {
    case 'connected':
      log.info({ event: 'config.amqp.connected', broker, queue: event.queue }, 'listening for config bundles');
      return;
    case 'connectFailed':
      log.warn({ event: 'config.amqp.connectFailed', broker, error: event.error, retryInMs: event.retryInMs }, 'config queue unreachable');
      return;
    case 'disconnected':
      log.warn({ event: 'config.amqp.disconnected', broker, error: event.error }, 'config queue link lost');
      return;
    // The ConfigService already logged the apply or the refusal with its detail.
    case 'applied':
    case 'refused':
      return;
    case 'applyFailed':
      log.error({ event: 'config.amqp.applyFailed', error: event.error }, 'config bundle apply failed; it goes back to the queue');
      return;
    case 'legacyQueueAdopted':
      log.info({ event: 'config.amqp.legacyQueueAdopted', moved: event.moved }, 'old classic config queue emptied into the replicated one and deleted');
      return;
    case 'legacyQueueAdoptFailed':
      log.warn(
        { event: 'config.amqp.legacyQueueAdoptFailed', error: event.error },
        'old classic config queue not moved yet (its node may be down); tried again in a minute',
      );
      return;
    default:
      assertNever(event, 'config consumer event');
  }
}
