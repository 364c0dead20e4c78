import crypto from 'node:crypto';
import type { ConfirmChannel, Message } from 'amqplib';
import { CONFIG_EXCHANGE } from '../../../electron/host/config/config-topology';
import { withTimeout } from '../../../electron/host/sync/amqp-connection';

/**
 * The rollout engine's `publish` on a confirm channel: the signed bundle's
 * bytes to exchange `kiosk.config` (declared by the caller, with
 * declareConfigExchange), persistent and mandatory, resolved once the broker
 * confirmed it, as `kioskctl config publish` sends them. A message the broker
 * could route to no queue (that kiosk never declared its config queue) is a
 * failure: the engine keeps the kiosk unsent and tries again on its next tick,
 * rather than counting a bundle nobody will receive as sent.
 */
export const ROLLOUT_MESSAGE_TYPE = 'config.bundle';

export class UnroutableError extends Error {}

export function rolloutPublisher(channel: ConfirmChannel, timeoutMs = 10_000): (routingKey: string, body: Buffer) => Promise<void> {
  // basic.return comes before the confirm of the same message; the message id says which it was.
  const returned = new Set<string>();
  channel.on('return', (message: Message) => {
    if (typeof message.properties.messageId === 'string') returned.add(message.properties.messageId);
  });
  return (routingKey, body) => {
    const messageId = `rollout-${crypto.randomUUID()}`;
    const confirmed = new Promise<void>((resolve, reject) => {
      channel.publish(
        CONFIG_EXCHANGE,
        routingKey,
        body,
        { persistent: true, mandatory: true, messageId, type: ROLLOUT_MESSAGE_TYPE, contentType: 'application/json', timestamp: Math.floor(Date.now() / 1000) },
        (error: unknown) => {
          const wasReturned = returned.delete(messageId);
          if (error !== null && error !== undefined) reject(new Error(`the broker refused the bundle for ${routingKey}: ${String(error)}`));
          else if (wasReturned) reject(new UnroutableError(`no queue is bound to ${routingKey} (that kiosk never connected)`));
          else resolve();
        },
      );
    });
    // A confirm that comes after the timeout has nobody to tell: not an unhandled rejection.
    confirmed.catch(() => undefined);
    return withTimeout(confirmed, timeoutMs, `waiting for the confirm of ${routingKey}`);
  };
}
