import type { BackendReply, BackendRequest, CreditGrade, Taxpayer } from '../../shared/backend';
import type { Db } from '../host/db/database';

interface TaxpayerRow {
  id: string;
  name: string;
  kind: Taxpayer['kind'];
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
  // "Used this month" = the demo baseline + what intake recorded for this month.
  return db
    .prepare(
      `SELECT a.invoice_type AS code, t.name, a.monthly_quota,
              a.base_used + COALESCE(q.used, 0) AS used
         FROM approvals a
         JOIN invoice_types t ON t.code = a.invoice_type
         LEFT JOIN quota_use q ON q.taxpayer_id = a.taxpayer_id AND q.invoice_type = a.invoice_type AND q.month = ?
        WHERE a.taxpayer_id = ?
        ORDER BY a.invoice_type`,
    )
    .all(month, taxpayerId) as ApprovalRow[];
}

function toTaxpayer(db: Db, row: TaxpayerRow, month: string): Taxpayer {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
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

const TAXPAYER_COLUMNS = 'tp.id, tp.name, tp.kind, tp.registration, tp.credit_grade, tp.arrears_fen, tp.unverified';

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
 * reason shown is the first thing the taxpayer has to fix.
 */
export function eligibility(
  db: Db,
  request: BackendRequest<'eligibility.collect'>,
  month: string,
): BackendReply<'eligibility.collect'> | undefined {
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
  return { outcome: 'ok', remainingAfter: remaining - request.quantity };
}

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

export function pickupLookup(db: Db, request: BackendRequest<'pickup.lookup'>): BackendReply<'pickup.lookup'> {
  const row = db
    .prepare(
      `SELECT p.taxpayer_id, tp.name, p.invoice_type, p.quantity, p.collected_at
         FROM pickup_codes p JOIN taxpayers tp ON tp.id = p.taxpayer_id WHERE p.code = ?`,
    )
    .get(request.code) as
    | { taxpayer_id: string; name: string; invoice_type: string; quantity: number; collected_at: string | null }
    | undefined;
  if (!row) return { outcome: 'notFound' };
  if (row.collected_at) return { outcome: 'alreadyCollected', collectedAt: row.collected_at };
  return { outcome: 'found', taxpayerId: row.taxpayer_id, taxpayerName: row.name, invoiceType: row.invoice_type, quantity: row.quantity };
}
