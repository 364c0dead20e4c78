import { z } from 'zod';
import type { ConfigRefusalReason } from '../config/config-bundle';

/**
 * Machine codes the console server sends beside its English texts, so the
 * page can say them in the reader's language (docs/console.md "Codes").
 * The English texts stay for scripts; a code the page does not know falls
 * back to them. Every code here has an entry in both console catalogues
 * (test/unit/console/console-codes.test.ts).
 */

/** `code` of an `{ error, code, params }` answer. */
export const ApiErrorCode = z.enum([
  /** 400: a body, query or value not accepted; params.detail is the server's English. */
  'invalidRequest',
  /** 400: the uploaded bundle does not verify; params.reason. */
  'bundleUnverified',
  /** 401: no session or token. */
  'unauthenticated',
  'invalidToken',
  'wrongLogin',
  /** 403: params.role, the role needed. */
  'forbidden',
  'csrf',
  /** 404: params.detail. */
  'notFound',
  'methodNotAllowed',
  /** 409: the state does not allow it (an acknowledged alert, a running rollout); params.detail. */
  'conflict',
  /** 413: params.bytes. */
  'tooLarge',
  'unsupportedType',
  /** 429: params.seconds. */
  'throttled',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ApiErrorParams = z.infer<typeof ApiErrorParams>;

/** The code an error answer has when the server names none more precise. */
export function errorCodeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 405:
      return 'methodNotAllowed';
    case 409:
      return 'conflict';
    case 413:
      return 'tooLarge';
    case 415:
      return 'unsupportedType';
    case 429:
      return 'throttled';
    default:
      return status >= 500 ? 'internal' : 'invalidRequest';
  }
}

/**
 * A kiosk's config refusal reasons (shared/config/config-bundle.ts
 * ConfigRefusalReason), listed here so the page need not bundle the config
 * schemas; the type check below and a unit test keep the two lists equal.
 */
export const CONFIG_REFUSAL_CODES = [
  'malformed',
  'unknownKey',
  'badSignature',
  'schema',
  'wrongTarget',
  'expired',
  'rollback',
  'stockRefused',
] as const satisfies readonly ConfigRefusalReason[];
type MissingRefusalCode = Exclude<ConfigRefusalReason, (typeof CONFIG_REFUSAL_CODES)[number]>;
const everyRefusalCodeListed: [MissingRefusalCode] extends [never] ? true : MissingRefusalCode = true;
void everyRefusalCodeListed;

/** A refusal code, or `other` for a text that starts with none (an older kiosk, a hand-made heartbeat). */
export const RefusalCode = z.enum([...CONFIG_REFUSAL_CODES, 'other']);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** The code at the start of a kiosk's refusal text (`badSignature: …`, as last-config-refusal.ts writes it). */
export function refusalCodeOf(text: string | null): RefusalCode | null {
  if (text === null) return null;
  const head = /^(\w+)(?::|$)/.exec(text)?.[1];
  const known = RefusalCode.safeParse(head);
  return known.success && known.data !== 'other' ? known.data : 'other';
}

/**
 * Why a rollout stopped, part by part (Rollout.haltDetail): the halt text
 * `wave 1 of 4: KIOSK-0003 refused: …; 3 of 20 kiosks silent …` as data.
 * `other` is a reason stored before codes existed, with its stored text.
 */
export const HaltPart = z.discriminatedUnion('code', [
  z.strictObject({
    code: z.literal('kioskRefused'),
    wave: z.number().int().min(1),
    waves: z.number().int().min(1),
    kioskId: z.string(),
    reason: RefusalCode,
    /** The kiosk's own text, as its heartbeat sent it; null when it gave none. */
    detail: z.string().nullable(),
  }),
  z.strictObject({ code: z.literal('moreRefused'), wave: z.number().int().min(1), waves: z.number().int().min(1), count: z.number().int().min(1) }),
  z.strictObject({
    code: z.literal('tooManySilent'),
    wave: z.number().int().min(1),
    waves: z.number().int().min(1),
    silent: z.number().int().min(0),
    total: z.number().int().min(0),
    afterSeconds: z.number().int().min(0),
    limitPercent: z.number().int().min(0).max(100),
    /** The first few, by id. */
    kioskIds: z.array(z.string()),
  }),
  z.strictObject({ code: z.literal('abortedBy'), by: z.string() }),
  z.strictObject({ code: z.literal('other'), text: z.string() }),
]);
export type HaltPart = z.infer<typeof HaltPart>;
export const HaltCode = z.enum(HaltPart.options.map((o) => o.shape.code.value) as [HaltPart['code'], ...HaltPart['code'][]]);
export type HaltCode = z.infer<typeof HaltCode>;
