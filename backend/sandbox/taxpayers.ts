import type { BackendReply, BackendRequest, CollectRefusal, CreditGrade, Taxpayer } from '../../shared/backend';
import type { Db } from '../../electron/host/db/database';

interface TaxpayerRow {
  id: string;
  name: string;
  kind: Taxpayer['kind'];
  /** Migration 5: a natural person issuing on their own behalf, answered as kind `naturalPerson`. */
  natural_person: 0 | 1;
  registration: Taxpayer['registration'];
  credit_grade: CreditGrade;
  arrears_fen: number;
  unverified: number;
}

interface ApprovalRow {
  code: string;
  name: string;
  monthly_quota: number;
  used: number;
}

/** Grades refused for invoice collection in the sandbox (D级: 严格限量供应, handled in the hall). */
export const BLOCKED_GRADES: readonly CreditGrade[] = ['D'];

function approvals(db: Db, taxpayerId: string, month: string): ApprovalRow[] {
  // "Used this month" = the demo baseline + what intake recorded for this month
  // + the forms kiosks hold in open claims (claims.ts: out, or about to come out).
  return db
    .prepare(
      `SELECT a.invoice_type AS code, t.name, a.monthly_quota,
              a.base_used + COALESCE(q.used, 0)
                + (SELECT COALESCE(SUM(c.quantity), 0) FROM collection_claims c
                    WHERE c.taxpayer_id = a.taxpayer_id AND c.invoice_type = a.invoice_type AND c.month = ? AND c.state = 'open') AS used
         FROM approvals a
         JOIN invoice_types t ON t.code = a.invoice_type
         LEFT JOIN quota_use q ON q.taxpayer_id = a.taxpayer_id AND q.invoice_type = a.invoice_type AND q.month = ?
        WHERE a.taxpayer_id = ?
        ORDER BY a.invoice_type`,
    )
    .all(month, month, taxpayerId) as ApprovalRow[];
}

function toTaxpayer(db: Db, row: TaxpayerRow, month: string): Taxpayer {
  return {
    id: row.id,
    name: row.name,
    kind: row.natural_person === 1 ? 'naturalPerson' : row.kind,
    registration: row.registration,
    creditGrade: row.credit_grade,
    arrears: { owed: row.arrears_fen > 0, amountFen: row.arrears_fen },
    approvedInvoiceTypes: approvals(db, row.id, month).map((a) => ({
      code: a.code,
      name: a.name,
      monthlyQuota: a.monthly_quota,
      usedThisMonth: a.used,
    })),
    unverifiedInvoices: row.unverified,
  };
}

const TAXPAYER_COLUMNS = 'tp.id, tp.name, tp.kind, tp.natural_person, tp.registration, tp.credit_grade, tp.arrears_fen, tp.unverified';

export function taxpayerRow(db: Db, id: string): TaxpayerRow | undefined {
  return db.prepare(`SELECT ${TAXPAYER_COLUMNS} FROM taxpayers tp WHERE tp.id = ?`).get(id) as TaxpayerRow | undefined;
}

/** Their own business first, then enterprises by name. A person with none gets an empty list. */
export function forPerson(db: Db, request: BackendRequest<'taxpayers.forPerson'>, month: string): BackendReply<'taxpayers.forPerson'> {
  const rows = db
    .prepare(
      `SELECT ${TAXPAYER_COLUMNS} FROM taxpayer_people p JOIN taxpayers tp ON tp.id = p.taxpayer_id
        WHERE p.id_number = ? ORDER BY (p.role = 'owner') DESC, tp.name, tp.id`,
    )
    .all(request.idNumber) as TaxpayerRow[];
  return { taxpayers: rows.map((row) => toTaxpayer(db, row, month)) };
}

/**
 * One refusal, in a fixed order: registration, then the type, then what must be
 * settled in the hall (arrears, credit grade, 验旧), and quota last — the
 * reason shown is the first thing the taxpayer has to fix. "Used" includes
 * the forms held by open claims (claims.ts). `undefined`: unknown taxpayer.
 */
export function decideCollection(
  db: Db,
  request: { taxpayerId: string; invoiceType: string; quantity: number },
  month: string,
): CollectionDecision | undefined {
  const row = taxpayerRow(db, request.taxpayerId);
  if (!row) return undefined;
  if (row.registration !== 'registered') return { outcome: 'refused', refusal: { reason: 'notRegistered', registration: row.registration } };
  const approval = approvals(db, row.id, month).find((a) => a.code === request.invoiceType);
  if (!approval) return { outcome: 'refused', refusal: { reason: 'typeNotApproved', invoiceType: request.invoiceType } };
  if (row.arrears_fen > 0) return { outcome: 'refused', refusal: { reason: 'arrears', arrearsFen: row.arrears_fen } };
  if (BLOCKED_GRADES.includes(row.credit_grade)) return { outcome: 'refused', refusal: { reason: 'creditGrade', grade: row.credit_grade } };
  if (row.unverified > 0) return { outcome: 'refused', refusal: { reason: 'unverifiedInvoices', unverifiedCount: row.unverified } };
  const remaining = Math.max(0, approval.monthly_quota - approval.used);
  if (request.quantity > remaining) {
    return {
      outcome: 'refused',
      refusal: {
        reason: 'quotaExceeded',
        monthlyQuota: approval.monthly_quota,
        usedThisMonth: approval.used,
        remaining,
        requested: request.quantity,
      },
    };
  }
  return { outcome: 'ok', remainingAfter: remaining - request.quantity, monthlyQuota: approval.monthly_quota, usedThisMonth: approval.used };
}

export type CollectionDecision =
  { outcome: 'ok'; remainingAfter: number; monthlyQuota: number; usedThisMonth: number } | { outcome: 'refused'; refusal: CollectRefusal };

export function monthToDate(db: Db, request: BackendRequest<'seller.monthToDate'>): BackendReply<'seller.monthToDate'> | undefined {
  const row = db
    .prepare(
      `SELECT tp.base_month_gross_fen + COALESCE(s.gross_fen, 0) AS gross
         FROM taxpayers tp LEFT JOIN seller_month s ON s.taxpayer_id = tp.id AND s.month = ?
        WHERE tp.id = ?`,
    )
    .get(request.month, request.taxpayerId) as { gross: number } | undefined;
  return row ? { grossFen: row.gross } : undefined;
}
