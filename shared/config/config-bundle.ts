import { z } from 'zod';
import { catalogues, isMessageKey, placeholdersOf, type Lang } from '../i18n';
import { A4PrinterConfig, IdCardDeviceConfig, SerialPrinterConfig } from './local-config';
import { TaxConfig } from './tax-config';

/**
 * A configuration bundle (docs/sync.md "Config pushes"): what an administrator
 * builds (`kioskctl config build`), signs (`config sign`) and pushes to all
 * kiosks, a branch, or a list of kiosks. The kiosk verifies the Ed25519
 * signature over the canonical JSON of the whole bundle
 * (shared/config/canonical-json.ts) BEFORE parsing it with this schema.
 *
 * Strict everywhere: a field this kiosk does not know is a schema error, not
 * something silently ignored (an older kiosk must not half-apply a newer
 * bundle).
 *
 * Sections: a bundle carries only the sections it changes. A section present
 * replaces that section as a whole (no deep merge: what was signed is exactly
 * what is in force); an absent section keeps the value of the last bundle that
 * had it. `invoiceStock` is the exception: ranges are ADDED to the kiosk's
 * stock (through the stock allocator's load), never replaced.
 */
export const CONFIG_BUNDLE_FORMAT = 'tax-kiosk/config-bundle@1';

const kioskOrBranchId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Who the bundle is for: every kiosk, one branch, or listed kiosks. */
export const ConfigTarget = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ branch: kioskOrBranchId }),
  z.strictObject({ kioskIds: z.array(kioskOrBranchId).min(1).max(10_000) }),
]);
export type ConfigTarget = z.infer<typeof ConfigTarget>;

/** A range of pre-printed forms, as `kioskctl stock load` takes it. */
export const StockRangeInput = z.strictObject({
  type: z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,31}$/),
  code: z.string().regex(/^(\d{10}|\d{12})$/),
  from: z.string().regex(/^\d{8}$/),
  to: z.string().regex(/^\d{8}$/),
});
export type StockRangeInput = z.infer<typeof StockRangeInput>;

/**
 * One override text: plain words. No markup (`<`, `>`: the screen shows text,
 * and a receipt would print the tags) and no control characters (an ESC byte
 * would be a printer command on the receipt printer's line), and no U+FFFD.
 */
const OverrideText = z
  .string()
  .min(1)
  .max(2000)
  .refine((text) => !/[<>]/.test(text), 'no markup (< or >) in a text')
  .refine((text) => !/[\u0000-\u001f\u007f-\u009f]/.test(text), 'no control characters in a text')
  // U+FFFD is what a lenient decoder makes of bytes that were not UTF-8 (issue 14): a sign of a broken file, never a text.
  .refine((text) => !text.includes('\uFFFD'), 'no U+FFFD replacement character (the file was not UTF-8)');

/**
 * Overrides of one language's catalogue texts (shared/i18n): keys must exist in
 * the catalogue, and a text may use only the `{placeholders}` the catalogue's
 * text has (the code fills those; any other would print as `{name}`).
 */
function textOverrides(lang: Lang) {
  return z.record(z.string(), OverrideText).superRefine((map, ctx) => {
    for (const [key, text] of Object.entries(map)) {
      if (!isMessageKey(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'not a message key of this kiosk' });
        continue;
      }
      const known = new Set(placeholdersOf(catalogues[lang][key]));
      const unknown = placeholdersOf(text).filter((name) => !known.has(name));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: [key], message: `placeholder {${unknown.join('}, {')}} is not in the catalogue's text` });
    }
  });
}

export const TextsSection = z.strictObject({ 'zh-CN': textOverrides('zh-CN').optional(), en: textOverrides('en').optional() });
export type TextsSection = z.infer<typeof TextsSection>;

/**
 * The visit settings of kiosk.json `session`, same bounds; absent fields keep
 * the local value. Elderly mode's too: its idle timeout, and whether every
 * visit starts in it (a branch whose visitors mostly want it).
 */
export const TimeoutsSection = z.strictObject({
  idleTimeoutMs: z.number().int().min(1000).max(600_000).optional(),
  idleWarnMs: z.number().int().min(1000).max(60_000).optional(),
  rejectedDisplayMs: z.number().int().min(1000).max(120_000).optional(),
  elderlyIdleTimeoutMs: z.number().int().min(1000).max(600_000).optional(),
  elderlyByDefault: z.boolean().optional(),
});
export type TimeoutsSection = z.infer<typeof TimeoutsSection>;

