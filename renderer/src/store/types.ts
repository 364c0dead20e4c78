import type { SessionSlice } from './session-slice';
import type { DevicesSlice } from './devices-slice';
import type { UiSlice } from './ui-slice';
import type { CollectionSlice } from './collection-slice';
import type { CertificateSlice } from './certificate-slice';
import type { IssuanceSlice } from './issuance-slice';
import type { ElderlySlice } from './elderly-slice';
import type { VoiceSlice } from './voice-slice';
import type { ConfigSlice } from './config-slice';

export interface ResetSlice {
  /**
   * Ends the visit on screen: drops the person's masked data and anything
   * the visit changed (language, notices). Device and kiosk facts stay.
   */
  reset(): void;
}

export type KioskState = SessionSlice & DevicesSlice & UiSlice & CollectionSlice & CertificateSlice & IssuanceSlice & ElderlySlice & VoiceSlice & ConfigSlice & ResetSlice;
