import type { StateCreator } from 'zustand/vanilla';
import { CREDIT_START, creditStep, type CreditEvent, type CreditState } from '../flow/credit';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

export interface CreditSlice {
  /** The 纳税信用 flow; null while the menu shows. Holds the taxpayers' facts: `reset()` clears it. */
  credit: CreditState | null;
  startCredit(): void;
  /** Feeds one event to the flow machine; `null` from it leaves the flow. */
  creditEvent(event: CreditEvent): void;
}

export const initialCreditState: SliceData<CreditSlice> = { credit: null };
/** The flow holds the taxpayers' data: a record of the visit. */
export const creditVisit: SliceVisit<CreditSlice> = { records: initialCreditState, kioskFacts: [] };

export const createCreditSlice: StateCreator<KioskState, [], [], CreditSlice> = (set, get) => ({
  ...initialCreditState,
  startCredit: () => set({ credit: CREDIT_START, notice: null }),
  creditEvent(event) {
    const current = get().credit;
    if (current === null) return;
    const next = creditStep(current, event);
    if (next !== current) set({ credit: next });
  },
});