/**
 * Which taxpayer services are on. The three first ones always named: a bundle
 * says what it means. 纳税信用 / 银税互动 came later: absent means on, so the
 * bundles signed before it stay valid and keep their meaning.
 */
export const ServicesSection = z.strictObject({
  invoiceCollection: z.boolean(),
  invoiceIssue: z.boolean(),
  iitCertificate: z.boolean(),
  taxCredit: z.boolean().optional(),
});
export type ServicesSection = z.infer<typeof ServicesSection>;

/** The device map of kiosk.json `devices`; absent devices keep the local value. */
export const DeviceMapSection = z.strictObject({
  mode: z.enum(['sim', 'real']).optional(),
  idcard: IdCardDeviceConfig.optional(),
  receiptPrinter: SerialPrinterConfig.optional(),
  invoicePrinter: SerialPrinterConfig.optional(),
  a4Printer: A4PrinterConfig.optional(),
});
export type DeviceMapSection = z.infer<typeof DeviceMapSection>;

export const ConfigPayload = z
  .strictObject({
    taxRates: TaxConfig.optional(),
    invoiceStock: z.array(StockRangeInput).min(1).max(1000).optional(),
    texts: TextsSection.optional(),
    timeouts: TimeoutsSection.optional(),
    services: ServicesSection.optional(),
    deviceMap: DeviceMapSection.optional(),
  })
  .refine((p) => Object.values(p).some((section) => section !== undefined), 'a bundle changes at least one section');
export type ConfigPayload = z.infer<typeof ConfigPayload>;
export const CONFIG_SECTIONS = ['taxRates', 'invoiceStock', 'texts', 'timeouts', 'services', 'deviceMap'] as const;
export type ConfigSection = (typeof CONFIG_SECTIONS)[number];

export const ConfigBundle = z
  .strictObject({
    format: z.literal(CONFIG_BUNDLE_FORMAT),
    /** Monotonic: a kiosk refuses a version not above the one it applied (rollback, replay). */
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issuedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    target: ConfigTarget,
    payload: ConfigPayload,
  })
  .refine((b) => Date.parse(b.expiresAt) > Date.parse(b.issuedAt), { path: ['expiresAt'], message: 'must be after issuedAt' });
export type ConfigBundle = z.infer<typeof ConfigBundle>;

/** The signed file: the bundle as it was signed, and the Ed25519 signature of its canonical JSON. */
export const SignedConfigBundle = z.strictObject({
  /** Parsed with ConfigBundle only after the signature checks out. */
  bundle: z.unknown(),
  signature: z.strictObject({
    alg: z.literal('ed25519'),
    /** 16 hex digits: the start of SHA-256 over the raw 32-byte public key. */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    /** Base64 of the 64-byte signature. */
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  }),
});
export type SignedConfigBundle = z.infer<typeof SignedConfigBundle>;

export type TargetMatch = { ok: true } | { ok: false; detail: string };

/** Whether a kiosk (with its branch) is among a bundle's targets. */
export function targetMatches(target: ConfigTarget, kiosk: { kioskId: string; branchId: string }): TargetMatch {
  if ('all' in target) return { ok: true };
  if ('branch' in target) {
    return target.branch === kiosk.branchId ? { ok: true } : { ok: false, detail: `for branch ${target.branch}, this kiosk is in branch ${kiosk.branchId}` };
  }
  return target.kioskIds.includes(kiosk.kioskId)
    ? { ok: true }
    : { ok: false, detail: `for kiosks ${target.kioskIds.slice(0, 5).join(', ')}${target.kioskIds.length > 5 ? ', …' : ''}, not ${kiosk.kioskId}` };
}

export function describeTarget(target: ConfigTarget): string {
  if ('all' in target) return 'all kiosks';
  if ('branch' in target) return `branch ${target.branch}`;
  return `kiosks ${target.kioskIds.join(', ')}`;
}

/**
 * Why a kiosk refused a bundle; each is an audit entry (`config.refused`) with
 * a sentence for the technician. Checked in this order: the file, the
 * signature (before anything in the bundle is trusted), the schema, the target,
 * the expiry, the version; `stockRefused` comes from the apply itself.
 */
export const ConfigRefusalReason = z.enum(['malformed', 'unknownKey', 'badSignature', 'schema', 'wrongTarget', 'expired', 'rollback', 'stockRefused']);
export type ConfigRefusalReason = z.infer<typeof ConfigRefusalReason>;
