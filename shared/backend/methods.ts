import { z } from 'zod';
import { CreditCode, Fen, IdNumber, IitRecord, InvoiceTypeCode, IsoDateTime, Month, Taxpayer } from './taxpayer';
import { isValidVerificationCode } from '../domain/verification-code';
import { BankApplication, BankId, ConsentId, CreditFacts } from './bank-credit';
import { CertificateCode, CreditCertificateVerifyReply } from './credit-certificate';

/**
 * The kiosk ↔ tax backend contract (docs/sync.md "Queries" and "Consumer side"): one
 * request and one reply schema per method, under the name the AMQP transport
 * will use as the message type. Requests are `.strict()` so a field the other
 * side does not know is refused rather than silently dropped.
 */

/** Why the backend refuses an invoice collection, with the numbers the taxpayer needs to see. */
export const CollectRefusal = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('notRegistered'), registration: z.enum(['suspended', 'deregistered']) }).strict(),
  z.object({ reason: z.literal('typeNotApproved'), invoiceType: InvoiceTypeCode }).strict(),
  z.object({ reason: z.literal('arrears'), arrearsFen: Fen }).strict(),
  z.object({ reason: z.literal('creditGrade'), grade: z.enum(['A', 'B', 'M', 'C', 'D']) }).strict(),
  z.object({ reason: z.literal('unverifiedInvoices'), unverifiedCount: z.number().int().min(1) }).strict(),
  z
    .object({
      reason: z.literal('quotaExceeded'),
      monthlyQuota: z.number().int().min(0),
      usedThisMonth: z.number().int().min(0),
      remaining: z.number().int().min(0),
      requested: z.number().int().min(1),
    })
    .strict(),
]);
export type CollectRefusal = z.infer<typeof CollectRefusal>;
export type CollectRefusalReason = CollectRefusal['reason'];

/** Why a claim is refused: an eligibility rule, or the 取票码 is unknown or spoken for. */
export const ClaimRefusal = z.union([
  CollectRefusal,
  z.object({ reason: z.literal('pickupNotFound') }).strict(),
  z.object({ reason: z.literal('pickupAlreadyCollected'), collectedAt: IsoDateTime }).strict(),
]);
export type ClaimRefusal = z.infer<typeof ClaimRefusal>;

export const PaymentStatus = z.enum(['pending', 'paid', 'expired', 'cancelled']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const Authority = z.enum(['national', 'local']);
export type Authority = z.infer<typeof Authority>;

const MessageId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/);
/** A certificate's verification code as stored: 17 characters of its alphabet, the last one its check. */
const VerificationCode = z.string().refine(isValidVerificationCode, 'a verification code (17 characters, its check character right)');
const KioskId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Why the backend refused an audit entry of a kiosk's chain (docs/sync.md "Audit trail"; docs/security.md). */
export const AuditAnomalyKind = z.enum(['regress', 'fork', 'skip', 'invalid']);
export type AuditAnomalyKind = z.infer<typeof AuditAnomalyKind>;
const PickupCode = z.string().regex(/^[0-9A-Z]{6,12}$/, 'a pickup code (取票码)');
/** A kiosk transaction id (a ULID: its first 10 characters are its creation time). */
const TransactionId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a transaction id (ULID)');
/**
 * The kiosk's collections of this taxpayer and type the backend may not have
 * counted yet (its unacknowledged ledger, docs/collection.md): the reply says
 * which of them the backend's numbers already include (`counted`: taken in
 * by intake, or held by an open claim).
 */
const Unacknowledged = z.array(TransactionId).max(1000);
const Counted = z.array(TransactionId).max(1000);
/** What the backend answers about a 取票码 whose forms are spoken for. */
const PickupTaken = z.object({ outcome: z.literal('alreadyCollected'), collectedAt: IsoDateTime }).strict();
const PickupDetails = {
  taxpayerId: CreditCode,
  taxpayerName: z.string().min(1).max(100),
  invoiceType: InvoiceTypeCode,
  quantity: z.number().int().min(1),
};

