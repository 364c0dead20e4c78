import { z } from 'zod';
import { InvoiceItem } from '../../../shared/domain/invoice-form';

/**
 * JSON stored in `transactions.payload` and `outbox.payload` (migration 3).
 * Every shape carries `schemaVersion`: a row written by an older kiosk build
 * must still be read (and delivered) after an update, so a change of shape is
 * a new version next to the old one, never an edit. Shapes are strict: an
 * unexpected field (a name, an ID number) is refused, not silently stored.
 *
 * No personal data here: the person's ID number sits encrypted in its column,
 * and the delivery loop (sync issue) adds what the backend needs at publish time.
 */
export const Authority = z.enum(['national', 'local']);
export type Authority = z.infer<typeof Authority>;

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID');
const invoiceType = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,31}$/, 'an invoice type id');
const invoiceCode = z.string().regex(/^(\d{10}|\d{12})$/, '10 or 12 digits');
const invoiceNumber = z.string().regex(/^\d{8}$/, '8 digits');
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const taxId = z.string().regex(/^[0-9A-Z]{15,20}$/);

export const NumberRange = z.strictObject({ code: invoiceCode, first: invoiceNumber, last: invoiceNumber });
export type NumberRange = z.infer<typeof NumberRange>;

// ---- transactions.payload, per kind -------------------------------------------------

export const InvoiceCollectionPayloadV1 = z.strictObject({
  schemaVersion: z.literal(1),
  invoiceType,
  quantity: z.number().int().min(1).max(1000),
  /** 取票码 for an online application; null when the taxpayer chose the quantity here. */
  pickupCode: z
    .string()
    .regex(/^[0-9A-Z]{4,32}$/)
    .nullable(),
  allocation: NumberRange.extend({ allocationId: ulid }).nullable(),
});

/** Tax lines per authority follow docs/tax-rules.md; amounts in fen. */
export const TaxQuoteV1 = z.strictObject({
  grossFen: fen,
  netFen: fen,
  vatFen: fen,
  urbanFen: fen,
  educationFen: fen,
  localEducationFen: fen,
  iitFen: fen,
  exempt: z.boolean(),
});

export const InvoiceIssuePayloadV1 = z.strictObject({
  schemaVersion: z.literal(1),
  invoiceType,
  /** Null for an individual buyer; the buyer's name, if needed again, is in the sealed (encrypted) column. */
  buyerTaxId: taxId.nullable(),
  items: z.array(InvoiceItem).min(1).max(8),
  quote: TaxQuoteV1,
  paymentOrderId: z.string().min(1).max(64).nullable(),
  invoice: z.strictObject({ code: invoiceCode, number: invoiceNumber }).nullable(),
});

/**
 * V2 of the issue payload: the invoice number carries the stock allocation it
 * came from (so a retry, the receipt and recovery find it without a search),
 * and the payment order's expiry is kept so a resumed visit can say when the
 * QR code stops working. Buyer and seller names stay in the sealed column.
 */
