import type { Options } from 'amqplib';
import { z } from 'zod';
import { OutboxLeg, StoredOutboxPayload, type Authority } from '../transactions/outbox-payloads';
import { KIOSK_OUTBOX_AUTHORITY, KIOSK_OUTBOX_MESSAGES, KioskOutboxKind } from '../transactions/kiosk-outbox';
import type { QueuedRow } from './outbox-queue';
import { TRANSACTIONS_EXCHANGE } from './topology';
import { BANK_CONSENT_KIND, isBankKind } from '../../../shared/backend/bank-credit';
import type { ConsentGate } from '../credit/consent-gate';
import { BANK_EXCHANGE, bankRoutingKey } from './bank-topology';

/**
 * One outbox row → one AMQP message (docs/sync.md "AMQP topology"). The row's
 * payload is validated with the same zod schemas that let it into SQLite: a
 * row that no longer passes (edited by hand, written by a broken build) is
 * never published, it is parked with the reason.
 */
export interface OutboundMessage {
  row: QueuedRow;
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

export type BuiltMessage = { ok: true; message: OutboundMessage } | { ok: false; error: string };

/** Built once: constructing a zod schema per message cost more than validating it (bench row outbox-drain). */
const SchemaVersion = z.object({ schemaVersion: z.number().int() });
const BankAddress = z.object({ bankId: z.string() });

/**
 * The consent gate and the time of the publish: required for a bank message
 * (docs/credit-sharing.md). Without one, a bank row is refused like an invalid
 * payload — there is no way to build a bank message around the gate.
 */
export interface BankGateCheck {
  gate: ConsentGate;
  now: Date;
}

export function buildMessage(row: QueuedRow, appId: string, bank?: BankGateCheck): BuiltMessage {
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return { ok: false, error: 'invalid payload: not JSON' };
  }
  const problem = row.transactionId !== null ? legProblem(row.kind, row.authority, json, row.transactionId) : kioskProblem(row.kind, row.authority, json);
  if (problem !== null) return { ok: false, error: `invalid payload: ${problem}` };
  const schemaVersion = SchemaVersion.parse(json).schemaVersion;
  let exchange = TRANSACTIONS_EXCHANGE;
  let routingKey = `${row.authority}.${row.kind}`;
  if (isBankKind(row.kind)) {
    // The consent rule: the gate decides, here, for every bank message (consent-gate.ts).
    if (bank === undefined) return { ok: false, error: 'consent gate: a bank message is only built through the consent gate' };
    const refusal = bank.gate(row.kind, json, bank.now);
    if (refusal !== null) return { ok: false, error: `consent gate: ${refusal}` };
    exchange = BANK_EXCHANGE;
    routingKey = bankRoutingKey(BankAddress.parse(json).bankId, row.kind === BANK_CONSENT_KIND ? 'consent' : 'revoke');
  }
  return {
    ok: true,
    message: {
      row,
      exchange,
      routingKey,
      // The stored text as is: every redelivery of a row is byte-identical.
      content: Buffer.from(row.payload, 'utf8'),
      options: {
        persistent: true,
        mandatory: true,
        messageId: row.id,
        type: row.kind,
        appId,
        // When the transaction happened (AMQP timestamps are whole seconds), not when
        // this attempt ran: a redelivered message stays the same message.
        timestamp: Math.floor(Date.parse(row.createdAt) / 1000),
        contentType: 'application/json',
        headers: { 'schema-version': schemaVersion },
      },
    },
  };
}

/**
 * Whether a message body fits its kind and authority: what the kiosk checks
 * before publishing and a consumer checks on arrival (a message that fails is
 * poison: dead-lettered, never applied).
 */
export function messageProblem(kind: string, authority: Authority, json: unknown): string | null {
  return KioskOutboxKind.safeParse(kind).success ? kioskProblem(kind, authority, json) : legProblem(kind, authority, json, null);
}

/** A transaction leg: the stored shape, then the leg rules (kind ↔ authority, lines ↔ authority). */
function legProblem(kind: string, authority: Authority, json: unknown, transactionId: string | null): string | null {
  const stored = StoredOutboxPayload.safeParse(json);
  if (!stored.success) return describe(stored.error);
  const { transactionId: carried, ...payload } = stored.data;
  if (transactionId !== null && carried !== transactionId) return 'transactionId does not match the row';
  const leg = OutboxLeg.safeParse({ kind, authority, payload });
  return leg.success ? null : describe(leg.error);
}

function kioskProblem(kind: string, authority: Authority, json: unknown): string | null {
  const parsed = KioskOutboxKind.safeParse(kind);
  if (!parsed.success) return `unknown kind ${JSON.stringify(kind)}`;
  if (KIOSK_OUTBOX_AUTHORITY[parsed.data] !== authority) return `${parsed.data} does not go to the ${authority} authority`;
  const schema: z.ZodType<unknown> = KIOSK_OUTBOX_MESSAGES[parsed.data];
  const result = schema.safeParse(json);
  return result.success ? null : describe(result.error);
}

/** Paths and messages only, never the values (a payload may hold a tax id). */
function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
}
