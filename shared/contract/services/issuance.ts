import { z } from 'zod';
import { CreditCode } from '../../backend/taxpayer';
import { PrinterFault } from '../../domain/device-status';
import { INVOICE_MAX_ITEMS } from '../../domain/invoice-form';
import type { TaxRefusalReason } from '../../domain/tax/refusal';
import { TaxpayerChoice } from './collection';

/**
 * Invoice issued on behalf (发票代开) as the renderer sees it. The screen only
 * proposes: the host takes the seller from the person on the card, validates
 * the buyer and the lines again, works the tax out itself from the active
 * config, and never trusts an amount it did not compute.
 *
 * Money is integer fen, rates basis points. Only masked personal data comes
 * back: an individual buyer's name is masked in every result.
 */

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const bp = z.number().int().min(0).max(10_000);
/** Quantities and unit prices stay decimal strings, multiplied exactly by the host (never as floats). */
const decimalString = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/);

/** The buyer (购买方): a company with its 18-character code, or an individual (自然人) without one. */
export const BuyerInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('company'),
      name: z.string().trim().min(1).max(100),
      /** Shape only here; the GB 32100 check is the host's, answered as a refusal the screen can explain. */
      taxId: z.string().regex(/^[0-9A-Z]{18}$/),
    })
    .strict(),
  z.object({ kind: z.literal('individual'), name: z.string().trim().min(1).max(100) }).strict(),
]);
export type BuyerInput = z.infer<typeof BuyerInput>;

/** One invoice line, tax included (what the buyer pays for it). */
export const LineInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    unit: z.string().trim().max(10).optional(),
    quantity: decimalString.optional(),
    unitPrice: decimalString.optional(),
    amountFen: fen,
  })
  .strict();
export type LineInput = z.infer<typeof LineInput>;

export const IssueDraft = z
  .object({
    taxpayerId: CreditCode,
    buyer: BuyerInput,
    lines: z.array(LineInput).min(1).max(INVOICE_MAX_ITEMS),
  })
  .strict();
export type IssueDraft = z.infer<typeof IssueDraft>;

const TaxLineView = z
  .object({
    kind: z.enum(['vat', 'urbanMaintenance', 'education', 'localEducation', 'iit']),
    baseFen: fen,
    rateBp: bp,
    /** Share taken off (六税两费减半), bp. */
    reductionBp: bp,
    amountFen: fen,
  })
  .strict();
export type TaxLineView = z.infer<typeof TaxLineView>;

/** The tax on the invoice split by authority, as the taxpayer sees it before paying. */
export const QuoteView = z
  .object({
    grossFen: fen,
    netFen: fen,
    exempt: z.boolean(),
    levyRateBp: bp,
    national: z.object({ totalFen: fen, lines: z.array(TaxLineView) }).strict(),
    local: z.object({ totalFen: fen, lines: z.array(TaxLineView) }).strict(),
    /** What the taxpayer pays at the kiosk: national + local. May be 0 (exempt, no IIT). */
    payableFen: fen,
  })
  .strict();
export type QuoteView = z.infer<typeof QuoteView>;

const taxRefusals = [
  z.object({ reason: z.literal('sellerHasArrears'), arrearsFen: fen }).strict(),
  z.object({ reason: z.literal('sellerCreditGradeBlocked'), grade: z.enum(['A', 'B', 'M', 'C', 'D']) }).strict(),
  z.object({ reason: z.literal('buyerTaxIdInvalid') }).strict(),
  z.object({ reason: z.literal('grossNotPositive'), grossFen: z.number().int() }).strict(),
  z.object({ reason: z.literal('grossOverLimit'), grossFen: fen, limitFen: fen }).strict(),
  z.object({ reason: z.literal('lineAmountMismatch'), lineIndex: z.number().int().min(0), amountFen: fen, expectedFen: fen.nullable() }).strict(),
  z.object({ reason: z.literal('tooManyLines'), lines: z.number().int().min(0), maxLines: z.number().int().min(1) }).strict(),
] as const;

/** Every reason an issue is refused; each has a catalogue text saying what happened and what to do next. */
export const IssuanceRefusal = z.discriminatedUnion('reason', [
  ...taxRefusals,
  z.object({ reason: z.literal('notRegistered'), registration: z.enum(['suspended', 'deregistered']) }).strict(),
  z.object({ reason: z.literal('noStock') }).strict(),
  z.object({ reason: z.literal('backendUnreachable') }).strict(),
  z.object({ reason: z.literal('printerNotReady'), printer: z.enum(['invoice', 'receipt']), fault: PrinterFault }).strict(),
]);
export type IssuanceRefusal = z.infer<typeof IssuanceRefusal>;
// Every refusal of the tax method has a contract form (a new one fails to compile here).
const _coversTaxRefusals: TaxRefusalReason extends IssuanceRefusal['reason'] ? true : never = true;
void _coversTaxRefusals;

