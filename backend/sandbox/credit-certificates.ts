import { CreditCertificateMessageV1, type BackendReply, type BackendRequest } from '../../shared/backend';
import { normalizeVerificationCode } from '../../shared/domain/verification-code';
import type { Db } from '../../electron/host/db/database';

/**
 * 纳税信用等级证明 as the tax authority knows them, to answer
 * `creditCertificate.verify` (docs/credit-sharing.md "The credit
 * certificate"). A row per verification code, written on intake of the
 * kiosk's `credit.certificate` message; the first message with a code wins
 * (a redelivery is a duplicate anyway). A body outside its schema throws, so
 * the intake row does not commit either (like a bank message).
 */
export function takeCreditCertificate(
  db: Db,
  messageId: string,
  payload: unknown,
  kioskId: string | null,
  now: Date,
): 'creditCertificateRecorded' | 'recorded' {
  const message = CreditCertificateMessageV1.parse(payload);
  const inserted = db
    .prepare(
      `INSERT INTO credit_certificates (code, message_id, kiosk_id, taxpayer_id, grade, grade_year, issued_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
    )
    .run(message.verificationCode, messageId, kioskId, message.taxpayerId, message.grade, message.year, message.issuedAt, now.toISOString());
  return inserted.changes === 1 ? 'creditCertificateRecorded' : 'recorded';
}

interface Row {
  code: string;
  taxpayer_id: string;
  grade: 'A' | 'B' | 'M' | 'C' | 'D';
  grade_year: number;
  issued_at: string;
}

export function verifyCreditCertificate(db: Db, request: BackendRequest<'creditCertificate.verify'>): BackendReply<'creditCertificate.verify'> {
  const row = db
    .prepare('SELECT code, taxpayer_id, grade, grade_year, issued_at FROM credit_certificates WHERE code = ?')
    .get(normalizeVerificationCode(request.code)) as Row | undefined;
  if (!row) return { outcome: 'notFound' };
  return { outcome: 'found', code: row.code, taxpayerId: row.taxpayer_id, grade: row.grade, year: row.grade_year, issuedAt: row.issued_at };
}
