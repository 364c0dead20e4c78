import { z } from 'zod';
import { ConfigTarget, type ConfigRefusalReason } from '../config/config-bundle';

/**
 * 公开信息: what the tax bureau publishes, shown on the kiosk to anyone, no
 * card needed (docs/public-information.md). Four lists — 办税指南, 权力清单 /
 * 责任清单, 欠税公告, 定额核定公示 — arrive together as one signed content
 * bundle (format below) and replace the previous content as a whole: what
 * was signed is exactly what is shown. The kiosk adds nothing and infers
 * nothing; the schema keeps out what a bureau never publishes (a full ID
 * number of a person).
 *
 * Texts are plain words: no markup, no control characters (the same rules as
 * a config text override). Chinese is what the bureau publishes; an English
 * rendering is optional except for titles.
 */
export const CONTENT_BUNDLE_FORMAT = 'tax-kiosk/content-bundle@1';

const PlainText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !/[<>]/.test(text), 'no markup (< or >) in a text')
    .refine((text) => !/[\u0000-\u001f\u007f-\u009f]/.test(text), 'no control characters in a text')
    .refine((text) => !text.includes('\uFFFD'), 'no U+FFFD replacement character');

/** A text as published in Chinese, with an optional English rendering. */
export const PublicText = z.strictObject({ zh: PlainText(600), en: PlainText(1200).optional() });
export type PublicText = z.infer<typeof PublicText>;
/** A title: both languages required (the English screens list by it). */
export const PublicTitle = z.strictObject({ zh: PlainText(120), en: PlainText(240) });
export type PublicTitle = z.infer<typeof PublicTitle>;

const ItemId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const IsoDate = z.iso.date();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** Money: integer fen, as everywhere in this code. */
const Fen = z.number().int().min(0).max(1_000_000_000_000_00);
/** 18-character unified social credit code as published (not re-checked here: the bureau's list is what is shown). */
const CreditCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);
/**
 * A person's ID number as the bureaus publish it today: partly hidden. A
 * value with no `*` (a full number) is refused: the kiosk never shows more
 * than the bureau's own web publication.
 */
const PublishedIdNumber = z
  .string()
  .regex(/^[0-9Xx*]{15,18}$/)
  .refine((v) => (v.match(/\*/g) ?? []).length >= 6, 'a person\u2019s ID number is published partly hidden (at least 6 digits as *)');

/** The services of this kiosk a guide is for (config `services` names), or `general`. */
export const GuideService = z.enum(['invoiceCollection', 'invoiceIssue', 'iitCertificate', 'general']);
export type GuideService = z.infer<typeof GuideService>;

/** 办税指南: one topic of one service. */
export const GuideItem = z.strictObject({
  id: ItemId,
  service: GuideService,
  title: PublicTitle,
  /** Who may use it (own business, 办税人, legal representative…). */
  whoMayUse: z.array(PublicText).min(1).max(10),
  /** What to bring. */
  bring: z.array(PublicText).min(1).max(10),
  steps: z.array(PublicText).min(1).max(20),
  limits: z.array(PublicText).max(10),
  /** Fees: the services are free; said in words. */
  fees: PublicText,
  /** What the kiosk refuses, and where to go instead. */
  whenRefused: z.array(PublicText).min(1).max(10),
});
export type GuideItem = z.infer<typeof GuideItem>;

/** The eight categories the bureaus sort their administrative powers into. */
export const POWER_CATEGORIES = ['licensing', 'levy', 'guidance', 'confirmation', 'inspection', 'penalty', 'enforcement', 'other'] as const;
export const PowerCategory = z.enum(POWER_CATEGORIES);
export type PowerCategory = z.infer<typeof PowerCategory>;

/** One step of a power's procedure: the flow chart is drawn from these, in order. */
export const PowerStep = z.strictObject({ name: PublicText, who: PublicText.optional(), days: z.number().int().min(0).max(365).optional() });
export type PowerStep = z.infer<typeof PowerStep>;

/** 权力清单 with its 责任清单: one administrative power and the duties that come with it. */
export const PowerItem = z.strictObject({
  id: ItemId,
  /** The bureau's own number of the item (e.g. 行政许可-001). */
  code: PlainText(40),
  category: PowerCategory,
  title: PublicTitle,
  /** Law and article. */
  legalBasis: z.array(PublicText).min(1).max(10),
  /** The unit that exercises it. */
  unit: PublicText,
  timeLimit: PublicText,
  steps: z.array(PowerStep).min(2).max(12),
  /** 责任事项: what the unit answers for. */
  duties: z.array(PublicText).min(1).max(12),
  /** Where to complain. */
  complaint: PublicText,
});
export type PowerItem = z.infer<typeof PowerItem>;

