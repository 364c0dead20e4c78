import type { SessionView } from '../../../shared/contract/session';
import type { SessionSlice } from './session-slice';
import type { DevicesSlice } from './devices-slice';
import type { UiSlice } from './ui-slice';
import type { CollectionSlice } from './collection-slice';
import type { CertificateSlice } from './certificate-slice';
import type { IssuanceSlice } from './issuance-slice';
import type { ElderlySlice } from './elderly-slice';
import type { VoiceSlice } from './voice-slice';
import type { ConfigSlice } from './config-slice';
import type { PublicSlice } from './public-slice';
import type { CreditSlice } from './credit-slice';

/** The store's two visit boundaries, composed from every slice's `SliceVisit` (./visit.ts). */
export interface ResetSlice {
  /**
   * Ends the visit on screen: drops the person's masked data and anything
   * the visit changed (language, notices). Device and kiosk facts stay.
   */
  reset(): void;
  /**
   * The host names another visit than the one on screen (a card after the
   * attract screen, or a visit that followed the last without an idle):
   * drops the records of the last one — and, when a person was on screen,
   * everything `reset()` drops — then shows `view`.
   */
  switchVisit(view: SessionView): void;
}

export type KioskState = SessionSlice &
  DevicesSlice &
  UiSlice &
  CollectionSlice &
  CertificateSlice &
  IssuanceSlice &
  ElderlySlice &
  VoiceSlice &
  ConfigSlice &
  PublicSlice &
  CreditSlice &
  ResetSlice;