/** A QR code as its module matrix (computed by the host): `rows[r][c] === '1'` is dark. */
export const QrMatrix = z
  .object({
    size: z.number().int().min(21).max(177),
    rows: z
      .array(z.string().regex(/^[01]+$/))
      .min(21)
      .max(177),
  })
  .strict()
  .refine((m) => m.rows.length === m.size && m.rows.every((r) => r.length === m.size), { message: 'rows must be size × size' });
export type QrMatrix = z.infer<typeof QrMatrix>;

export const PaymentView = z
  .object({
    transactionId: z.string(),
    orderId: z.string(),
    amountFen: fen.min(1),
    qr: QrMatrix,
    expiresAt: z.string(),
  })
  .strict();
export type PaymentView = z.infer<typeof PaymentView>;

/** A paid-for (or still payable) issue of this person that a new visit can finish. */
export const UnfinishedIssue = z
  .object({
    transactionId: z.string(),
    stage: z.enum(['awaitingPayment', 'paid']),
    sellerName: z.string(),
    grossFen: fen,
    payableFen: fen,
    createdAt: z.string(),
  })
  .strict();
export type UnfinishedIssue = z.infer<typeof UnfinishedIssue>;

/** What the screen shows of a transaction ready to print. */
export const PaidIssue = z.object({ transactionId: z.string(), sellerName: z.string(), buyerName: z.string(), grossFen: fen, paidFen: fen }).strict();
export type PaidIssue = z.infer<typeof PaidIssue>;

const Refused = z.object({ outcome: z.literal('refused'), refusal: IssuanceRefusal }).strict();

export const PayResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('awaitingPayment'), payment: PaymentView }).strict(),
  /** Nothing to pay (exempt and no IIT): straight on to printing. */
  z.object({ outcome: z.literal('paid'), paid: PaidIssue }).strict(),
  Refused,
]);
export type PayResult = z.infer<typeof PayResult>;

export const PrintResult = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('completed'),
      transactionId: z.string(),
      invoiceCode: z.string(),
      invoiceNumber: z.string(),
      grossFen: fen,
      nationalFen: fen,
      localFen: fen,
      /** False when the invoice came out but the receipt did not (the screen says so). */
      receiptPrinted: z.boolean(),
    })
    .strict(),
  /** The printer refused before printing anything: the payment is kept, "print again" once it is fixed. */
  z.object({ outcome: z.literal('printerNotReady'), transactionId: z.string(), fault: PrinterFault }).strict(),
  /** No form of the right type left: paid and kept; staff load forms, then it prints. */
  z.object({ outcome: z.literal('noStock'), transactionId: z.string() }).strict(),
  /** Something may be on paper: never printed blindly again; staff finish it. */
  z.object({ outcome: z.literal('needsAttention'), transactionId: z.string() }).strict(),
]);
export type PrintResult = z.infer<typeof PrintResult>;

const TransactionRef = z.object({ transactionId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) }).strict();

export const issuanceMethods = {
  /** Who the person may issue for, the limits of one invoice, and anything of theirs left unfinished. */
  'issuance.begin': {
    request: z.object({}).strict(),
    result: z.discriminatedUnion('outcome', [
      z
        .object({
          outcome: z.literal('ok'),
          sellers: z.array(TaxpayerChoice),
          unfinished: z.array(UnfinishedIssue),
          maxLines: z.number().int().min(1).max(INVOICE_MAX_ITEMS),
          limitFen: fen,
        })
        .strict(),
      z.object({ outcome: z.literal('backendUnreachable') }).strict(),
    ]),
  },
  /** May this seller issue now (registration, arrears, credit grade, stock, printer)? Asked before any typing. */
  'issuance.seller': {
    request: z.object({ taxpayerId: CreditCode }).strict(),
    result: z.discriminatedUnion('outcome', [z.object({ outcome: z.literal('ok') }).strict(), Refused]),
  },
  /** The tax on a draft, split by authority. Stores nothing. */
  'issuance.quote': {
    request: IssueDraft,
    result: z.discriminatedUnion('outcome', [z.object({ outcome: z.literal('ok'), quote: QuoteView }).strict(), Refused]),
  },
  /** Checks everything again, stores the transaction and opens a payment order (idempotent on the transaction). */
  'issuance.pay': { request: IssueDraft, result: PayResult },
  /** Asks the backend; `paid` moves the transaction on. `unknown`: the backend did not answer, keep waiting. */
  'issuance.paymentStatus': {
    request: TransactionRef,
    result: z.object({ status: z.enum(['pending', 'paid', 'expired', 'cancelled', 'unknown']), paid: PaidIssue.nullable() }).strict(),
  },
  /** Cancels the order. `paid`: the money came first — go on and print; `unknown`: could not cancel now. */
  'issuance.cancel': {
    request: TransactionRef,
    result: z.object({ status: z.enum(['cancelled', 'expired', 'paid', 'unknown']), paid: PaidIssue.nullable() }).strict(),
  },
  /** Picks up an unfinished issue of this person: its payment again, or ready to print. */
  'issuance.resume': { request: TransactionRef, result: PayResult },
  /** Prints the invoice of a paid transaction, then the receipt. Never prints one transaction twice. */
  'issuance.print': { request: TransactionRef, result: PrintResult },
} as const;
