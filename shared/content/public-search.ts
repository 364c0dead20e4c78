import { assertNever } from '../assert-never';
import type { ArrearsEntry, GuideItem, PowerItem, PublicContent, PublicSection, PublicText, QuotaEntry } from './public-content';

/**
 * Search over the published lists: every word of the query (split on spaces)
 * must occur in the item's text, Chinese or English, case- and width-
 * insensitive. The screen's keyboard turns pinyin (full or initials) into
 * characters before the query gets here; Latin letters (a credit code, an
 * English title) are matched as typed.
 */
export function normalizeQuery(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function texts(list: readonly (PublicText | undefined)[]): string[] {
  return list.flatMap((t) => (t ? [t.zh, t.en ?? ''] : []));
}

export function guideHaystack(item: GuideItem): string {
  return normalizeQuery([...texts([item.title]), ...texts(item.whoMayUse), ...texts(item.bring), ...texts(item.steps), ...texts(item.limits)].join(' '));
}

export function powerHaystack(item: PowerItem): string {
  return normalizeQuery(
    [item.code, ...texts([item.title, item.unit]), ...texts(item.legalBasis), ...texts(item.duties), ...item.steps.flatMap((s) => texts([s.name]))].join(' '),
  );
}

export function arrearsHaystack(entry: ArrearsEntry): string {
  return normalizeQuery([entry.taxpayerName, entry.creditCode, entry.representative, entry.place, ...entry.taxTypes].join(' '));
}

export function quotaHaystack(entry: QuotaEntry): string {
  return normalizeQuery([entry.businessName, entry.owner, entry.area, entry.industry].join(' '));
}

export function matchesQuery(haystack: string, query: string): boolean {
  const words = normalizeQuery(query).split(' ').filter(Boolean);
  return words.length > 0 && words.every((w) => haystack.includes(w));
}

/** The items of one section, in published order. */
export function sectionItems(content: PublicContent, section: PublicSection): ReadonlyArray<GuideItem | PowerItem | ArrearsEntry | QuotaEntry> {
  switch (section) {
    case 'guides':
      return content.guides;
    case 'powers':
      return content.powers;
    case 'arrears':
      return content.arrears.entries;
    case 'quotas':
      return content.quotas.entries;
    default:
      return assertNever(section, 'public section');
  }
}
