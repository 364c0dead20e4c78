import { KioskError } from '../../../shared/contract';
import type {
  AuthorizeResult,
  ConsentTerms,
  CreditCaution,
  CreditRefusal,
  CreditTaxpayerView,
  CreditView,
  RevokeResult,
} from '../../../shared/contract/services/credit';
import { isBackendError, type CreditFacts, type Taxpayer, type TaxBackend } from '../../../shared/backend';
import { maskIdNumber } from '../../../shared/domain/pii';
import { printerFault } from '../../../shared/domain/device-status';
import type { Lang } from '../../../shared/i18n/lang';
import type { TextOverrides } from '../../../shared/i18n';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../logger';
import type { Printers } from '../devices/device-manager';
import type { PiiCipher } from '../pii/pii-cipher';
import type { SessionService } from '../session/session-service';
import { activeCard, logBackendFailure, ownTaxpayer, taxpayersOf } from '../services/visit-person';
import { ConsentError, ConsentStore, type ConsentRecord } from './consent-store';
import type { ConsentScope } from './consent-gate';
import { creditReceipt } from './credit-receipt';

/**
 * 纳税信用 and 银税互动 (docs/credit-sharing.md): the person's taxpayers' credit
 * grades, and consents to let this kiosk's bank see them for a loan
 * application. The grant and the revocation are recorded with their bank
 * message and audit entry in one SQLite transaction (consent-store.ts); the
 * delivery loop takes the message to the bank's queue through the consent
 * gate; the bank's application reference is asked for (bank.application)
 * until it comes or `answerWaitMs` has passed, and printed on the receipt.
 */
export interface CreditServiceDeps {
  backend: TaxBackend;
  session: Pick<SessionService, 'activeCard'>;
  /** The visit's id for the audit trail; null outside a visit. */
  sessionId: () => string | null;
  consents: ConsentStore;
  cipher: Pick<PiiCipher, 'lookupHash'>;
  audit: AuditLog;
  log: Logger;
  /** The kiosk's bank and the consent's length (kiosk.json `credit`). */
  bank: () => { bankId: string; bankName: string; consentMonths: number };
  /** Null before the devices have started. */
  printers: () => Printers | null;
  /** Tells the delivery loop to look now (a consent was just committed). */
  wakeDelivery: () => void;
  kioskId: () => string;
  lang: () => Lang;
  texts?: () => TextOverrides;
  /** How long `authorize` waits for the bank's reference before answering without it. Default 6000 ms. */
  answerWaitMs?: number;
  answerPollMs?: number;
  now?: () => Date;
}

const refused = (refusal: CreditRefusal) => ({ outcome: 'refused' as const, refusal });

/** Why the bank will not see a good grade (the screen says it plainly; consenting stays possible). */
export function creditCautions(facts: Pick<CreditFacts, 'grade' | 'arrears'>): CreditCaution[] {
  const cautions: CreditCaution[] = [];
  if (facts.grade === 'D') cautions.push('gradeD');
  if (facts.grade === 'C') cautions.push('gradeC');
  if (facts.arrears) cautions.push('arrears');
  return cautions;
}

/** Exactly what the consent screen lists and the bank receives: no more. */
export function scopeOf(facts: CreditFacts): ConsentScope {
  return { grade: facts.grade, year: facts.year, taxPaidByYear: facts.taxPaidByYear.map((y) => ({ year: y.year, fen: y.fen })), arrears: facts.arrears };
}

function hasGrade(t: Taxpayer): boolean {
  return t.kind !== 'naturalPerson';
}

export class CreditService {
  private busy = false;

  constructor(private readonly deps: CreditServiceDeps) {}

  private terms(): ConsentTerms {
    const bank = this.deps.bank();
    return { bankId: bank.bankId, bankName: bank.bankName, purpose: 'loanApplication', months: bank.consentMonths };
  }

