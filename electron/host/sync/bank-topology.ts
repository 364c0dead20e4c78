import type { Channel } from 'amqplib';

/**
 * The bank-facing side of the broker (docs/credit-sharing.md "Topology"),
 * declared like the tax topology (topology.ts): idempotent, exact arguments,
 * so a fresh broker works.
 *
 *   bank.credit (topic)     ── <bankId>.# ──▶ bank.credit.<bankId>      (quorum, delivery limit, DLX bank.credit.dlx)
 *   bank.credit.dlx (topic) ── <bankId>.# ──▶ bank.credit.<bankId>.dead (quorum)
 *
 * Routing keys are `<bankId>.consent` and `<bankId>.revoke`: one queue per
 * bank, so a bank only ever reads what was consented to for it. Nothing else
 * is bound to `bank.credit`; no tax message goes there and no bank message
 * goes to `tax.transactions`.
 */
export const BANK_EXCHANGE = 'bank.credit';
export const BANK_DEAD_LETTER_EXCHANGE = 'bank.credit.dlx';
export const BANK_DELIVERY_LIMIT = 5;

export function bankQueue(bankId: string): { queue: string; dead: string; pattern: string } {
  return { queue: `bank.credit.${bankId}`, dead: `bank.credit.${bankId}.dead`, pattern: `${bankId}.#` };
}

/** The routing key of a bank message: `<bankId>.consent` or `<bankId>.revoke`. */
export function bankRoutingKey(bankId: string, action: 'consent' | 'revoke'): string {
  return `${bankId}.${action}`;
}

export function bankQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'quorum', 'x-delivery-limit': BANK_DELIVERY_LIMIT, 'x-dead-letter-exchange': BANK_DEAD_LETTER_EXCHANGE };
}

/** The exchanges always; the queue of each bank named (the kiosk's own bank, a bank's receiver its own). */
export async function declareBankTopology(channel: Channel, bankIds: readonly string[]): Promise<void> {
  await channel.assertExchange(BANK_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(BANK_DEAD_LETTER_EXCHANGE, 'topic', { durable: true });
  for (const bankId of bankIds) {
    const { queue, dead, pattern } = bankQueue(bankId);
    await channel.assertQueue(queue, { durable: true, arguments: bankQueueArguments() });
    await channel.bindQueue(queue, BANK_EXCHANGE, pattern);
    await channel.assertQueue(dead, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(dead, BANK_DEAD_LETTER_EXCHANGE, pattern);
  }
}
