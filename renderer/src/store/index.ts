import { createStore, type StoreApi } from 'zustand/vanilla';
import { createSessionSlice, sessionVisit } from './session-slice';
import { createDevicesSlice, devicesVisit } from './devices-slice';
import { createUiSlice, uiVisit } from './ui-slice';
import { collectionVisit, createCollectionSlice } from './collection-slice';
import { certificateVisit, createCertificateSlice } from './certificate-slice';
import { createIssuanceSlice, issuanceVisit } from './issuance-slice';
import { createElderlySlice, elderlyVisit } from './elderly-slice';
import { createVoiceSlice, voiceVisit } from './voice-slice';
import { configVisit, createConfigSlice } from './config-slice';
import { createPublicSlice, publicVisit } from './public-slice';
import { createCreditSlice, creditVisit } from './credit-slice';
import { endOfVisit, startOfVisit, type SliceVisit } from './visit';
import type { KioskState } from './types';

export type { KioskState } from './types';
export type { AppInfo, Notice, SimProfiles } from './ui-slice';
export type { Printers } from './devices-slice';
export type KioskStore = StoreApi<KioskState>;

/** Every slice's visit declaration, one per slice below: what a visit's start and end put back. */
export const SLICE_VISITS: readonly SliceVisit<KioskState>[] = [
  sessionVisit,
  devicesVisit,
  uiVisit,
  collectionVisit,
  certificateVisit,
  issuanceVisit,
  elderlyVisit,
  voiceVisit,
  configVisit,
  publicVisit,
  creditVisit,
];

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
      ...createPublicSlice(...a),
      ...createCreditSlice(...a),
      reset() {
        set(endOfVisit(SLICE_VISITS, get()));
      },
      switchVisit(view) {
        // Choices made before anyone was identified (attract, reading, a refused card) go with the card that follows;
        // after a person was on screen, nothing of theirs stays for the next one.
        const fresh = get().session.person === null ? startOfVisit(SLICE_VISITS) : endOfVisit(SLICE_VISITS, get());
        set({ ...fresh, session: view });
      },
    };
  });
}
