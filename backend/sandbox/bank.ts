import {
  BANK_CONSENT_KIND,
  BankConsentMessageV1,
  BackendError,
  BankRevokeMessageV1,
  type BackendReply,
  type BackendRequest,
  type CreditGrade,
  type TaxPaidYear,
} from '../../shared/backend';
import type { Db } from '../../electron/host/db/database';

/**
 * 银税互动 in the sandbox (docs/credit-sharing.md): the tax side's credit facts
 * (`credit.facts`), and the bank's receiver of the kiosk's `bank.credit`
 * messages, which opens a loan application on a consent and answers its
 * reference (`bank.application`). In production the receiver is the bank's own
 * system behind the `bank.credit` queue; here one SQLite file holds both sides.
 */

/** Sandbox levy used to turn the demo's monthly gross into "tax paid" per year: 3 %. */
const DEMO_LEVY_PERCENT = 3;

interface CreditRow {
  id: string;
  credit_grade: CreditGrade;
  arrears_fen: number;
  base_month_gross_fen: number;
}

/** The grade is the last complete year's assessment; tax paid covers the three last complete years. */
export function creditFacts(db: Db, request: BackendRequest<'credit.facts'>, now: Date): BackendReply<'credit.facts'> | undefined {
  const row = db.prepare('SELECT id, credit_grade, arrears_fen, base_month_gross_fen FROM taxpayers WHERE id = ?').get(request.taxpayerId) as
    CreditRow | undefined;
  if (!row) return undefined;
  const assessed = now.getUTCFullYear() - 1;
  const invoiced = db.prepare('SELECT COALESCE(SUM(gross_fen), 0) AS fen FROM seller_month WHERE taxpayer_id = ? AND substr(month, 1, 4) = ?');
  const taxPaidByYear: TaxPaidYear[] = [0, 1, 2].map((back) => {
    const year = assessed - back;
    const extra = (invoiced.get(row.id, String(year)) as { fen: number }).fen;
    return { year, fen: Math.round(((row.base_month_gross_fen * 12 + extra) * DEMO_LEVY_PERCENT) / 100) };
  });
  return { taxpayerId: row.id, grade: row.credit_grade, year: assessed, taxPaidByYear, arrears: row.arrears_fen > 0 };
}

/**
 * One bank message off the queue (inside intake's SQLite transaction, after its
 * message-id dedupe). A body that fails its schema throws: it is poison, never
 * recorded. A consent opens an application; a revocation closes it.
 */
export function takeBankMessage(db: Db, messageId: string, kind: string, payload: unknown, now: Date): string {
  if (kind === BANK_CONSENT_KIND) {
    const consent = BankConsentMessageV1.safeParse(payload);
    if (!consent.success) throw new BackendError('rejected', `invalid ${kind}: ${consent.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const c = consent.data;
    const inserted = db
      .prepare(
        `INSERT INTO bank_authorizations (consent_id, message_id, taxpayer_id, bank_id, purpose, grade, grade_year, tax_paid, arrears,
           granted_at, expires_at, application_ref, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consent_id) DO NOTHING`,
      )
      .run(
        c.consentId,
        messageId,
        c.taxpayerId,
        c.bankId,
        c.purpose,
        c.grade,
        c.year,
        JSON.stringify(c.taxPaidByYear),
        c.arrears ? 1 : 0,
        c.grantedAt,
        c.expiresAt,
        applicationRef(c.consentId, now),
        now.toISOString(),
      );
    return inserted.changes === 1 ? 'applicationOpened' : 'recorded';
  }
  const revoke = BankRevokeMessageV1.safeParse(payload);
  if (!revoke.success) throw new BackendError('rejected', `invalid ${kind}: ${revoke.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const r = revoke.data;
  const updated = db
    .prepare(
      `UPDATE bank_authorizations SET revoked_at = ?, revoke_message_id = ?
        WHERE consent_id = ? AND taxpayer_id = ? AND bank_id = ? AND revoked_at IS NULL`,
    )
    .run(r.revokedAt, messageId, r.consentId, r.taxpayerId, r.bankId);
  return updated.changes === 1 ? 'applicationWithdrawn' : 'recorded';
}

/** The bank's reference: its day and the consent id's random tail, e.g. `YSHD-20261207-4F7K2M9Q`. */
function applicationRef(consentId: string, now: Date): string {
  return `YSHD-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${consentId.slice(-8)}`;
}

interface AuthorizationRow {
  application_ref: string;
  received_at: string;
  revoked_at: string | null;
}

export function bankApplication(db: Db, request: BackendRequest<'bank.application'>): BackendReply<'bank.application'> {
  const row = db
    .prepare('SELECT application_ref, received_at, revoked_at FROM bank_authorizations WHERE consent_id = ? AND bank_id = ?')
    .get(request.consentId, request.bankId) as AuthorizationRow | undefined;
  if (!row) return { status: 'unknown' };
  if (row.revoked_at !== null) return { status: 'revoked', applicationRef: row.application_ref, revokedAt: row.revoked_at };
  return { status: 'received', applicationRef: row.application_ref, receivedAt: row.received_at };
}

/** What the bank holds, for tests: every authorization, newest first, with what it was given. */
export function bankAuthorizations(db: Db): Array<{ consentId: string; taxpayerId: string; bankId: string; revoked: boolean }> {
  return (
    db.prepare('SELECT consent_id, taxpayer_id, bank_id, revoked_at FROM bank_authorizations ORDER BY received_at DESC, consent_id DESC').all() as Array<{
      consent_id: string;
      taxpayer_id: string;
      bank_id: string;
      revoked_at: string | null;
    }>
  ).map((r) => ({ consentId: r.consent_id, taxpayerId: r.taxpayer_id, bankId: r.bank_id, revoked: r.revoked_at !== null }));
}
