import type { StateCreator } from 'zustand/vanilla';
import type { ServicesSection, TextsSection } from '../../../shared/config/config-bundle';
import type { ConfigView } from '../../../shared/contract/services/config';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../../shared/i18n/clock';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

/**
 * The administrators' config in force, as the host tells it (`config.get` on
 * connect, `config.changed` on every apply): which services the menu offers
 * and the text overrides every screen shows. Kiosk facts, not a visit's:
 * `reset()` leaves them alone.
 */
export interface ConfigSlice {
  /** Every service on until the host says otherwise (the host refuses a switched-off one anyway). */
  servicesOn: ServicesSection;
  texts: TextsSection;
  /** The applied bundle's version these came with; an older answer (a slow `config.get`) never overwrites a newer event. */
  configVersion: number | null;
  /** The kiosk's one time zone: the clock and every time on the screen are read in it (Beijing time until the host says). */
  timeZone: string;
  applyConfig(view: ConfigView): void;
}

export const ALL_SERVICES_ON: ServicesSection = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };

export const initialConfigState: SliceData<ConfigSlice> = { servicesOn: ALL_SERVICES_ON, texts: {}, configVersion: null, timeZone: DEFAULT_TIME_ZONE };
export const configVisit: SliceVisit<ConfigSlice> = { records: {}, kioskFacts: ['servicesOn', 'texts', 'configVersion', 'timeZone'] };

export const createConfigSlice: StateCreator<KioskState, [], [], ConfigSlice> = (set, get) => ({
  ...initialConfigState,
  applyConfig(view) {
    const known = get().configVersion;
    if (known !== null && (view.version === null || view.version < known)) return;
    // A zone this browser does not know (or none, from an older host) keeps the one in force.
    const timeZone = typeof view.timeZone === 'string' && isTimeZone(view.timeZone) ? view.timeZone : get().timeZone;
    set({ servicesOn: view.services, texts: view.texts, configVersion: view.version, timeZone });
    get().setElderlyDefault(view.elderlyDefault);
  },
});