  async view(): Promise<CreditView> {
    const card = activeCard(this.deps.session);
    try {
      const taxpayers = (await taxpayersOf(this.deps.backend, card.idNumber)).filter(hasGrade);
      if (taxpayers.length === 0) return refused({ reason: 'noTaxpayer' });
      const views: CreditTaxpayerView[] = [];
      for (const t of taxpayers) views.push(await this.taxpayerView(t));
      return { outcome: 'ok', terms: this.terms(), taxpayers: views };
    } catch (error) {
      if (isBackendError(error)) return this.unreachable('credit.view', error);
      throw error;
    }
  }

  private async taxpayerView(t: Taxpayer): Promise<CreditTaxpayerView> {
    const facts = await this.deps.backend.creditFacts({ taxpayerId: t.id });
    const consent = this.deps.consents.active(t.id, this.deps.bank().bankId, this.now());
    let applicationRef = consent?.applicationRef ?? null;
    if (consent && applicationRef === null) applicationRef = await this.askBank(consent);
    return {
      taxpayerId: t.id,
      name: t.name,
      asAgent: t.kind === 'enterprise',
      grade: facts.grade,
      year: facts.year,
      taxPaidByYear: facts.taxPaidByYear,
      arrears: facts.arrears,
      cautions: creditCautions(facts),
      consent: consent ? { consentId: consent.id, grantedAt: consent.grantedAt, expiresAt: consent.expiresAt, applicationRef } : null,
    };
  }

  /** The explicit tap on the consent screen. One at a time: a second tap while one runs is a conflict. */
  async authorize(request: { taxpayerId: string; accepted: true }): Promise<AuthorizeResult> {
    const card = activeCard(this.deps.session);
    if (request.accepted !== true) throw new KioskError('invalidRequest', 'a consent needs the explicit tap');
    if (this.busy) throw new KioskError('conflict', 'a consent is already being recorded');
    this.busy = true;
    try {
      let taxpayer: Taxpayer;
      let facts: CreditFacts;
      try {
        taxpayer = await ownTaxpayer(this.deps.backend, card.idNumber, request.taxpayerId);
        if (!hasGrade(taxpayer)) return refused({ reason: 'noTaxpayer' });
        // Fetched again, never taken from the screen: what the bank gets is the backend's.
        facts = await this.deps.backend.creditFacts({ taxpayerId: taxpayer.id });
      } catch (error) {
        if (isBackendError(error)) return this.unreachable('credit.authorize', error);
        throw error;
      }
      const bank = this.deps.bank();
      let consent: ConsentRecord;
      try {
        consent = this.deps.consents.grant({
          taxpayerId: taxpayer.id,
          personIdHash: this.deps.cipher.lookupHash(card.idNumber),
          bankId: bank.bankId,
          scope: scopeOf(facts),
          months: bank.consentMonths,
          at: this.now(),
          inside: (c) => this.audit(c, 'granted'),
        });
      } catch (error) {
        if (error instanceof ConsentError) return refused({ reason: error.code });
        throw error;
      }
      this.deps.log.info({ event: 'credit.consentGranted', consentId: consent.id, bankId: bank.bankId }, 'credit consent recorded');
      this.deps.wakeDelivery();
      const applicationRef = await this.waitForAnswer(consent);
      const receiptPrinted = await this.printReceipt({ kind: 'consent', consent, bankName: bank.bankName, applicationRef, taxpayerName: taxpayer.name });
      return { outcome: 'authorized', consentId: consent.id, bankName: bank.bankName, expiresAt: consent.expiresAt, applicationRef, receiptPrinted };
    } finally {
      this.busy = false;
    }
  }

