import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { isBackendError, type TaxBackend } from '../../shared/backend';
import { BANK_CONSENT_KIND, isBankKind } from '../../shared/backend/bank-credit';
import { errorText } from '../../electron/host/sync/amqp-connection';
import type { BackoffPolicy } from '../../electron/host/sync/backoff';
import { bankQueue, bankRoutingKey, declareBankTopology } from '../../electron/host/sync/bank-topology';
import { messageProblem } from '../../electron/host/sync/outbox-message';
import { endLinkOnChannelLoss } from '../../electron/host/sync/reconnecting-link';
import { LinkedConsumer } from './linked-consumer';

/**
 * The sandbox as a bank's receiver of `bank.credit.<bankId>` (docs/credit-sharing.md
 * "Topology"): manual acks, bounded prefetch, the effect applied through the
 * same intake as the tax queues (deduplicated on message id in the effect's
 * SQLite transaction; bank.ts opens the application). Poison — no id, a
 * routing key that is not this bank's, a body outside the bank schemas — is
 * dead-lettered to `bank.credit.<bankId>.dead`, never recorded.
 */
export interface BankConsumerOptions {
  url: string;
  bankId: string;
  backend: Pick<TaxBackend, 'transactionsSubmit'>;
  prefetch?: number;
  heartbeatSeconds?: number;
  requeueDelayMs?: number;
  reconnect?: BackoffPolicy;
  onEvent?: (event: BankEvent) => void;
}

export type BankEvent =
  | { type: 'connected' }
  | { type: 'connectFailed'; error: string; retryInMs: number }
  | { type: 'disconnected'; error: string }
  | { type: 'accepted' | 'duplicate'; messageId: string; kind: string }
  | { type: 'poison'; messageId: string | null; error: string }
  | { type: 'requeued'; messageId: string; error: string };

export class BankConsumer extends LinkedConsumer<BankEvent> {
  constructor(private readonly options: BankConsumerOptions) {
    super(options);
  }

  protected async consume(model: ChannelModel, lose: (reason: string) => void): Promise<void> {
    const setup = await model.createChannel();
    setup.on('error', () => undefined);
    await declareBankTopology(setup, [this.options.bankId]);
    await setup.close();
    const channel = await model.createChannel();
    endLinkOnChannelLoss(channel, lose);
    await channel.prefetch(this.options.prefetch ?? 16);
    await channel.consume(
      bankQueue(this.options.bankId).queue,
      (message) => {
        if (message !== null) void this.handle(channel, message);
      },
      { noAck: false },
    );
  }

  private async handle(channel: Channel, message: ConsumeMessage): Promise<void> {
    const { messageId, type } = message.properties as { messageId?: unknown; type?: unknown };
    const id = typeof messageId === 'string' && /^[0-9A-Za-z_-]{1,64}$/.test(messageId) ? messageId : null;
    const kind = typeof type === 'string' ? type : '';
    let payload: unknown = null;
    let problem: string | null;
    if (id === null) problem = 'no message id';
    else if (!isBankKind(kind)) problem = `not a bank message: ${JSON.stringify(kind).slice(0, 60)}`;
    else if (message.fields.routingKey !== bankRoutingKey(this.options.bankId, kind === BANK_CONSENT_KIND ? 'consent' : 'revoke')) {
      problem = `routing key ${message.fields.routingKey} is not this bank's`;
    } else {
      try {
        payload = JSON.parse(message.content.toString('utf8'));
        problem = messageProblem(kind, 'national', payload);
      } catch {
        problem = 'body is not JSON';
      }
    }
    if (problem !== null || id === null) {
      safely(() => channel.nack(message, false, false));
      this.emit({ type: 'poison', messageId: id, error: problem ?? 'no message id' });
      return;
    }
    try {
      const reply = await this.options.backend.transactionsSubmit({ messageId: id, kind, authority: 'national', payload });
      channel.ack(message);
      this.emit({ type: reply.outcome, messageId: id, kind });
    } catch (error) {
      if (isBackendError(error) && error.code === 'rejected') {
        safely(() => channel.nack(message, false, false));
        this.emit({ type: 'poison', messageId: id, error: `rejected by the bank: ${error.message}` });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.requeueDelayMs ?? 1000));
      safely(() => channel.nack(message, false, true));
      this.emit({ type: 'requeued', messageId: id, error: errorText(error) });
    }
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Channel gone: the broker requeues an unacked message by itself.
  }
}
