import type { BackendReply, BackendRequest, KioskCertificateLeg } from '../../shared/backend';
import { ulidTime } from '../../shared/backend';
import { isValidVerificationCode, normalizeVerificationCode } from '../../shared/domain/verification-code';
import type { Db } from '../../electron/host/db/database';

/**
 * IIT certificates as the backend knows them, to answer `certificate.verify`
 * (docs/certificate.md "The verification code"). A row per verification
 * code, written on intake of the kiosk's `iit.certificate` leg; the first
 * leg with a code wins (a redelivery is a duplicate anyway).
 */
export function takeCertificate(db: Db, leg: KioskCertificateLeg, kioskId: string | null, now: Date): 'certificateRecorded' | 'recorded' {
  const code = normalizeVerificationCode(leg.verificationCode);
  if (!isValidVerificationCode(code)) return 'recorded';
  const v2 = leg.schemaVersion === 2 ? leg : null;
  const inserted = db
    .prepare(
      `INSERT INTO iit_certificates (code, transaction_id, kiosk_id, period_from, period_to, record_count, total_fen, issued_at, holder_masked_name, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
    )
    .run(
      code,
      leg.transactionId,
      kioskId,
      leg.from,
      leg.to,
      leg.recordCount,
      v2?.totalFen ?? null,
      // Schema 1 carries no issue time: the transaction's own (its ULID's time part).
      v2?.issuedAt ?? ulidTime(leg.transactionId).toISOString(),
      v2?.holderMaskedName ?? null,
      now.toISOString(),
    );
  return inserted.changes === 1 ? 'certificateRecorded' : 'recorded';
}

interface Row {
  code: string;
  period_from: string;
  period_to: string;
  record_count: number;
  total_fen: number | null;
  issued_at: string;
  holder_masked_name: string | null;
}

export function verifyCertificate(db: Db, request: BackendRequest<'certificate.verify'>): BackendReply<'certificate.verify'> {
  const row = db
    .prepare('SELECT code, period_from, period_to, record_count, total_fen, issued_at, holder_masked_name FROM iit_certificates WHERE code = ?')
    .get(normalizeVerificationCode(request.code)) as Row | undefined;
  if (!row) return { outcome: 'notFound' };
  return {
    outcome: 'found',
    code: row.code,
    from: row.period_from,
    to: row.period_to,
    recordCount: row.record_count,
    totalFen: row.total_fen,
    issuedAt: row.issued_at,
    holderMaskedName: row.holder_masked_name,
  };
}