export const backendMethods = {
  /** The taxpayers this person may act for: their own business, enterprises where they are 办税人. */
  'taxpayers.forPerson': {
    request: z.object({ idNumber: IdNumber }).strict(),
    reply: z.object({ taxpayers: z.array(Taxpayer) }).strict(),
  },
  /**
   * The backend's own numbers (quota and use this month, as it has counted
   * them) and which of the kiosk's `unacknowledged` collections they include.
   */
  'eligibility.collect': {
    request: z
      .object({ taxpayerId: CreditCode, invoiceType: InvoiceTypeCode, quantity: z.number().int().min(1).max(1000), unacknowledged: Unacknowledged.optional() })
      .strict(),
    reply: z.discriminatedUnion('outcome', [
      z
        .object({
          outcome: z.literal('ok'),
          remainingAfter: z.number().int().min(0),
          monthlyQuota: z.number().int().min(0),
          usedThisMonth: z.number().int().min(0),
          counted: Counted,
        })
        .strict(),
      z.object({ outcome: z.literal('refused'), refusal: CollectRefusal, counted: Counted }).strict(),
    ]),
  },
  /** A 取票码 from an online application. */
  'pickup.lookup': {
    request: z.object({ code: PickupCode }).strict(),
    reply: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('found'), ...PickupDetails }).strict(),
      z.object({ outcome: z.literal('notFound') }).strict(),
      PickupTaken,
    ]),
  },
  /**
   * The backend's decision for one kiosk transaction, made right before the
   * kiosk allocates forms (docs/collection.md "Claims"): in one atomic step it
   * applies every eligibility rule, counting other kiosks' open claims as
   * used, and on success holds the forms (and the 取票码) for this
   * transaction — so two kiosks asking at once can never both take the last
   * of a quota or the same code. Idempotent for the same transaction (a retry
   * after a lost reply answers `claimed` again). The transaction's
   * `invoice.collection` leg turns the claim into use on intake.
   */
  'collection.claim': {
    request: z
      .object({
        kioskId: KioskId,
        transactionId: TransactionId,
        what: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('quantity'), taxpayerId: CreditCode, invoiceType: InvoiceTypeCode, quantity: z.number().int().min(1).max(1000) }).strict(),
          z.object({ kind: z.literal('pickup'), code: PickupCode }).strict(),
        ]),
      })
      .strict(),
    reply: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('claimed'), ...PickupDetails, claimedAt: IsoDateTime }).strict(),
      z.object({ outcome: z.literal('refused'), refusal: ClaimRefusal }).strict(),
    ]),
  },
  /**
   * Gives back a claim whose transaction dispensed nothing (it never committed
   * at the kiosk). `notHeld`: no open claim of that transaction (released
   * already, or its leg has been taken in).
   */
  'collection.release': {
    request: z.object({ transactionId: TransactionId }).strict(),
    reply: z.object({ outcome: z.enum(['released', 'notHeld']) }).strict(),
  },
  /** Gross invoiced this month, for the VAT exemption threshold (docs/tax-rules.md, method step 2). */
  'seller.monthToDate': {
    request: z.object({ taxpayerId: CreditCode, month: Month }).strict(),
    reply: z.object({ grossFen: Fen }).strict(),
  },
  /** Idempotent on transactionId: a retry gets the same order back. */
  'payment.createOrder': {
    request: z.object({ transactionId: MessageId, amountFen: Fen.min(1), description: z.string().min(1).max(100) }).strict(),
    reply: z.object({ orderId: z.string().min(1).max(64), qrPayload: z.string().min(1).max(512), expiresAt: IsoDateTime }).strict(),
  },
  'payment.status': {
    request: z.object({ orderId: z.string().min(1).max(64) }).strict(),
    reply: z.object({ status: PaymentStatus, paidAt: IsoDateTime.nullable() }).strict(),
  },
  /** Cancels a pending order; answers the status afterwards (`paid` when the money came first: then it must not be dropped). */
  'payment.cancel': {
    request: z.object({ orderId: z.string().min(1).max(64) }).strict(),
    reply: z.object({ status: PaymentStatus }).strict(),
  },
  /** Records with from ≤ period ≤ to, ordered by period then date paid. None is an empty list. */
  'iit.records': {
    request: z
      .object({ idNumber: IdNumber, from: Month, to: Month })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to' }),
    reply: z.object({ records: z.array(IitRecord) }).strict(),
  },
  /**
   * Intake of one outbox leg; deduplicated on messageId. `kioskId` is the sending kiosk (the AMQP
   * message's appId): the backend keeps each kiosk's audit chain by it (`audit.entry`).
   */
  'transactions.submit': {
    request: z
      .object({
        messageId: MessageId,
        kind: z
          .string()
          .regex(/^[a-z]+(\.[a-z-]+)*$/)
          .max(64),
        authority: Authority,
        payload: z.unknown(),
        kioskId: KioskId.optional(),
      })
      .strict(),
    reply: z.object({ outcome: z.enum(['accepted', 'duplicate']) }).strict(),
  },
  /**
   * The head of a kiosk's audit chain as the backend holds it (every delivered `audit.entry` that
   * extended it), the backend's hash of entry `seq` when asked, and the latest refusals: an entry
   * that went back (regress), did not follow the held head (fork), left a gap (skip) or did not
   * match its own hash (invalid). `kioskctl audit verify --backend` compares it with the kiosk's.
   */
  'audit.head': {
    request: z.object({ kioskId: KioskId, seq: z.number().int().min(1).optional() }).strict(),
    reply: z
      .object({
        head: z
          .object({ seq: z.number().int().min(1), hash: Sha256, receivedAt: IsoDateTime })
          .strict()
          .nullable(),
        at: z
          .object({ seq: z.number().int().min(1), hash: Sha256 })
          .strict()
          .nullable(),
        anomalies: z
          .array(
            z.object({ kind: AuditAnomalyKind, seq: z.number().int(), expectedSeq: z.number().int(), detail: z.string().max(500), at: IsoDateTime }).strict(),
          )
          .max(50),
      })
      .strict(),
  },
  /**
   * What the backend knows of the certificate printed with this verification
   * code (normalised: capitals, no grouping; its check character right), as a
   * bank or a visa office checks it: the period, the total, when it was issued
   * and the holder's name masked — never the ID number. `notFound` until the
   * certificate's `iit.certificate` leg has been delivered. Certificates whose
   * leg predates the total and the masked name (schema 1) answer them null.
   */
  'certificate.verify': {
    request: z.object({ code: VerificationCode }).strict(),
    reply: z.discriminatedUnion('outcome', [
      z
        .object({
          outcome: z.literal('found'),
          code: VerificationCode,
          from: Month,
          to: Month,
          recordCount: z.number().int().min(0),
          totalFen: Fen.nullable(),
          issuedAt: IsoDateTime,
          holderMaskedName: z.string().max(100).nullable(),
        })
        .strict(),
      z.object({ outcome: z.literal('notFound') }).strict(),
    ]),
  },
  /**
   * What the backend knows of the 纳税信用等级证明 printed with this
   * verification code (normalised): the taxpayer's credit code, the grade,
   * its year and the issue time. `notFound` until the certificate's
   * `credit.certificate` message has been delivered.
   */
  'creditCertificate.verify': {
    request: z.object({ code: CertificateCode }).strict(),
    reply: CreditCertificateVerifyReply,
  },
  /** 纳税信用: the taxpayer's grade and its year, tax paid per year and whether it is in arrears (docs/credit-sharing.md). */
  'credit.facts': {
    request: z.object({ taxpayerId: CreditCode }).strict(),
    reply: CreditFacts,
  },
  /**
   * 银税互动: what the bank answered to a consent the kiosk delivered (its
   * application reference), `unknown` until the consent message has reached it.
   */
  'bank.application': {
    request: z.object({ consentId: ConsentId, bankId: BankId }).strict(),
    reply: BankApplication,
  },
} as const;

export type BackendMethods = typeof backendMethods;
export type BackendMethodName = keyof BackendMethods;
export type BackendRequest<M extends BackendMethodName> = z.input<BackendMethods[M]['request']>;
export type BackendReply<M extends BackendMethodName> = z.output<BackendMethods[M]['reply']>;
export const BACKEND_METHOD_NAMES = Object.keys(backendMethods) as BackendMethodName[];
