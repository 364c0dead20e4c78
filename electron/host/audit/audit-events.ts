import { z } from 'zod';
import { ConfigRefusalReason } from '../../../shared/config/config-bundle';

/**
 * What may be written to the audit trail, kind by kind. Strict shapes with no
 * free-form personal fields: a name or an ID number has nowhere to go. A card
 * appears only masked (`370102********1234`), a person through the visit's
 * session id. Free-text `detail` fields are short codes or sentences made by
 * the kiosk, and the log refuses any that contains something shaped like an
 * ID number (audit-log.ts).
 */
const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const code = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,63}$/);
const detail = z.string().max(500);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** At most 6 leading and 4 trailing characters kept, the rest stars: never a whole number. */
const maskedId = z.string().regex(/^[0-9A-Za-z]{0,6}\*{4,}[0-9A-Za-z]{0,4}$/);
const service = z.enum(['invoiceCollection', 'invoiceIssue', 'iitCertificate']);

export const AuditEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('session.start'), data: z.strictObject({ sessionId: ulid, cardType: code, maskedId }) }),
  z.strictObject({ kind: z.literal('session.end'), data: z.strictObject({ sessionId: ulid, reason: code }) }),
  z.strictObject({ kind: z.literal('card.rejected'), data: z.strictObject({ cardType: code.nullable(), rejection: code }) }),
  /** A taxpayer's request refused by a service (audit-refusals.ts): the contract method and the refusal's reason code. */
  z.strictObject({ kind: z.literal('service.refused'), data: z.strictObject({ method: code, reason: code }) }),
  z.strictObject({
    kind: z.literal('transaction.step'),
    data: z.strictObject({ transactionId: ulid, service, step: code, detail: detail.optional() }),
  }),
  z.strictObject({
    kind: z.literal('print'),
    data: z.strictObject({
      printer: z.enum(['receipt', 'invoice', 'a4']),
      document: code,
      transactionId: ulid.nullable(),
      ok: z.boolean(),
      detail: detail.optional(),
    }),
  }),
  z.strictObject({ kind: z.literal('device.fault'), data: z.strictObject({ device: code, fault: code, detail: detail.optional() }) }),
  z.strictObject({
    kind: z.literal('config.applied'),
    data: z.strictObject({ version: z.number().int().min(1), hash: sha256, keyId: z.string().regex(/^[0-9a-f]{16}$/), source: code, sections: z.array(code) }),
  }),
  z.strictObject({
    kind: z.literal('config.refused'),
    data: z.strictObject({ version: z.number().int().nullable(), hash: sha256, reason: ConfigRefusalReason, detail, source: code }),
  }),
  /** 公开信息 content bundles (electron/host/content): accepted, or refused with the reason (the previous content stays). */
  z.strictObject({
    kind: z.literal('content.applied'),
    data: z.strictObject({
      version: z.number().int().min(1),
      hash: sha256,
      keyId: z.string().regex(/^[0-9a-f]{16}$/),
      source: code,
      effectiveFrom: z.string().max(40),
    }),
  }),
  z.strictObject({
    kind: z.literal('content.refused'),
    data: z.strictObject({ version: z.number().int().nullable(), hash: sha256, reason: ConfigRefusalReason, detail, source: code }),
  }),
  z.strictObject({ kind: z.literal('diagnostics.enter'), data: z.strictObject({ via: code }) }),
  z.strictObject({ kind: z.literal('diagnostics.pinRefused'), data: z.strictObject({ triesLeft: z.number().int().min(0) }) }),
  z.strictObject({ kind: z.literal('diagnostics.locked'), data: z.strictObject({ until: z.string().datetime() }) }),
  z.strictObject({ kind: z.literal('diagnostics.exit'), data: z.strictObject({ reason: code }) }),
  /** A technician's action that changes something or puts paper out (test print, calibration, stock, config). */
  z.strictObject({ kind: z.literal('diagnostics.action'), data: z.strictObject({ action: code, ok: z.boolean(), detail: detail.optional() }) }),
  /**
   * 银税互动 (docs/credit-sharing.md): a consent granted or revoked at the kiosk, and the bank's
   * answer. The taxpayer only masked, the bank by id; the facts shared are not repeated here.
   */
  z.strictObject({
    kind: z.literal('credit.consent'),
    data: z.strictObject({
      consentId: ulid,
      step: z.enum(['granted', 'revoked', 'bankAnswered']),
      maskedTaxpayer: maskedId,
      bankId: code,
      sessionId: ulid.nullable(),
    }),
  }),
  /**
   * 纳税信用等级证明 (docs/credit-sharing.md): `issued` when its verification code is registered
   * (with its outbox message, in one SQLite transaction), then `printed` or `printFailed`. The
   * taxpayer only masked; the code is not repeated (whoever holds it can verify the certificate).
   */
  z.strictObject({
    kind: z.literal('credit.certificate'),
    data: z.strictObject({
      outboxId: ulid,
      step: z.enum(['issued', 'printed', 'printFailed']),
      maskedTaxpayer: maskedId,
      grade: z.enum(['A', 'B', 'M', 'C', 'D']),
      year: z.number().int(),
      sessionId: ulid.nullable(),
    }),
  }),
  z.strictObject({
    kind: z.literal('stock.loaded'),
    data: z.strictObject({ type: code, code: z.string().regex(/^\d{10,12}$/), first: z.string(), last: z.string() }),
  }),
]);
export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditKind = AuditEvent['kind'];
