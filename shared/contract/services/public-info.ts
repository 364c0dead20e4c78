import { z } from 'zod';
import {
  ArrearsEntry,
  ArrearsPublication,
  GuideItem,
  GuideService,
  PowerCategory,
  PowerItem,
  PublicSection,
  QuotaEntry,
  QuotaPublication,
} from '../../content/public-content';

/**
 * 公开信息 over the contract: answered with or without a card (the attract
 * screen's state), from the content in force on the kiosk (stored, so it
 * works offline). Lists come a page at a time; a page carries its items whole
 * (the detail screen shows the item it was given).
 */
export const PUBLIC_PAGE_SIZE_MAX = 50;

const PageRequest = {
  section: PublicSection,
  /** 1-based. A page past the end answers with no items (and the real page count). */
  page: z.number().int().min(1).max(100_000),
  pageSize: z.number().int().min(1).max(PUBLIC_PAGE_SIZE_MAX),
  /** 权力清单: only this category. */
  category: PowerCategory.optional(),
  /** 办税指南: only this service. */
  service: GuideService.optional(),
};

export const PublicListRequest = z.strictObject(PageRequest);
export type PublicListRequest = z.infer<typeof PublicListRequest>;
export const PublicSearchRequest = z.strictObject({ ...PageRequest, query: z.string().min(1).max(60) });
export type PublicSearchRequest = z.infer<typeof PublicSearchRequest>;

const PageFields = { page: z.number().int().min(1), pageSize: z.number().int().min(1), total: z.number().int().min(0), pages: z.number().int().min(1) };

export const PublicPage = z.discriminatedUnion('section', [
  z.strictObject({ section: z.literal('guides'), ...PageFields, items: z.array(GuideItem) }),
  z.strictObject({ section: z.literal('powers'), ...PageFields, items: z.array(PowerItem) }),
  z.strictObject({ section: z.literal('arrears'), ...PageFields, items: z.array(ArrearsEntry) }),
  z.strictObject({ section: z.literal('quotas'), ...PageFields, items: z.array(QuotaEntry) }),
]);
export type PublicPage = z.infer<typeof PublicPage>;

/** What is in force: the publications' headers and how many items each section has; `available: false` before any content. */
export const PublicOverview = z.discriminatedUnion('available', [
  z.strictObject({ available: z.literal(false) }),
  z.strictObject({
    available: z.literal(true),
    version: z.number().int().min(1),
    effectiveFrom: z.string(),
    expiresAt: z.string(),
    counts: z.strictObject({
      guides: z.number().int().min(0),
      powers: z.number().int().min(0),
      arrears: z.number().int().min(0),
      quotas: z.number().int().min(0),
    }),
    arrears: ArrearsPublication,
    quotas: QuotaPublication,
  }),
]);
export type PublicOverview = z.infer<typeof PublicOverview>;

export const publicInfoMethods = {
  'public.overview': { request: z.strictObject({}), result: PublicOverview },
  'public.list': { request: PublicListRequest, result: PublicPage },
  'public.search': { request: PublicSearchRequest, result: PublicPage },
} as const;
