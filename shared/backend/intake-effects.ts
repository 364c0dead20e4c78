import { z } from 'zod';
import { CreditCode, Fen, InvoiceTypeCode, IsoDateTime, Month } from './taxpayer';

/**
 * The transaction payloads whose effects the sandbox backend applies on intake
 * (besides recording every accepted message). Extra fields are allowed: the
 * kiosk's transaction records carry more than the backend needs here. A payload
 * of another kind, or one that does not match, is recorded without an effect.
 */

/** `invoice.collect` (national leg): counts against the month's quota; closes a pickup code. */
export const CollectPayload = z.object({
  taxpayerId: CreditCode,
  invoiceType: InvoiceTypeCode,
  quantity: z.number().int().min(1),
  pickupCode: z.string().optional(),
});
export type CollectPayload = z.infer<typeof CollectPayload>;

/** `invoice.issue` (national leg): adds the gross to the seller's month-to-date. */
export const IssuePayload = z.object({
  sellerTaxpayerId: CreditCode,
  grossFen: Fen,
  issuedAt: IsoDateTime,
});
export type IssuePayload = z.infer<typeof IssuePayload>;

/**
 * The kiosk's own outbox legs (electron/host/transactions/outbox-payloads.ts),
 * as they arrive over AMQP: the backend understands these as they are, so a
 * kiosk needs no second payload version for the sandbox. Only the fields the
 * effect needs; the leg's `transactionId` is a ULID whose time part says when
 * the transaction happened (the month it counts in, even if delivered later).
 */
const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/**
 * `invoice.collection` (national): counts against the taxpayer's quota, and
 * closes the 取票码 it carries (schema version 2 of the leg; version 1 has none).
 */
export const KioskCollectionLeg = z.object({
  transactionId: Ulid,
  taxpayerId: CreditCode.nullable(),
  invoiceType: InvoiceTypeCode,
  quantity: z.number().int().min(1),
  pickupCode: z
    .string()
    .regex(/^[0-9A-Z]{6,12}$/)
    .nullable()
    .optional(),
});
export type KioskCollectionLeg = z.infer<typeof KioskCollectionLeg>;

/** `invoice.issue` (the national leg counts; the local leg carries the same gross and is recorded only). */
export const KioskIssueLeg = z.object({
  transactionId: Ulid,
  taxpayerId: CreditCode,
  grossFen: Fen,
});
export type KioskIssueLeg = z.infer<typeof KioskIssueLeg>;

/**
 * `iit.certificate` (local): the backend keeps what it needs to answer
 * `certificate.verify`. Schema 2 carries the total, the issue time and the
 * holder's name masked; schema 1 (older kiosks) only the period and the count.
 */
export const KioskCertificateLeg = z.discriminatedUnion('schemaVersion', [
  z.object({ schemaVersion: z.literal(1), transactionId: Ulid, from: Month, to: Month, recordCount: z.number().int().min(0), verificationCode: z.string() }),
  z.object({
    schemaVersion: z.literal(2),
    transactionId: Ulid,
    from: Month,
    to: Month,
    recordCount: z.number().int().min(0),
    totalFen: Fen,
    issuedAt: IsoDateTime,
    holderMaskedName: z.string().max(100),
    verificationCode: z.string(),
  }),
]);
export type KioskCertificateLeg = z.infer<typeof KioskCertificateLeg>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The creation time a ULID carries in its first 10 characters (48-bit ms). */
export function ulidTime(ulid: string): Date {
  let ms = 0;
  for (const char of ulid.slice(0, 10)) ms = ms * 32 + CROCKFORD.indexOf(char);
  return new Date(ms);
}
