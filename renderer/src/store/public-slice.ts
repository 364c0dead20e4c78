import type { StateCreator } from 'zustand/vanilla';
import type { PowerCategory, PublicSection } from '../../../shared/content/public-content';
import type { PublicPage } from '../../../shared/contract/services/public-info';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

/** One item of a page, whatever its section. */
export type PublicItem = PublicPage['items'][number];

/** Where the person is in 公开信息: the four sections, one section's list (a page, a search, a category), or one item. */
export interface PublicListNav {
  view: 'list';
  section: PublicSection;
  page: number;
  /** The search applied ('' = none). */
  query: string;
  category: PowerCategory | null;
}
export type PublicNav = { view: 'home' } | PublicListNav | { view: 'detail'; section: PublicSection; item: PublicItem; list: PublicListNav };

/**
 * 公开信息 (docs/public-information.md): opened from the attract screen (no
 * card) or the menu. A record of the visit: a card placed, a visit's end or
 * the idle time close it.
 */
export interface PublicSlice {
  /** null: closed. */
  publicNav: PublicNav | null;
  setPublicNav(nav: PublicNav | null): void;
}

export const initialPublicState: SliceData<PublicSlice> = { publicNav: null };
export const publicVisit: SliceVisit<PublicSlice> = { records: { publicNav: null }, kioskFacts: [] };

export const createPublicSlice: StateCreator<KioskState, [], [], PublicSlice> = (set) => ({
  ...initialPublicState,
  setPublicNav: (publicNav) => set({ publicNav }),
});
