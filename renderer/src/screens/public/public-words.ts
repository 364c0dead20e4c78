import type { PlainKey } from '../../../../shared/i18n';
import type { Lang } from '../../../../shared/i18n';
import type { GuideService, PowerCategory, PublicSection, PublicText } from '../../../../shared/content/public-content';

/** Catalogue keys of the four sections, the power categories and the guide services. */
export const SECTION_TITLE: Record<PublicSection, PlainKey> = {
  guides: 'public.section.guides',
  powers: 'public.section.powers',
  arrears: 'public.section.arrears',
  quotas: 'public.section.quotas',
};
export const SECTION_DESC: Record<PublicSection, PlainKey> = {
  guides: 'public.section.guides.desc',
  powers: 'public.section.powers.desc',
  arrears: 'public.section.arrears.desc',
  quotas: 'public.section.quotas.desc',
};
export const CATEGORY_TITLE: Record<PowerCategory, PlainKey> = {
  licensing: 'public.category.licensing',
  levy: 'public.category.levy',
  guidance: 'public.category.guidance',
  confirmation: 'public.category.confirmation',
  inspection: 'public.category.inspection',
  penalty: 'public.category.penalty',
  enforcement: 'public.category.enforcement',
  other: 'public.category.other',
};
export const SERVICE_TITLE: Record<GuideService, PlainKey> = {
  invoiceCollection: 'public.service.invoiceCollection',
  invoiceIssue: 'public.service.invoiceIssue',
  iitCertificate: 'public.service.iitCertificate',
  general: 'public.service.general',
};

/** A published text in the screen's language: the English rendering when there is one, else the Chinese as published. */
export function pick(text: PublicText, lang: Lang): string {
  return lang === 'en' && text.en !== undefined ? text.en : text.zh;
}

/** Fen as yuan with two decimals and digit grouping. */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString('en-US');
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** How many items a page holds: every one of them is on screen or in a scroller with a cue. */
export const PUBLIC_PAGE_SIZE = 8;
/** Public information with no visit goes back to the attract screen after this long without a touch (elderly mode: twice). */
export const PUBLIC_IDLE_MS = 90_000;