/** A publication period (quarter, month…), inclusive dates. */
export const PublicationPeriod = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { path: ['to'], message: 'must not be before from' });

/** 欠税公告: one taxpayer in arrears, exactly the published fields. */
export const ArrearsEntry = z.strictObject({
  id: ItemId,
  kind: z.enum(['enterprise', 'individualBusiness']),
  taxpayerName: PlainText(120),
  creditCode: CreditCode,
  /** Legal representative / person in charge (enterprise) or owner (individual business), as published. */
  representative: PlainText(40),
  representativeId: PublishedIdNumber,
  place: PlainText(200),
  taxTypes: z.array(PlainText(40)).min(1).max(12),
  /** Arrears balance and the new arrears of the period. */
  balanceFen: Fen,
  newArrearsFen: Fen,
  asOf: IsoDate,
});
export type ArrearsEntry = z.infer<typeof ArrearsEntry>;

export const ArrearsPublication = z.strictObject({
  title: PublicTitle,
  publisher: PublicText,
  publishedOn: IsoDate,
  period: PublicationPeriod,
});
export const ArrearsList = ArrearsPublication.extend({ entries: z.array(ArrearsEntry).max(5000) });
export type ArrearsList = z.infer<typeof ArrearsList>;

/** 定额核定公示: one individual business's assessed quota. */
export const QuotaEntry = z.strictObject({
  id: ItemId,
  businessName: PlainText(120),
  owner: PlainText(40),
  area: PlainText(120),
  industry: PlainText(60),
  monthlySalesFen: Fen,
  monthlyTaxFen: Fen,
});
export type QuotaEntry = z.infer<typeof QuotaEntry>;

/** The publication without its entries (the header a screen shows above the list). */
export const QuotaPublication = z.strictObject({
  title: PublicTitle,
  publisher: PublicText,
  publishedOn: IsoDate,
  /** The months the quotas apply to. */
  appliesFrom: Month,
  appliesTo: Month,
  /** Objections are taken until this day (inclusive). */
  objectionDeadline: IsoDate,
  howToObject: z.array(PublicText).min(1).max(10),
});
export const QuotaList = QuotaPublication.extend({ entries: z.array(QuotaEntry).max(5000) }).refine((q) => q.appliesFrom <= q.appliesTo, {
  path: ['appliesTo'],
  message: 'must not be before appliesFrom',
});
export type QuotaList = z.infer<typeof QuotaList>;

export const PublicContent = z
  .strictObject({
    guides: z.array(GuideItem).max(500),
    powers: z.array(PowerItem).max(2000),
    arrears: ArrearsList,
    quotas: QuotaList,
  })
  .superRefine((content, ctx) => {
    const lists = { guides: content.guides, powers: content.powers, arrears: content.arrears.entries, quotas: content.quotas.entries };
    for (const [name, items] of Object.entries(lists)) {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `id ${item.id} appears twice` });
        seen.add(item.id);
      });
    }
  });
export type PublicContent = z.infer<typeof PublicContent>;

/**
 * The signed unit. `effectiveFrom` lets a bureau push next quarter's lists
 * early: the kiosk stores them and keeps showing the previous content until
 * then. After `expiresAt` the content is no longer shown (a stale arrears
 * list is worse than none), and a bundle that arrives already expired is
 * refused.
 */
export const ContentBundle = z
  .strictObject({
    format: z.literal(CONTENT_BUNDLE_FORMAT),
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issuedAt: z.iso.datetime({ offset: true }),
    effectiveFrom: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    target: ConfigTarget,
    content: PublicContent,
  })
  .refine((b) => Date.parse(b.expiresAt) > Date.parse(b.effectiveFrom), { path: ['expiresAt'], message: 'must be after effectiveFrom' });
export type ContentBundle = z.infer<typeof ContentBundle>;

/** Why a kiosk refused a content bundle: the config bundle's reasons that apply (no stock here). */
export type ContentRefusalReason = Exclude<ConfigRefusalReason, 'stockRefused'>;

/** The four sections as the screen and the contract name them. */
export const PUBLIC_SECTIONS = ['guides', 'powers', 'arrears', 'quotas'] as const;
export const PublicSection = z.enum(PUBLIC_SECTIONS);
export type PublicSection = z.infer<typeof PublicSection>;

/** The bundle file's `bundle.format`, read before anything is trusted: which verifier takes it. */
export function claimedFormat(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('bundle' in raw)) return null;
  const bundle = (raw as { bundle: unknown }).bundle;
  if (typeof bundle !== 'object' || bundle === null || !('format' in bundle)) return null;
  const format = (bundle as { format: unknown }).format;
  return typeof format === 'string' ? format : null;
}
