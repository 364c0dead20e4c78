import { z } from 'zod';
import { BANK_CONSENT_KIND, BANK_REVOKE_KIND, BankConsentMessageV1, BankRevokeMessageV1, TaxPaidYear, isBankKind } from '../../../shared/backend/bank-credit';
import { CreditGrade } from '../../../shared/backend/taxpayer';
import type { Db } from '../db/database';

/**
 * THE consent gate (docs/credit-sharing.md "The consent rule"): the one place
 * a bank.credit message is let out. The delivery loop builds every outbox
 * message through `buildMessage` (sync/outbox-message.ts), which refuses a
 * bank kind unless this gate says yes — so nothing reaches a bank's queue for
 * a taxpayer without a consent entry in `credit_consents` (migration 12) that
 * covers it, however the row got into the outbox:
 *
 * - `bank.credit.consent`: the consent row with the message's id exists, for
 *   the same taxpayer and bank, is not revoked, has not expired (at the time
 *   of the publish, not of the tap), and the facts in the message are exactly
 *   the consented scope — nothing more.
 * - `bank.credit.revoke`: the consent row exists, for the same taxpayer and
 *   bank, and is revoked. A revocation shares no facts.
 *
 * A refused row is parked dead with the reason (never published, never
 * retried by itself): after a revocation, a consent still waiting in the
 * outbox never leaves the kiosk.
 */
export type ConsentGate = (kind: string, payload: unknown, now: Date) => string | null;

/** What a consent covers, as stored in `credit_consents.scope` and carried by the consent message. */
export const ConsentScope = z.object({ grade: CreditGrade, year: z.number().int(), taxPaidByYear: z.array(TaxPaidYear).max(3), arrears: z.boolean() }).strict();
export type ConsentScope = z.infer<typeof ConsentScope>;

const Row = z.object({
  taxpayer_id: z.string(),
  bank_id: z.string(),
  purpose: z.string(),
  scope: z.string(),
  granted_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
});

export function createConsentGate(db: Db): ConsentGate {
  const find = db.prepare('SELECT taxpayer_id, bank_id, purpose, scope, granted_at, expires_at, revoked_at FROM credit_consents WHERE id = ?');
  return (kind, payload, now) => {
    if (!isBankKind(kind)) return `${kind} is not a bank message`;
    const parsed = kind === BANK_CONSENT_KIND ? BankConsentMessageV1.safeParse(payload) : BankRevokeMessageV1.safeParse(payload);
    if (!parsed.success) return `no consent covers it: the message is not a ${kind}`;
    const message = parsed.data;
    const raw: unknown = find.get(message.consentId);
    if (raw === undefined) return 'no consent covers it: no consent entry with this id';
    const row = Row.parse(raw);
    if (row.taxpayer_id !== message.taxpayerId || row.bank_id !== message.bankId) return 'no consent covers it: another taxpayer or bank';
    if (kind === BANK_REVOKE_KIND) return row.revoked_at === null ? 'the consent is not revoked' : null;
    const consent = message as BankConsentMessageV1;
    if (row.revoked_at !== null) return 'no consent covers it: the consent was revoked';
    if (Date.parse(row.expires_at) <= now.getTime()) return 'no consent covers it: the consent has expired';
    if (row.purpose !== consent.purpose || row.granted_at !== consent.grantedAt || row.expires_at !== consent.expiresAt) {
      return 'no consent covers it: the terms differ from the consent';
    }
    const scope = ConsentScope.parse(JSON.parse(row.scope));
    const carried: ConsentScope = { grade: consent.grade, year: consent.year, taxPaidByYear: consent.taxPaidByYear, arrears: consent.arrears };
    if (JSON.stringify(scope) !== JSON.stringify(carried)) return 'no consent covers it: the facts differ from what was consented';
    return null;
  };
}
