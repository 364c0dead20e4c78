import {
  CollectPayload,
  IssuePayload,
  KioskCertificateLeg,
  KioskCollectionLeg,
  KioskIssueLeg,
  ulidTime,
  type BackendReply,
  type BackendRequest,
} from '../../shared/backend';
import { takeCertificate } from './certificates';
import type { Db } from '../../electron/host/db/database';
import { monthOf } from './month';
import { takeClaimOnIntake } from './claims';
import { anchorAuditEntry } from './audit-anchor';
import { isBankKind } from '../../shared/backend/bank-credit';
import { takeBankMessage } from './bank';
import { CREDIT_CERTIFICATE_KIND } from '../../shared/backend/credit-certificate';
import { takeCreditCertificate } from './credit-certificates';

/**
 * Intake of one outbox leg (docs/sync.md "Consumer side"): the unique message_id row
 * and the effect commit in one SQLite transaction, so a redelivered message is
 * answered `duplicate` and never applied twice — and a crash between the two
 * cannot happen.
 */
export function submit(db: Db, request: BackendRequest<'transactions.submit'>, now: Date): BackendReply<'transactions.submit'> {
  return db.transaction((): BackendReply<'transactions.submit'> => {
    const inserted = db
      .prepare(
        `INSERT INTO intake (message_id, kind, authority, payload, received_at, effect)
         VALUES (?, ?, ?, ?, ?, 'recorded') ON CONFLICT (message_id) DO NOTHING`,
      )
      .run(request.messageId, request.kind, request.authority, JSON.stringify(request.payload ?? null), now.toISOString());
    if (inserted.changes === 0) return { outcome: 'duplicate' };
    const effect = applyEffect(db, request, now);
    if (effect !== 'recorded') db.prepare('UPDATE intake SET effect = ? WHERE message_id = ?').run(effect, request.messageId);
    return { outcome: 'accepted' };
  })();
}

function applyEffect(db: Db, request: BackendRequest<'transactions.submit'>, now: Date): string {
  // The kiosk's audit chain, anchored off the kiosk (audit-anchor.ts).
  if (request.kind === 'audit.entry') return anchorAuditEntry(db, request.kioskId, request.payload, now);
  // 银税互动: the bank's receiver (bank.ts); a body outside its schema throws and nothing commits.
  if (isBankKind(request.kind)) return takeBankMessage(db, request.messageId, request.kind, request.payload, now);
  // 纳税信用等级证明: kept so its verification code can be checked (creditCertificate.verify).
  if (request.kind === CREDIT_CERTIFICATE_KIND) return takeCreditCertificate(db, request.messageId, request.payload, request.kioskId ?? null, now);
  // The kiosk's legs as it really sends them (sync issue: the contract gap between outbox and intake).
  if (request.kind === 'invoice.collection') {
    const parsed = KioskCollectionLeg.safeParse(request.payload);
    return parsed.success ? takeCollection(db, request.messageId, parsed.data) : 'recorded';
  }
  if (request.kind === 'iit.certificate') {
    // The local authority keeps the certificate so its verification code can be checked (certificate.verify).
    const parsed = request.authority === 'local' ? KioskCertificateLeg.safeParse(request.payload) : null;
    return parsed?.success ? takeCertificate(db, parsed.data, request.kioskId ?? null, now) : 'recorded';
  }
  const leg = request.kind === 'invoice.issue' ? KioskIssueLeg.safeParse(request.payload) : null;
  if (leg?.success) {
    // Both legs carry the gross; it counts once, on the national leg.
    if (request.authority !== 'national') return 'recorded';
    return addMonthToDate(db, leg.data.taxpayerId, leg.data.grossFen, ulidTime(leg.data.transactionId)) ? 'monthToDateAdded' : 'recorded';
  }
  if (request.kind === 'invoice.collect') {
    const parsed = CollectPayload.safeParse(request.payload);
    if (!parsed.success) return 'recorded';
    const p = parsed.data;
    const approved = db.prepare('SELECT 1 FROM approvals WHERE taxpayer_id = ? AND invoice_type = ?').get(p.taxpayerId, p.invoiceType);
    if (!approved) return 'recorded';
    db.prepare(
      `INSERT INTO quota_use (taxpayer_id, invoice_type, month, used) VALUES (?, ?, ?, ?)
       ON CONFLICT (taxpayer_id, invoice_type, month) DO UPDATE SET used = used + excluded.used`,
    ).run(p.taxpayerId, p.invoiceType, monthOf(now), p.quantity);
    if (p.pickupCode) {
      db.prepare('UPDATE pickup_codes SET collected_at = ? WHERE code = ? AND collected_at IS NULL').run(now.toISOString(), p.pickupCode);
    }
    return 'quotaUsed';
  }
  if (request.kind === 'invoice.issue') {
    const parsed = IssuePayload.safeParse(request.payload);
    if (!parsed.success) return 'recorded';
    const p = parsed.data;
    if (!db.prepare('SELECT 1 FROM taxpayers WHERE id = ?').get(p.sellerTaxpayerId)) return 'recorded';
    db.prepare(
      `INSERT INTO seller_month (taxpayer_id, month, gross_fen) VALUES (?, ?, ?)
       ON CONFLICT (taxpayer_id, month) DO UPDATE SET gross_fen = gross_fen + excluded.gross_fen`,
    ).run(p.sellerTaxpayerId, monthOf(new Date(p.issuedAt)), p.grossFen);
    return 'monthToDateAdded';
  }
  return 'recorded';
}

