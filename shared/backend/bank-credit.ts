import { z } from 'zod';
import { CreditCode, CreditGrade, Fen, IsoDateTime } from './taxpayer';

/**
 * 银税互动: what the kiosk sends to a bank about a taxpayer's tax credit, and
 * only with the taxpayer's consent (docs/credit-sharing.md). The consent
 * message carries exactly what the consent screen listed — grade and year, tax
 * paid per year, arrears yes/no — for this bank, for a loan application, until
 * the expiry; nothing else (no names, no ID numbers, no amounts owed).
 */

/** A bank known to the kiosk, e.g. `icbc-0102` (the branch's bank). */
export const BankId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/)
  .max(32);
export type BankId = z.infer<typeof BankId>;

/** A consent's id: a ULID made by the kiosk (also the bank's key for it). */
export const ConsentId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID');

/** What the consent is for; the only purpose the kiosk offers. */
export const ConsentPurpose = z.literal('loanApplication');

/** The bank's reference of the loan application it opened on the consent. */
export const ApplicationRef = z.string().regex(/^[A-Z0-9-]{6,40}$/);

export const TaxPaidYear = z.object({ year: z.number().int().min(1990).max(2200), fen: Fen }).strict();
export type TaxPaidYear = z.infer<typeof TaxPaidYear>;

/** The credit facts the tax backend holds on a taxpayer (credit.facts). */
export const CreditFacts = z
  .object({
    taxpayerId: CreditCode,
    grade: CreditGrade,
    /** The assessment year the grade is for. */
    year: z.number().int().min(1990).max(2200),
    /** Tax paid per calendar year, newest first, at most the last three years. */
    taxPaidByYear: z.array(TaxPaidYear).max(3),
    arrears: z.boolean(),
  })
  .strict();
export type CreditFacts = z.infer<typeof CreditFacts>;

export const BANK_CONSENT_KIND = 'bank.credit.consent';
export const BANK_REVOKE_KIND = 'bank.credit.revoke';
export const BankMessageKind = z.enum([BANK_CONSENT_KIND, BANK_REVOKE_KIND]);
export type BankMessageKind = z.infer<typeof BankMessageKind>;

export function isBankKind(kind: string): kind is BankMessageKind {
  return BankMessageKind.safeParse(kind).success;
}

/** The consent as the bank receives it: the shared facts, who may use them, for what and until when. */
export const BankConsentMessageV1 = z
  .object({
    schemaVersion: z.literal(1),
    consentId: ConsentId,
    taxpayerId: CreditCode,
    bankId: BankId,
    purpose: ConsentPurpose,
    grade: CreditGrade,
    year: z.number().int().min(1990).max(2200),
    taxPaidByYear: z.array(TaxPaidYear).max(3),
    arrears: z.boolean(),
    grantedAt: IsoDateTime,
    expiresAt: IsoDateTime,
  })
  .strict();
export type BankConsentMessageV1 = z.infer<typeof BankConsentMessageV1>;

/** The taxpayer withdrew the consent: the bank must stop using what it received. No facts in it. */
export const BankRevokeMessageV1 = z
  .object({
    schemaVersion: z.literal(1),
    consentId: ConsentId,
    taxpayerId: CreditCode,
    bankId: BankId,
    revokedAt: IsoDateTime,
  })
  .strict();
export type BankRevokeMessageV1 = z.infer<typeof BankRevokeMessageV1>;

export type BankMessageOf = { [BANK_CONSENT_KIND]: BankConsentMessageV1; [BANK_REVOKE_KIND]: BankRevokeMessageV1 };
export const BANK_MESSAGE_SCHEMAS = { [BANK_CONSENT_KIND]: BankConsentMessageV1, [BANK_REVOKE_KIND]: BankRevokeMessageV1 } as const;

/** The bank's answer about one consent (bank.application). */
export const BankApplication = z.discriminatedUnion('status', [
  /** The consent has not reached the bank yet (still in the kiosk's outbox, or on the queue). */
  z.object({ status: z.literal('unknown') }).strict(),
  z.object({ status: z.literal('received'), applicationRef: ApplicationRef, receivedAt: IsoDateTime }).strict(),
  z.object({ status: z.literal('revoked'), applicationRef: ApplicationRef, revokedAt: IsoDateTime }).strict(),
]);
export type BankApplication = z.infer<typeof BankApplication>;
