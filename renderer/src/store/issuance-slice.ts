import type { StateCreator } from 'zustand/vanilla';
import { ISSUANCE_START, issuanceStep, type IssuanceEvent, type IssuanceState } from '../flow/issuance';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

export interface IssuanceSlice {
  /** The 发票代开 flow; null while the menu shows. Holds the buyer and the lines: `reset()` clears it. */
  issuance: IssuanceState | null;
  startIssuance(): void;
  /** Feeds one event to the flow machine; `null` from it leaves the flow. */
  issuanceEvent(event: IssuanceEvent): void;
}

export const initialIssuanceState: SliceData<IssuanceSlice> = { issuance: null };
/** The flow holds the person's data: a record of the visit. */
export const issuanceVisit: SliceVisit<IssuanceSlice> = { records: initialIssuanceState, kioskFacts: [] };

export const createIssuanceSlice: StateCreator<KioskState, [], [], IssuanceSlice> = (set, get) => ({
  ...initialIssuanceState,
  startIssuance: () => set({ issuance: ISSUANCE_START, notice: null }),
  issuanceEvent(event) {
    const current = get().issuance;
    if (current === null) return;
    const next = issuanceStep(current, event);
    if (next !== current) set({ issuance: next });
  },
});
