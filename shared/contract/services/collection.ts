import { z } from 'zod';
import { CollectRefusal } from '../../backend/methods';
import { CreditCode, InvoiceTypeCode } from '../../backend/taxpayer';
import { PrinterFault } from '../../domain/device-status';

/**
 * Invoice collection (发票领用) as the renderer sees it. The host checks the
 * person behind every call against the active visit: a taxpayer id the
 * person may not act for is refused, never trusted from the screen.
 */

/** A taxpayer the person at the kiosk may act for, as shown on screen (business data, no ID number). */
export const TaxpayerChoice = z.object({
  id: CreditCode,
  name: z.string(),
  /** `naturalPerson`: the person themselves, issuing on their own behalf (发票代开 only, never collection). */
  kind: z.enum(['individual', 'enterprise', 'naturalPerson']),
  /** True when the person is a registered 办税人, not the owner. */
  asAgent: z.boolean(),
});
export type TaxpayerChoice = z.infer<typeof TaxpayerChoice>;

export const InvoiceTypeOption = z.object({
  code: InvoiceTypeCode,
  name: z.string(),
  /** What the month's quota still allows. */
  quotaRemaining: z.number().int().min(0),
  /** Forms of this type loaded in this kiosk. */
  stockRemaining: z.number().int().min(0),
  /** The most the taxpayer can take now: min(quota, stock, config limit). 0 = cannot collect now. */
  maxQuantity: z.number().int().min(0),
});
export type InvoiceTypeOption = z.infer<typeof InvoiceTypeOption>;

/** Every reason a collection is refused, each with a catalogue text saying what to do next. */
export const CollectionRefusal = z.union([
  CollectRefusal,
  z.object({ reason: z.literal('noStock'), invoiceType: InvoiceTypeCode, remaining: z.number().int().min(0) }).strict(),
  z.object({ reason: z.literal('pickupNotFound') }).strict(),
  z.object({ reason: z.literal('pickupAlreadyCollected'), collectedAt: z.string() }).strict(),
  z.object({ reason: z.literal('pickupOtherPerson') }).strict(),
  z.object({ reason: z.literal('backendUnreachable') }).strict(),
  z.object({ reason: z.literal('printerNotReady'), printer: z.enum(['invoice', 'receipt']), fault: PrinterFault }).strict(),
]);
export type CollectionRefusal = z.infer<typeof CollectionRefusal>;

export const CollectionRequest = z.union([
  z.object({ taxpayerId: CreditCode, invoiceType: InvoiceTypeCode, quantity: z.number().int().min(1).max(100) }).strict(),
  z.object({ pickupCode: z.string().regex(/^[0-9A-Z]{6,12}$/) }).strict(),
]);
export type CollectionRequest = z.infer<typeof CollectionRequest>;

export const CollectionResult = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('completed'),
      transactionId: z.string(),
      invoiceType: InvoiceTypeCode,
      invoiceTypeName: z.string(),
      code: z.string(),
      first: z.string(),
      last: z.string(),
      quantity: z.number().int().min(1),
      /** Whose invoices came out, as screens show it (a person's name masked, a business's in full). */
      taxpayerName: z.string(),
      /** False when the forms came out but the receipt could not be printed (the screen says so). */
      receiptPrinted: z.boolean(),
    })
    .strict(),
  z.object({ outcome: z.literal('refused'), refusal: CollectionRefusal }).strict(),
  /**
   * The forms did not (all) come out. `formsOut` says how many left the
   * printer; the transaction is kept for staff to finish (needs attention).
   */
  z
    .object({
      outcome: z.literal('failed'),
      transactionId: z.string().nullable(),
      formsOut: z.number().int().min(0),
      fault: PrinterFault.nullable(),
    })
    .strict(),
]);
export type CollectionResult = z.infer<typeof CollectionResult>;

/** What a 取票码 will dispense, shown on one screen before anything comes out (确认 / 返回). */
export const PickupPreview = z
  .object({
    code: z.string(),
    /** As screens show it (a person's name masked, a business's in full). */
    taxpayerName: z.string(),
    invoiceType: InvoiceTypeCode,
    invoiceTypeName: z.string(),
    quantity: z.number().int().min(1),
  })
  .strict();
export type PickupPreview = z.infer<typeof PickupPreview>;

export const collectionMethods = {
  /** The taxpayers the person on the card may act for. */
  'taxpayers.list': {
    request: z.object({}).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('ok'), taxpayers: z.array(TaxpayerChoice) }).strict(),
      z.object({ outcome: z.literal('backendUnreachable') }).strict(),
    ]),
  },
  /** What this taxpayer may collect now, or why not. */
  'collection.options': {
    request: z.object({ taxpayerId: CreditCode }).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('ok'), types: z.array(InvoiceTypeOption) }).strict(),
      z.object({ outcome: z.literal('refused'), refusal: CollectionRefusal }).strict(),
    ]),
  },
  /** What a 取票码 would dispense (taxpayer, type, count), or why it cannot: nothing is held or allocated yet. */
  'collection.pickup': {
    request: z.object({ pickupCode: z.string().regex(/^[0-9A-Z]{6,12}$/) }).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('found'), pickup: PickupPreview }).strict(),
      z.object({ outcome: z.literal('refused'), refusal: CollectionRefusal }).strict(),
    ]),
  },
  /** Checks eligibility again, allocates the range, feeds the forms, prints the receipt. Resolves when done. */
  'collection.collect': { request: CollectionRequest, result: CollectionResult },
} as const;
