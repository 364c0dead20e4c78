import { isBackendError, type TaxBackend } from '../../../shared/backend';
import { errorText } from './amqp-connection';
import type { OutboundMessage } from './outbox-message';
import type { MessagePublisher, PublishOutcome } from './publisher';

/**
 * The sandbox mode's "broker": hands each outbox message to the in-process
 * sandbox backend's intake (`transactions.submit`), as the AMQP sandbox's
 * consumer does with what it takes off the queue (backend/sandbox/amqp-intake.ts).
 * The delivery loop is the same one that publishes to RabbitMQ — the same
 * pages, per-authority order, outcomes, backoff and parking — so the demo's
 * outbox drains and its quota counts move exactly as they do in production
 * (docs/collection.md "Both backend modes").
 *
 * Outcomes, mapped onto the broker's:
 * - accepted or duplicate → confirmed (the intake deduplicates on the message id);
 * - the backend `rejected` it (poison) → refused: parked dead after the loop's
 *   maxRefusals, where the AMQP path dead-letters it at the backend; here it
 *   shows in `kioskctl outbox status` instead;
 * - unreachable, timeout, or no answer within `timeoutMs` → unknown, and the
 *   link counts as broken: the loop backs off and opens a new one, as after a
 *   lost connection. The row stays pending and goes again.
 */
export interface InProcessPublisherOptions {
  backend: Pick<TaxBackend, 'transactionsSubmit'>;
  /** Our own limit on one submit (the broker path's confirm timeout). */
  timeoutMs: number;
}

export class InProcessPublisher implements MessagePublisher {
  private brokenReason: string | null = null;
  /** Submits run one after another, in publish order: the order per authority holds. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: InProcessPublisherOptions) {}

  get broken(): string | null {
    return this.brokenReason;
  }

  publish(message: OutboundMessage): Promise<PublishOutcome> {
    const outcome = this.chain.then(() => this.submit(message));
    this.chain = outcome;
    return outcome;
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.brokenReason ??= 'closed by the kiosk';
    return Promise.resolve();
  }

  private async submit(message: OutboundMessage): Promise<PublishOutcome> {
    if (this.brokenReason !== null) return { kind: 'unknown', error: this.brokenReason };
    const { row } = message;
    let timer: NodeJS.Timeout | undefined;
    try {
      const payload: unknown = JSON.parse(message.content.toString('utf8'));
      const submitted = this.options.backend.transactionsSubmit({ messageId: row.id, kind: row.kind, authority: row.authority, payload });
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no intake answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      });
      await Promise.race([submitted, late]);
      return { kind: 'confirmed' };
    } catch (error) {
      if (isBackendError(error) && error.code === 'rejected') return { kind: 'refused', error: `rejected by the backend: ${error.message}` };
      this.brokenReason = `in-process backend: ${errorText(error)}`;
      return { kind: 'unknown', error: this.brokenReason };
    } finally {
      clearTimeout(timer);
    }
  }
}
