import { randomBytes } from 'node:crypto';
import { KioskError } from '../../../shared/contract';
import type { CreditCertificatePreviewResult, CreditCertificatePrintResult, CreditCertificateRefusal } from '../../../shared/contract/services/credit';
import { isBackendError, type CreditFacts, type Taxpayer, type TaxBackend } from '../../../shared/backend';
import { CREDIT_CERTIFICATE_KIND } from '../../../shared/backend/credit-certificate';
import { printerFault } from '../../../shared/domain/device-status';
import { maskIdNumber } from '../../../shared/domain/pii';
import { formatVerificationCode, makeVerificationCode, VERIFICATION_CODE_RANDOM_BYTES } from '../../../shared/domain/verification-code';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import type { Printers } from '../devices/device-manager';
import type { Logger } from '../logger';
import type { SessionService } from '../session/session-service';
import { addKioskOutbox } from '../transactions/kiosk-outbox';
import { renderCreditCertificate } from '../documents/credit-certificate';
import { shanghaiDay } from '../documents/certificate-frame';
import { activeCard, logBackendFailure, ownTaxpayer } from '../services/visit-person';

export interface CreditCertificateDeps {
  db: Db;
  backend: TaxBackend;
  session: Pick<SessionService, 'activeCard'>;
  /** The visit's id for the audit trail; null outside a visit. */
  sessionId: () => string | null;
  audit: AuditLog;
  log: Logger;
  /** The kiosk's bank (kiosk.json `credit`): the certificate names it as the one it is for. */
  bank: () => { bankName: string };
  /** Null before the devices have started. */
  printers: () => Printers | null;
  /** Tells the delivery loop to look now (a code was just registered). */
  wakeDelivery: () => void;
  kioskId: () => string;
  lang: () => Lang;
  texts?: () => TextOverrides;
  now?: () => Date;
}

/** Shown to the A4 queue and the spooler's log: never a name or a code. */
const JOB_TITLE = 'credit-certificate';

const refused = (refusal: CreditCertificateRefusal) => ({ outcome: 'refused' as const, refusal });

/**
 * 纳税信用等级证明 (docs/credit-sharing.md "The credit certificate"), printed
 * from the credit screen for a taxpayer the card holder acts for, as the IIT
 * certificate is: the PDF is made first, then its verification code is
 * registered — the `credit.certificate` outbox message and the audit entry in
 * one SQLite transaction — before the page goes to the A4 printer, so a
 * certificate on paper is always one the tax authority can verify.
 */
export class CreditCertificateService {
  private busy = false;

  constructor(private readonly deps: CreditCertificateDeps) {}

  async preview(request: { taxpayerId: string }): Promise<CreditCertificatePreviewResult> {
    const card = activeCard(this.deps.session);
    try {
      const { taxpayer, facts } = await this.facts(card.idNumber, request.taxpayerId);
      if (!taxpayer || !facts) return refused({ reason: 'noTaxpayer' });
      const day = shanghaiDay(this.now());
      return {
        outcome: 'ok',
        preview: {
          taxpayerId: taxpayer.id,
          name: taxpayer.name,
          grade: facts.grade,
          year: facts.year,
          bankName: this.deps.bank().bankName,
          issuer: this.issuer(),
          issuedOn: `${day.year}-${day.month}-${day.day}`,
        },
      };
    } catch (error) {
      if (isBackendError(error)) return this.unreachable('credit.certificatePreview', error);
      throw error;
    }
  }

  /** One print at a time: a second call while one runs is a conflict, not a queue. */
  async print(request: { taxpayerId: string }): Promise<CreditCertificatePrintResult> {
    const card = activeCard(this.deps.session);
    if (this.busy) throw new KioskError('conflict', 'a credit certificate is already printing');
    this.busy = true;
    try {
      const printers = this.deps.printers();
      const fault = printers ? printerFault(printers.a4.status()) : 'noDevice';
      if (fault || !printers) return refused({ reason: 'printerNotReady', printer: 'a4', fault: fault ?? 'noDevice' });
      let taxpayer: Taxpayer | null;
      let facts: CreditFacts | null;
      try {
        // Fetched again, never taken from the screen: the grade printed is the backend's.
        ({ taxpayer, facts } = await this.facts(card.idNumber, request.taxpayerId));
      } catch (error) {
        if (isBackendError(error)) return this.unreachable('credit.certificatePrint', error);
        throw error;
      }
      if (!taxpayer || !facts) return refused({ reason: 'noTaxpayer' });
      return await this.issueAndPrint(printers, taxpayer, facts);
    } finally {
      this.busy = false;
    }
  }

