import { z } from 'zod';
import { isValidVerificationCode } from '../domain/verification-code';
import { CreditCode, CreditGrade, IsoDateTime } from './taxpayer';

/**
 * 纳税信用等级证明 (docs/credit-sharing.md "The credit certificate"): what the
 * tax authority keeps of each printed certificate so that whoever holds its
 * verification code (a bank clerk, from the page or its QR code) can check
 * it: the taxpayer's credit code, the grade and its year, when it was issued.
 * A credit code is a business's public identifier (it is on its business
 * licence); no person's name or ID number is sent or answered.
 */

/** Outbox kind of the kiosk's message (a row of the kiosk itself: routing key `national.credit.certificate`). */
export const CREDIT_CERTIFICATE_KIND = 'credit.certificate';

/** Normalised: 17 characters, capitals, no grouping, its check character right. */
export const CertificateCode = z.string().refine(isValidVerificationCode, 'a verification code (17 characters, its check character right)');

export const CreditCertificateMessageV1 = z.strictObject({
  schemaVersion: z.literal(1),
  verificationCode: CertificateCode,
  taxpayerId: CreditCode,
  grade: CreditGrade,
  year: z.number().int().min(1990).max(2200),
  issuedAt: IsoDateTime,
});
export type CreditCertificateMessageV1 = z.infer<typeof CreditCertificateMessageV1>;

/** The answer to `creditCertificate.verify`. */
export const CreditCertificateVerifyReply = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('found'),
      code: CertificateCode,
      taxpayerId: CreditCode,
      grade: CreditGrade,
      year: z.number().int(),
      issuedAt: IsoDateTime,
    })
    .strict(),
  z.object({ outcome: z.literal('notFound') }).strict(),
]);
export type CreditCertificateVerifyReply = z.infer<typeof CreditCertificateVerifyReply>;
