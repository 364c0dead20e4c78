import { z } from 'zod';
import { CreditCode, Fen, InvoiceTypeCode, IsoDateTime } from './taxpayer';

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
