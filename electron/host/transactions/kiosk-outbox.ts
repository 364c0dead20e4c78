import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import type { Db } from '../db/database';
import { Authority } from './outbox-payloads';
import { BANK_CONSENT_KIND, BANK_REVOKE_KIND, BankConsentMessageV1, BankRevokeMessageV1 } from '../../../shared/backend/bank-credit';
import { CREDIT_CERTIFICATE_KIND, CreditCertificateMessageV1 } from '../../../shared/backend/credit-certificate';

/**
 * Outbox rows that belong to no taxpayer transaction (rows of the one
 * `outbox` table with transaction_id NULL, migration 9): `config.applied` and
 * `audit.entry`. Same delivery rules as the
 * transaction outbox (docs/sync.md): written in the same SQLite transaction as the
 * change they report, routing key `<authority>.<kind>`, `messageId` = id,
 * marked sent only after the broker's confirm, consumers dedupe on the id.
 *
 * Both kinds go to the `national` authority only: the joint terminal's fleet
 * (its config versions and its audit trail) is reported once, not per leg;
 * the local authority hears about its own money through the transaction legs.
 */
export const KioskOutboxKind = z.enum(['config.applied', 'audit.entry', BANK_CONSENT_KIND, BANK_REVOKE_KIND, CREDIT_CERTIFICATE_KIND]);
export type KioskOutboxKind = z.infer<typeof KioskOutboxKind>;

export const KIOSK_OUTBOX_AUTHORITY: Record<KioskOutboxKind, Authority> = {
  'config.applied': 'national',
  'audit.entry': 'national',
  // 银税互动: on the kiosk's one link, in its order; the routing goes to the bank.credit
  // exchange, never to a tax queue (outbox-message.ts, docs/credit-sharing.md).
  [BANK_CONSENT_KIND]: 'national',
  [BANK_REVOKE_KIND]: 'national',
  // 纳税信用等级证明: the tax authority keeps its verification code (creditCertificate.verify).
  [CREDIT_CERTIFICATE_KIND]: 'national',
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const ConfigAppliedMessageV1 = z.strictObject({
  schemaVersion: z.literal(1),
  version: z.number().int().min(1),
  hash: sha256Hex,
  keyId: z.string(),
  appliedAt: z.string(),
  source: z.string(),
});

/** One audit entry as stored (electron/host/audit/audit-log.ts), so the backend can re-check the chain. */
export const AuditEntryMessageV1 = z.strictObject({
  schemaVersion: z.literal(1),
  seq: z.number().int().min(1),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: sha256Hex,
  hash: sha256Hex,
});

export const KIOSK_OUTBOX_MESSAGES = {
  'config.applied': ConfigAppliedMessageV1,
  'audit.entry': AuditEntryMessageV1,
  [BANK_CONSENT_KIND]: BankConsentMessageV1,
  [BANK_REVOKE_KIND]: BankRevokeMessageV1,
  [CREDIT_CERTIFICATE_KIND]: CreditCertificateMessageV1,
} as const;
const Message = KIOSK_OUTBOX_MESSAGES;
export type KioskOutboxMessage = {
  'config.applied': z.infer<typeof ConfigAppliedMessageV1>;
  'audit.entry': z.infer<typeof AuditEntryMessageV1>;
  [BANK_CONSENT_KIND]: z.infer<typeof BankConsentMessageV1>;
  [BANK_REVOKE_KIND]: z.infer<typeof BankRevokeMessageV1>;
  [CREDIT_CERTIFICATE_KIND]: CreditCertificateMessageV1;
};

export interface KioskOutboxRow {
  id: string;
  authority: Authority;
  kind: KioskOutboxKind;
  payload: unknown;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

const Row = z.object({
  id: z.string(),
  authority: Authority,
  kind: KioskOutboxKind,
  payload: z.string(),
  created_at: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
});

const newId = monotonicFactory();

/** Adds one row; call inside the SQLite transaction of the change it reports. */
export function addKioskOutbox<K extends KioskOutboxKind>(db: Db, kind: K, payload: KioskOutboxMessage[K], at: Date): string {
  const parsed: unknown = (Message[kind] as z.ZodType<unknown>).parse(payload);
  const id = newId(at.getTime());
  const iso = at.toISOString();
  db.prepare('INSERT INTO outbox (id, transaction_id, authority, kind, payload, created_at, next_attempt_at) VALUES (?, NULL, ?, ?, ?, ?, ?)').run(
    id,
    KIOSK_OUTBOX_AUTHORITY[kind],
    kind,
    JSON.stringify(parsed),
    iso,
    iso,
  );
  return id;
}

/** One page of unsent rows of one authority in creation order, after `afterId` (keyset paging, like TransactionStore.pendingOutbox). */
export function pendingKioskOutbox(db: Db, query: { authority: Authority; limit: number; afterId?: string | null }): KioskOutboxRow[] {
  const limit = z.number().int().min(1).max(1000).parse(query.limit);
  return db
    .prepare(
      `SELECT id, authority, kind, payload, created_at, attempts, next_attempt_at, last_error FROM outbox
       WHERE authority = ? AND sent_at IS NULL AND dead_at IS NULL AND id > ? AND transaction_id IS NULL ORDER BY id LIMIT ?`,
    )
    .all(Authority.parse(query.authority), query.afterId ?? '', limit)
    .map((raw) => {
      const row = Row.parse(raw);
      return {
        id: row.id,
        authority: row.authority,
        kind: row.kind,
        payload: (Message[row.kind] as z.ZodType<unknown>).parse(JSON.parse(row.payload)),
        createdAt: row.created_at,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        lastError: row.last_error,
      };
    });
}
