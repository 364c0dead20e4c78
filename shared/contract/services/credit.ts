import { z } from 'zod';
import { ApplicationRef, BankId, ConsentId, TaxPaidYear } from '../../backend/bank-credit';
import { CreditCode, CreditGrade } from '../../backend/taxpayer';
import { PrinterFault } from '../../domain/device-status';

/**
 * 纳税信用 and 银税互动 as the renderer sees them (docs/credit-sharing.md). The
 * host checks every taxpayer id against those the visit's person may act for;
 * a consent is only ever given with `accepted: true`, sent by the consent
 * screen's own button — never implied by another step.
 */

/** Why the bank will not see a good grade; the screen says it plainly, and the taxpayer may still consent. */
export const CreditCaution = z.enum(['gradeD', 'gradeC', 'arrears']);
export type CreditCaution = z.infer<typeof CreditCaution>;

/** A consent in force (not revoked, not expired). */
export const ActiveConsent = z
  .object({
    consentId: ConsentId,
    grantedAt: z.string(),
    expiresAt: z.string(),
    /** The bank's application reference, once the bank has answered; null until then. */
    applicationRef: ApplicationRef.nullable(),
  })
  .strict();
export type ActiveConsent = z.infer<typeof ActiveConsent>;

export const CreditTaxpayerView = z
  .object({
    taxpayerId: CreditCode,
    name: z.string(),
    asAgent: z.boolean(),
    grade: CreditGrade,
    year: z.number().int(),
    taxPaidByYear: z.array(TaxPaidYear),
    arrears: z.boolean(),
    cautions: z.array(CreditCaution),
    consent: ActiveConsent.nullable(),
  })
  .strict();
export type CreditTaxpayerView = z.infer<typeof CreditTaxpayerView>;

/** The terms the consent screen states: with whom, for what, for how long. */
export const ConsentTerms = z.object({ bankId: BankId, bankName: z.string(), purpose: z.literal('loanApplication'), months: z.number().int().min(1) }).strict();
export type ConsentTerms = z.infer<typeof ConsentTerms>;

export const CreditRefusal = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('backendUnreachable') }).strict(),
  /** The person acts for no taxpayer with a credit grade (a natural person has none). */
  z.object({ reason: z.literal('noTaxpayer') }).strict(),
  /** A consent for this taxpayer and bank is already in force: revoke it first. */
  z.object({ reason: z.literal('alreadyConsented') }).strict(),
  /** The consent to revoke is not in force (revoked already, expired, or not this taxpayer's). */
  z.object({ reason: z.literal('noConsent') }).strict(),
]);
export type CreditRefusal = z.infer<typeof CreditRefusal>;

export const CreditView = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), terms: ConsentTerms, taxpayers: z.array(CreditTaxpayerView).min(1) }).strict(),
  z.object({ outcome: z.literal('refused'), refusal: CreditRefusal }).strict(),
]);
export type CreditView = z.infer<typeof CreditView>;

export const AuthorizeRequest = z.object({ taxpayerId: CreditCode, accepted: z.literal(true) }).strict();

export const AuthorizeResult = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('authorized'),
      consentId: ConsentId,
      bankName: z.string(),
      expiresAt: z.string(),
      /** Null when the bank has not answered yet (the broker is away): the credit view shows it later. */
      applicationRef: ApplicationRef.nullable(),
      receiptPrinted: z.boolean(),
    })
    .strict(),
  z.object({ outcome: z.literal('refused'), refusal: CreditRefusal }).strict(),
]);
export type AuthorizeResult = z.infer<typeof AuthorizeResult>;

export const RevokeRequest = z.object({ taxpayerId: CreditCode, consentId: ConsentId }).strict();

export const RevokeResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('revoked'), consentId: ConsentId, revokedAt: z.string(), receiptPrinted: z.boolean() }).strict(),
  z.object({ outcome: z.literal('refused'), refusal: CreditRefusal }).strict(),
]);
export type RevokeResult = z.infer<typeof RevokeResult>;

/** The taxpayer a 纳税信用等级证明 is for: one the card holder acts for (checked at the host). */
export const CreditCertificateRequest = z.object({ taxpayerId: CreditCode }).strict();

/**
 * What the certificate will print, for the preview: the same facts the PDF is
 * made from (fetched again at print). The verification code does not exist
 * yet: it is made when the certificate prints.
 */
export const CreditCertificatePreview = z
  .object({
    taxpayerId: CreditCode,
    name: z.string(),
    grade: CreditGrade,
    year: z.number().int(),
    bankName: z.string(),
    issuer: z.string(),
    /** `YYYY-MM-DD`, Beijing's day. */
    issuedOn: z.string(),
  })
  .strict();
export type CreditCertificatePreview = z.infer<typeof CreditCertificatePreview>;

/** Why a credit certificate cannot be shown or printed now; each with a catalogue text. */
export const CreditCertificateRefusal = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('backendUnreachable') }).strict(),
  z.object({ reason: z.literal('noTaxpayer') }).strict(),
  /** The A4 printer reports a fault (the screen's print button says so before anyone taps it). */
  z.object({ reason: z.literal('printerNotReady'), printer: z.literal('a4'), fault: PrinterFault }).strict(),
]);
export type CreditCertificateRefusal = z.infer<typeof CreditCertificateRefusal>;

export const CreditCertificatePreviewResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), preview: CreditCertificatePreview }).strict(),
  z.object({ outcome: z.literal('refused'), refusal: CreditCertificateRefusal }).strict(),
]);
export type CreditCertificatePreviewResult = z.infer<typeof CreditCertificatePreviewResult>;

export const CreditCertificatePrintResult = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('completed'),
      /** As printed: groups of four with hyphens. */
      verificationCode: z.string(),
      grade: CreditGrade,
      year: z.number().int(),
    })
    .strict(),
  z.object({ outcome: z.literal('refused'), refusal: CreditCertificateRefusal }).strict(),
  /** The A4 printer did not finish the page (the code is registered; staff look at the printer). */
  z.object({ outcome: z.literal('failed'), fault: PrinterFault.nullable() }).strict(),
]);
export type CreditCertificatePrintResult = z.infer<typeof CreditCertificatePrintResult>;

export const creditMethods = {
  /** The person's taxpayers' grades, the facts a consent would share, the consent in force, and the terms. */
  'credit.view': { request: z.object({}).strict(), result: CreditView },
  /** The explicit tap on the consent screen: records the consent and sends it to the bank; answers its reference. */
  'credit.authorize': { request: AuthorizeRequest, result: AuthorizeResult },
  /** Withdraws a consent in force: the bank is told, and nothing more is sent under it. */
  'credit.revoke': { request: RevokeRequest, result: RevokeResult },
  /** What the 纳税信用等级证明 of one of the person's taxpayers will print. */
  'credit.certificatePreview': { request: CreditCertificateRequest, result: CreditCertificatePreviewResult },
  /** Fetches the grade again, makes the PDF with a new verification code, registers the code, prints on the A4 printer. */
  'credit.certificatePrint': { request: CreditCertificateRequest, result: CreditCertificatePrintResult },
} as const;
