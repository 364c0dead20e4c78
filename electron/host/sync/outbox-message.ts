import type { Options } from 'amqplib';
import { z } from 'zod';
import { OutboxLeg, StoredOutboxPayload, type Authority } from '../transactions/outbox-payloads';
import { AuditEntryMessageV1, ConfigAppliedMessageV1, KIOSK_OUTBOX_AUTHORITY, KioskOutboxKind } from '../transactions/kiosk-outbox';
import type { QueuedRow } from './outbox-queue';
import { TRANSACTIONS_EXCHANGE } from './topology';

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

export function buildMessage(row: QueuedRow, appId: string): BuiltMessage {
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return { ok: false, error: 'invalid payload: not JSON' };
  }
  const problem = row.transactionId !== null ? legProblem(row.kind, row.authority, json, row.transactionId) : kioskProblem(row.kind, row.authority, json);
  if (problem !== null) return { ok: false, error: `invalid payload: ${problem}` };
  const schemaVersion = SchemaVersion.parse(json).schemaVersion;
  return {
    ok: true,
    message: {
      row,
      exchange: TRANSACTIONS_EXCHANGE,
      routingKey: `${row.authority}.${row.kind}`,
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
  const schema: z.ZodType<unknown> = parsed.data === 'config.applied' ? ConfigAppliedMessageV1 : AuditEntryMessageV1;
  const result = schema.safeParse(json);
  return result.success ? null : describe(result.error);
}

/** Paths and messages only, never the values (a payload may hold a tax id). */
function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
}