  async revoke(request: { taxpayerId: string; consentId: string }): Promise<RevokeResult> {
    const card = activeCard(this.deps.session);
    let taxpayer: Taxpayer;
    try {
      taxpayer = await ownTaxpayer(this.deps.backend, card.idNumber, request.taxpayerId);
    } catch (error) {
      if (isBackendError(error)) return this.unreachable('credit.revoke', error);
      throw error;
    }
    let consent: ConsentRecord;
    try {
      consent = this.deps.consents.revoke({ consentId: request.consentId, taxpayerId: taxpayer.id, at: this.now(), inside: (c) => this.audit(c, 'revoked') });
    } catch (error) {
      if (error instanceof ConsentError) return refused({ reason: error.code });
      throw error;
    }
    this.deps.log.info({ event: 'credit.consentRevoked', consentId: consent.id, bankId: consent.bankId }, 'credit consent revoked');
    this.deps.wakeDelivery();
    const receiptPrinted = await this.printReceipt({
      kind: 'revoke',
      consent,
      bankName: this.deps.bank().bankName,
      applicationRef: consent.applicationRef,
      taxpayerName: taxpayer.name,
    });
    return { outcome: 'revoked', consentId: consent.id, revokedAt: consent.revokedAt ?? this.now().toISOString(), receiptPrinted };
  }

  /** Asks the bank until it answers with the reference, or the wait is over (the broker may be away: the view asks again later). */
  private async waitForAnswer(consent: ConsentRecord): Promise<string | null> {
    const until = Date.now() + (this.deps.answerWaitMs ?? 6000);
    for (;;) {
      const ref = await this.askBank(consent);
      if (ref !== null || Date.now() >= until) return ref;
      await new Promise((resolve) => setTimeout(resolve, this.deps.answerPollMs ?? 250));
    }
  }

  private async askBank(consent: ConsentRecord): Promise<string | null> {
    try {
      const answer = await this.deps.backend.bankApplication({ consentId: consent.id, bankId: consent.bankId });
      if (answer.status === 'unknown') return null;
      if (this.deps.consents.setApplicationRef(consent.id, answer.applicationRef)) {
        this.deps.audit.record({
          kind: 'credit.consent',
          data: {
            consentId: consent.id,
            step: 'bankAnswered',
            maskedTaxpayer: maskIdNumber(consent.taxpayerId),
            bankId: consent.bankId,
            sessionId: this.sessionId(),
          },
        });
      }
      return answer.applicationRef;
    } catch (error) {
      if (isBackendError(error)) {
        logBackendFailure(this.deps.log, 'credit.view', error);
        return null;
      }
      throw error;
    }
  }

  /** Inside the consent's SQLite transaction: the trace commits with it or not at all. */
  private audit(consent: ConsentRecord, step: 'granted' | 'revoked'): void {
    this.deps.audit.append({
      kind: 'credit.consent',
      data: { consentId: consent.id, step, maskedTaxpayer: maskIdNumber(consent.taxpayerId), bankId: consent.bankId, sessionId: this.sessionId() },
    });
  }

  private async printReceipt(job: {
    kind: 'consent' | 'revoke';
    consent: ConsentRecord;
    bankName: string;
    applicationRef: string | null;
    taxpayerName: string;
  }): Promise<boolean> {
    const printers = this.deps.printers();
    if (!printers || printerFault(printers.receipt.status())) return false;
    const receipt = creditReceipt({
      lang: this.deps.lang(),
      texts: this.deps.texts?.(),
      kind: job.kind,
      taxpayerName: job.taxpayerName,
      taxpayerId: job.consent.taxpayerId,
      bankName: job.bankName,
      scope: job.consent.scope,
      expiresAt: job.consent.expiresAt,
      applicationRef: job.applicationRef,
      at: this.now(),
      kioskId: this.deps.kioskId(),
      transactionId: job.consent.id,
    });
    const out = await printers.receipt.printReceipt(receipt).catch((error: unknown) => ({ ok: false as const, detail: String(error) }));
    this.deps.audit.record({ kind: 'print', data: { printer: 'receipt', document: `credit.${job.kind}`, transactionId: null, ok: out.ok } });
    if (!out.ok) this.deps.log.warn({ event: 'credit.receiptFailed', consentId: job.consent.id }, 'credit receipt not printed');
    return out.ok;
  }

  private sessionId(): string | null {
    return this.deps.sessionId();
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private unreachable(method: 'credit.view' | 'credit.authorize' | 'credit.revoke', error: { code: string }): { outcome: 'refused'; refusal: CreditRefusal } {
    logBackendFailure(this.deps.log, method, error);
    return refused({ reason: 'backendUnreachable' });
  }
}
