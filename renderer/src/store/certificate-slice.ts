import type { StateCreator } from 'zustand/vanilla';
import { CERTIFICATE_START, certificateStep, type CertificateEvent, type CertificateState } from '../flow/certificate';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

export interface CertificateSlice {
  /** The IIT certificate flow; null while the menu shows. Holds the person's records: `reset()` clears it. */
  certificate: CertificateState | null;
  startCertificate(): void;
  /** Feeds one event to the flow machine; `null` from it leaves the flow. */
  certificateEvent(event: CertificateEvent): void;
}

export const initialCertificateState: SliceData<CertificateSlice> = { certificate: null };
/** The flow holds the person's data: a record of the visit. */
export const certificateVisit: SliceVisit<CertificateSlice> = { records: initialCertificateState, kioskFacts: [] };

export const createCertificateSlice: StateCreator<KioskState, [], [], CertificateSlice> = (set, get) => ({
  ...initialCertificateState,
  startCertificate: () => set({ certificate: CERTIFICATE_START, notice: null }),
  certificateEvent(event) {
    const current = get().certificate;
    if (current === null) return;
    const next = certificateStep(current, event);
    if (next !== current) set({ certificate: next });
  },
});
