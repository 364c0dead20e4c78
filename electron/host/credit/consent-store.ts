import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { BANK_CONSENT_KIND, BANK_REVOKE_KIND, type BankConsentMessageV1 } from '../../../shared/backend/bank-credit';
import type { Db } from '../db/database';
import { addKioskOutbox } from '../transactions/kiosk-outbox';
import { ConsentScope } from './consent-gate';

/**
 * The consents to share a taxpayer's credit facts with a bank (`credit_consents`,
 * migration 12) and their outbox rows (docs/credit-sharing.md). A grant and
 * its `bank.credit.consent` row, a revocation and its `bank.credit.revoke`
 * row, each commit in ONE SQLite transaction with the audit entry the caller
 * passes in `inside` — so there is never a consent the bank will not hear
 * about, nor a message without its consent. The consent gate
 * (consent-gate.ts) checks the rows again at publish time.
 */
export interface ConsentRecord {
  id: string;
  taxpayerId: string;
  bankId: string;
  scope: ConsentScope;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  applicationRef: string | null;
}

export class ConsentError extends Error {
  constructor(
    readonly code: 'alreadyConsented' | 'noConsent',
    message: string,
  ) {
    super(message);
    this.name = 'ConsentError';
  }
}

const Row = z.object({
  id: z.string(),
  taxpayer_id: z.string(),
  bank_id: z.string(),
  scope: z.string(),
  granted_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  application_ref: z.string().nullable(),
});

function toRecord(raw: unknown): ConsentRecord {
  const row = Row.parse(raw);
  return {
    id: row.id,
    taxpayerId: row.taxpayer_id,
    bankId: row.bank_id,
    scope: ConsentScope.parse(JSON.parse(row.scope)),
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    applicationRef: row.application_ref,
  };
}

const COLUMNS = 'id, taxpayer_id, bank_id, scope, granted_at, expires_at, revoked_at, application_ref';

/** `months` calendar months after `from` (clamped to the month's last day: 31 Jan + 1 = 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(y, m, Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()),
  );
}

export interface GrantInput {
  taxpayerId: string;
  personIdHash: string;
  bankId: string;
  scope: ConsentScope;
  months: number;
  at: Date;
  /** Runs inside the same SQLite transaction (the audit entry). */
  inside?: (consent: ConsentRecord) => void;
}

export class ConsentStore {
  private readonly newId = monotonicFactory();

  constructor(private readonly db: Db) {}

  /** The consent for this taxpayer and bank in force at `at`: not revoked, not expired. */
  active(taxpayerId: string, bankId: string, at: Date): ConsentRecord | null {
    const raw: unknown = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM credit_consents WHERE taxpayer_id = ? AND bank_id = ? AND revoked_at IS NULL AND expires_at > ?
         ORDER BY id DESC LIMIT 1`,
      )
      .get(taxpayerId, bankId, at.toISOString());
    return raw === undefined ? null : toRecord(raw);
  }

  get(id: string): ConsentRecord | null {
    const raw: unknown = this.db.prepare(`SELECT ${COLUMNS} FROM credit_consents WHERE id = ?`).get(id);
    return raw === undefined ? null : toRecord(raw);
  }

  /** Records the consent and its bank message; refuses a second consent in force for the same taxpayer and bank. */
  grant(input: GrantInput): ConsentRecord {
    const scope = ConsentScope.parse(input.scope);
    return this.db
      .transaction((): ConsentRecord => {
        if (this.active(input.taxpayerId, input.bankId, input.at)) throw new ConsentError('alreadyConsented', 'a consent is already in force');
        const id = this.newId(input.at.getTime());
        const grantedAt = input.at.toISOString();
        const expiresAt = addMonths(input.at, input.months).toISOString();
        const message: BankConsentMessageV1 = {
          schemaVersion: 1,
          consentId: id,
          taxpayerId: input.taxpayerId,
          bankId: input.bankId,
          purpose: 'loanApplication',
          ...scope,
          grantedAt,
          expiresAt,
        };
        const outboxId = addKioskOutbox(this.db, BANK_CONSENT_KIND, message, input.at);
        this.db
          .prepare(
            `INSERT INTO credit_consents (id, taxpayer_id, person_id_hash, bank_id, purpose, scope, granted_at, expires_at, consent_outbox_id)
             VALUES (?, ?, ?, ?, 'loanApplication', ?, ?, ?, ?)`,
          )
          .run(id, input.taxpayerId, input.personIdHash, input.bankId, JSON.stringify(scope), grantedAt, expiresAt, outboxId);
        const record: ConsentRecord = {
          id,
          taxpayerId: input.taxpayerId,
          bankId: input.bankId,
          scope,
          grantedAt,
          expiresAt,
          revokedAt: null,
          applicationRef: null,
        };
        input.inside?.(record);
        return record;
      })
      .immediate();
  }

  /** Revokes a consent in force for this taxpayer and writes the bank's revocation message. */
  revoke(input: { consentId: string; taxpayerId: string; at: Date; inside?: (consent: ConsentRecord) => void }): ConsentRecord {
    return this.db
      .transaction((): ConsentRecord => {
        const consent = this.get(input.consentId);
        if (!consent || consent.taxpayerId !== input.taxpayerId || consent.revokedAt !== null || Date.parse(consent.expiresAt) <= input.at.getTime()) {
          throw new ConsentError('noConsent', 'no consent in force with this id for this taxpayer');
        }
        const revokedAt = input.at.toISOString();
        const outboxId = addKioskOutbox(
          this.db,
          BANK_REVOKE_KIND,
          { schemaVersion: 1, consentId: consent.id, taxpayerId: consent.taxpayerId, bankId: consent.bankId, revokedAt },
          input.at,
        );
        this.db.prepare('UPDATE credit_consents SET revoked_at = ?, revoke_outbox_id = ? WHERE id = ?').run(revokedAt, outboxId, consent.id);
        const record = { ...consent, revokedAt };
        input.inside?.(record);
        return record;
      })
      .immediate();
  }

  /** The bank's answer, once: a later answer never overwrites the first. */
  setApplicationRef(consentId: string, applicationRef: string): boolean {
    return (
      this.db.prepare('UPDATE credit_consents SET application_ref = ? WHERE id = ? AND application_ref IS NULL').run(applicationRef, consentId).changes === 1
    );
  }
}