  private async issueAndPrint(printers: Printers, taxpayer: Taxpayer, facts: CreditFacts): Promise<CreditCertificatePrintResult> {
    const { db, audit, log } = this.deps;
    const now = this.now();
    const code = makeVerificationCode(randomBytes(VERIFICATION_CODE_RANDOM_BYTES));
    const printedCode = formatVerificationCode(code);
    const pdf = await renderCreditCertificate({
      taxpayer: { name: taxpayer.name, creditCode: taxpayer.id },
      grade: facts.grade,
      year: facts.year,
      bankName: this.deps.bank().bankName,
      issuedAt: now,
      issuer: this.issuer(),
      verificationCode: printedCode,
      lang: this.deps.lang(),
      texts: this.deps.texts?.(),
      kioskId: this.deps.kioskId(),
    });
    const trace = { maskedTaxpayer: maskIdNumber(taxpayer.id), grade: facts.grade, year: facts.year, sessionId: this.deps.sessionId() };
    const outboxId = db
      .transaction(() => {
        const id = addKioskOutbox(
          db,
          CREDIT_CERTIFICATE_KIND,
          { schemaVersion: 1, verificationCode: code, taxpayerId: taxpayer.id, grade: facts.grade, year: facts.year, issuedAt: now.toISOString() },
          now,
        );
        audit.append({ kind: 'credit.certificate', data: { outboxId: id, step: 'issued', ...trace } });
        return id;
      })
      .immediate();
    this.deps.wakeDelivery();
    log.info({ event: 'credit.certificateIssued', outboxId, grade: facts.grade, year: facts.year }, 'credit certificate registered');

    const printed = await printers.a4
      .printPdf(pdf, JOB_TITLE)
      .catch((error: unknown) => ({ ok: false as const, code: 'hardwareError' as const, fault: null, detail: String(error) }));
    audit.record({ kind: 'credit.certificate', data: { outboxId, step: printed.ok ? 'printed' : 'printFailed', ...trace } });
    audit.record({ kind: 'print', data: { printer: 'a4', document: 'creditCertificate', transactionId: null, ok: printed.ok } });
    if (!printed.ok) {
      log.warn(
        { event: 'credit.certificateFailed', outboxId, code: printed.code, fault: printed.fault, detail: printed.detail },
        'credit certificate not printed',
      );
      return { outcome: 'failed', fault: printed.fault };
    }
    log.info({ event: 'credit.certificatePrinted', outboxId }, 'credit certificate printed');
    return { outcome: 'completed', verificationCode: printedCode, grade: facts.grade, year: facts.year };
  }

  /** The taxpayer (one the person acts for, with a grade) and its credit facts; nulls when it is not one. */
  private async facts(idNumber: string, taxpayerId: string): Promise<{ taxpayer: Taxpayer | null; facts: CreditFacts | null }> {
    let taxpayer: Taxpayer;
    try {
      taxpayer = await ownTaxpayer(this.deps.backend, idNumber, taxpayerId);
    } catch (error) {
      if (error instanceof KioskError) return { taxpayer: null, facts: null };
      throw error;
    }
    // A natural person has no credit grade (credit-service.ts shows only those with one).
    if (taxpayer.kind === 'naturalPerson') return { taxpayer: null, facts: null };
    return { taxpayer, facts: await this.deps.backend.creditFacts({ taxpayerId: taxpayer.id }) };
  }

  private issuer(): string {
    return translateWith(this.deps.texts?.(), this.deps.lang(), 'certificate.issuer.default');
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private unreachable(
    method: 'credit.certificatePreview' | 'credit.certificatePrint',
    error: { code: string },
  ): { outcome: 'refused'; refusal: CreditCertificateRefusal } {
    logBackendFailure(this.deps.log, method, error);
    return refused({ reason: 'backendUnreachable' });
  }
}