/** Accepted messages per authority (for tests and diagnostics). */
export function intakeCounts(db: Db): { national: number; local: number } {
  const rows = db.prepare('SELECT authority, COUNT(*) AS n FROM intake GROUP BY authority').all() as { authority: 'national' | 'local'; n: number }[];
  const counts = { national: 0, local: 0 };
  for (const r of rows) counts[r.authority] = r.n;
  return counts;
}

/**
 * One kiosk collection, once per transaction (whatever message carries it):
 * the quota use, the 取票码 closed, and the `collection_intake` row that lets
 * eligibility.collect tell the kiosk this collection is counted
 * (docs/collection.md "The unacknowledged ledger").
 */
function takeCollection(db: Db, messageId: string, leg: KioskCollectionLeg): string {
  if (leg.taxpayerId === null) return 'recorded';
  const at = ulidTime(leg.transactionId);
  const taken = db
    .prepare(
      `INSERT INTO collection_intake (transaction_id, message_id, taxpayer_id, invoice_type, month, quantity, pickup_code, effect)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'recorded') ON CONFLICT (transaction_id) DO NOTHING`,
    )
    .run(leg.transactionId, messageId, leg.taxpayerId, leg.invoiceType, monthOf(at), leg.quantity, leg.pickupCode ?? null);
  if (taken.changes === 0) return 'recorded';
  const effects: string[] = [];
  // The forms are out whatever the code's state: they count against the quota (an open
  // claim of the same transaction stops counting in the same step, so "used" does not move).
  if (useQuota(db, leg.taxpayerId, leg.invoiceType, leg.quantity, at)) effects.push('quotaUsed');
  effects.push(...takeClaimOnIntake(db, leg.transactionId, leg.pickupCode ?? null, at));
  const effect = effects.length > 0 ? effects.join('+') : 'recorded';
  db.prepare('UPDATE collection_intake SET effect = ? WHERE transaction_id = ?').run(effect, leg.transactionId);
  return effect;
}

function useQuota(db: Db, taxpayerId: string, invoiceType: string, quantity: number, at: Date): boolean {
  if (!db.prepare('SELECT 1 FROM approvals WHERE taxpayer_id = ? AND invoice_type = ?').get(taxpayerId, invoiceType)) return false;
  db.prepare(
    `INSERT INTO quota_use (taxpayer_id, invoice_type, month, used) VALUES (?, ?, ?, ?)
     ON CONFLICT (taxpayer_id, invoice_type, month) DO UPDATE SET used = used + excluded.used`,
  ).run(taxpayerId, invoiceType, monthOf(at), quantity);
  return true;
}

function addMonthToDate(db: Db, taxpayerId: string, grossFen: number, at: Date): boolean {
  if (!db.prepare('SELECT 1 FROM taxpayers WHERE id = ?').get(taxpayerId)) return false;
  db.prepare(
    `INSERT INTO seller_month (taxpayer_id, month, gross_fen) VALUES (?, ?, ?)
     ON CONFLICT (taxpayer_id, month) DO UPDATE SET gross_fen = gross_fen + excluded.gross_fen`,
  ).run(taxpayerId, monthOf(at), grossFen);
  return true;
}
