import type { StateCreator } from 'zustand/vanilla';
import type { ResultOf } from '../../../shared/contract/methods';
import { DEFAULT_LANG, type Lang, type PlainKey } from '../../../shared/i18n';
import type { ServiceId } from '../../../shared/domain/service-availability';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

export type AppInfo = ResultOf<'app.info'>;
export type SimProfiles = ResultOf<'sim.idcard.profiles'>;

/**
 * A one-line notice: a plain text, or "why is this service paused", which
 * the screen words from the printers' status at the time it is shown.
 */
export type Notice = PlainKey | { readonly pausedService: ServiceId };

export interface UiSlice {
  lang: Lang;
  /** From `app.info`; the language every new visit starts in. */
  defaultLang: Lang;
  info: AppInfo | null;
  simOpen: boolean;
  simProfiles: SimProfiles | null;
  /** A one-line notice on the current screen (e.g. "coming soon"). */
  notice: Notice | null;
  setInfo(info: AppInfo): void;
  setLang(lang: Lang): void;
  toggleLang(): void;
  setSimOpen(open: boolean): void;
  setSimProfiles(profiles: SimProfiles | null): void;
  showNotice(notice: Notice | null): void;
}

export const initialUiState: SliceData<UiSlice> = {
  lang: DEFAULT_LANG,
  defaultLang: DEFAULT_LANG,
  info: null,
  simOpen: false,
  simProfiles: null,
  notice: null,
};
/** A notice belongs to the screen it was shown on; the language is the person's choice, back to the kiosk's default after them. */
export const uiVisit: SliceVisit<UiSlice> = {
  records: { notice: initialUiState.notice },
  choices: (s) => ({ lang: s.defaultLang }),
  kioskFacts: ['defaultLang', 'info', 'simOpen', 'simProfiles'],
};

export const createUiSlice: StateCreator<KioskState, [], [], UiSlice> = (set, get) => ({
  ...initialUiState,
  setInfo(info) {
    const firstInfo = get().info === null;
    set({ info, defaultLang: info.defaultLang });
    // Only the first answer sets the language: a reconnect must not undo a choice.
    if (firstInfo && get().session.state === 'idle') set({ lang: info.defaultLang });
  },
  setLang: (lang) => set({ lang }),
  toggleLang: () => set({ lang: get().lang === 'zh-CN' ? 'en' : 'zh-CN' }),
  setSimOpen: (simOpen) => set({ simOpen }),
  setSimProfiles: (simProfiles) => set({ simProfiles }),
  showNotice: (notice) => set({ notice }),
});
