import type { StateCreator } from 'zustand/vanilla';
import type { ServicesSection, TextsSection } from '../../../shared/config/config-bundle';
import type { ConfigView } from '../../../shared/contract/services/config';
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
  applyConfig(view: ConfigView): void;
}

export const ALL_SERVICES_ON: ServicesSection = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };

export const initialConfigState: SliceData<ConfigSlice> = { servicesOn: ALL_SERVICES_ON, texts: {}, configVersion: null };
export const configVisit: SliceVisit<ConfigSlice> = { records: {}, kioskFacts: ['servicesOn', 'texts', 'configVersion'] };

export const createConfigSlice: StateCreator<KioskState, [], [], ConfigSlice> = (set, get) => ({
  ...initialConfigState,
  applyConfig(view) {
    const known = get().configVersion;
    if (known !== null && (view.version === null || view.version < known)) return;
    set({ servicesOn: view.services, texts: view.texts, configVersion: view.version });
    get().setElderlyDefault(view.elderlyDefault);
  },
});
