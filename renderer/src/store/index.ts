import { createStore, type StoreApi } from 'zustand/vanilla';
import { IDLE_SESSION } from '../../../shared/contract/session';
import { createSessionSlice } from './session-slice';
import { createDevicesSlice } from './devices-slice';
import { createUiSlice } from './ui-slice';
import { createCollectionSlice } from './collection-slice';
import { createCertificateSlice } from './certificate-slice';
import { createIssuanceSlice } from './issuance-slice';
import { createElderlySlice } from './elderly-slice';
import { createVoiceSlice } from './voice-slice';
import { createConfigSlice } from './config-slice';
import type { KioskState } from './types';

export type { KioskState } from './types';
export type { AppInfo, Notice, SimProfiles } from './ui-slice';
export type { Printers } from './devices-slice';
export type KioskStore = StoreApi<KioskState>;

/** One bound store composed of slices (zustand slices pattern). */
export function createKioskStore(): KioskStore {
  return createStore<KioskState>()((...a) => {
    const [set, get] = a;
    return {
      ...createSessionSlice(...a),
      ...createDevicesSlice(...a),
      ...createUiSlice(...a),
      ...createCollectionSlice(...a),
      ...createCertificateSlice(...a),
      ...createIssuanceSlice(...a),
      ...createElderlySlice(...a),
      ...createVoiceSlice(...a),
      ...createConfigSlice(...a),
      reset() {
        set({ session: IDLE_SESSION, notice: null, collection: null, certificate: null, issuance: null, lang: get().defaultLang, elderly: get().elderlyDefault, muted: false });
      },
    };
  });
}