export const InvoiceIssuePayloadV2 = z.strictObject({
  schemaVersion: z.literal(2),
  invoiceType,
  buyerTaxId: taxId.nullable(),
  items: z.array(InvoiceItem).min(1).max(8),
  quote: TaxQuoteV1,
  /** The levy rate the quote used (bp), printed per line; the exemption prints 免税. */
  levyRateBp: z.number().int().min(0).max(10_000),
  /**
   * Who sold (docs/tax-rules.md, "Seller kinds"): an enterprise's receipt and
   * local leg carry no IIT line. Absent in issues stored before the kind was
   * known: those carry the IIT line they were quoted with.
   */
  sellerKind: z.enum(['enterprise', 'individualBusiness', 'naturalPerson']).optional(),
  payment: z
    .strictObject({ orderId: z.string().min(1).max(64), expiresAt: z.string().min(1).max(40), paidAt: z.string().min(1).max(40).nullable() })
    .nullable(),
  invoice: z.strictObject({ code: invoiceCode, number: invoiceNumber, allocationId: ulid, issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).nullable(),
});

export const IitCertificatePayloadV1 = z.strictObject({
  schemaVersion: z.literal(1),
  from: yearMonth,
  to: yearMonth,
  recordCount: z.number().int().min(0),
  totalFen: fen,
  /** Verification code printed on the certificate (with its check character). */
  verificationCode: z
    .string()
    .regex(/^[0-9A-Z]{8,32}$/)
    .nullable(),
});

export const TransactionPayload = {
  invoiceCollection: InvoiceCollectionPayloadV1,
  invoiceIssue: z.union([InvoiceIssuePayloadV1, InvoiceIssuePayloadV2]),
  iitCertificate: IitCertificatePayloadV1,
} as const;
export type TransactionPayloadOf = {
  invoiceCollection: z.infer<typeof InvoiceCollectionPayloadV1>;
  invoiceIssue: z.infer<typeof InvoiceIssuePayloadV1> | z.infer<typeof InvoiceIssuePayloadV2>;
  iitCertificate: z.infer<typeof IitCertificatePayloadV1>;
};

// ---- outbox.payload, per message kind -------------------------------------------------
// The store adds `transactionId` (it owns the id); callers give the rest.

const NationalLine = z.strictObject({ item: z.literal('vat'), fen });
const LocalLine = z.strictObject({ item: z.enum(['urbanMaintenance', 'education', 'localEducation', 'iit']), fen });

const collectionMessage = z.strictObject({
  schemaVersion: z.literal(1),
  taxpayerId: taxId.nullable(),
  invoiceType,
  range: NumberRange,
  quantity: z.number().int().min(1),
});
/**
 * V2 of the collection leg: the 取票码 it dispensed (null when the taxpayer
 * chose the quantity), so the backend closes the code on intake
 * (docs/collection.md "Claims").
 */
const collectionMessageV2 = z.strictObject({
  schemaVersion: z.literal(2),
  taxpayerId: taxId.nullable(),
  invoiceType,
  range: NumberRange,
  quantity: z.number().int().min(1),
  pickupCode: z
    .string()
    .regex(/^[0-9A-Z]{6,12}$/)
    .nullable(),
});
const issueMessage = z.strictObject({
  schemaVersion: z.literal(1),
  taxpayerId: taxId,
  invoice: z.strictObject({ code: invoiceCode, number: invoiceNumber }).nullable(),
  grossFen: fen,
  exempt: z.boolean(),
  lines: z.array(z.union([NationalLine, LocalLine])).min(1),
});
const certificateMessage = z.strictObject({
  schemaVersion: z.literal(1),
  from: yearMonth,
  to: yearMonth,
  recordCount: z.number().int().min(0),
  verificationCode: z.string().regex(/^[0-9A-Z]{8,32}$/),
});
/**
 * Schema 2 adds what the backend answers to `certificate.verify`: the total,
 * the issue time, and the holder's name masked (never in full, never the ID
 * number: the answer goes to whoever holds the code).
 */
const certificateMessageV2 = z.strictObject({
  schemaVersion: z.literal(2),
  from: yearMonth,
  to: yearMonth,
  recordCount: z.number().int().min(0),
  totalFen: fen,
  issuedAt: z.string().datetime({ offset: true }),
  holderMaskedName: z.string().max(100),
  verificationCode: z.string().regex(/^[0-9A-Z]{8,32}$/),
});

/** One leg = one message to one authority (docs/sync.md: legs share a transaction_id). */
export const OutboxLeg = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('invoice.collection'), authority: z.literal('national'), payload: z.union([collectionMessage, collectionMessageV2]) }),
    z.strictObject({ kind: z.literal('invoice.issue'), authority: Authority, payload: issueMessage }),
    z.strictObject({ kind: z.literal('iit.certificate'), authority: z.literal('local'), payload: z.union([certificateMessage, certificateMessageV2]) }),
  ])
  .superRefine((leg, ctx) => {
    // VAT is the national authority's; surcharges and IIT the local one's (docs/tax-rules.md).
    if (leg.kind !== 'invoice.issue') return;
    const wrong = leg.payload.lines.filter((l) => (l.item === 'vat') !== (leg.authority === 'national'));
    if (wrong.length > 0)
      ctx.addIssue({ code: 'custom', message: `lines ${wrong.map((l) => l.item).join(', ')} do not belong to the ${leg.authority} authority` });
  });
export type OutboxLeg = z.infer<typeof OutboxLeg>;
export type OutboxKind = OutboxLeg['kind'];

/** What a stored outbox payload is: the leg's payload plus the transaction id. */
export const StoredOutboxPayload = z.union([
  collectionMessage.extend({ transactionId: ulid }),
  collectionMessageV2.extend({ transactionId: ulid }),
  issueMessage.extend({ transactionId: ulid }),
  certificateMessage.extend({ transactionId: ulid }),
  certificateMessageV2.extend({ transactionId: ulid }),
]);
export type StoredOutboxPayload = z.infer<typeof StoredOutboxPayload>;
