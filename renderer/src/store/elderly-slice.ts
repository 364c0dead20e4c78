import type { StateCreator } from 'zustand/vanilla';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

/**
 * Elderly mode (长辈模式): larger type and targets, one column, stronger
 * contrast, and a longer idle timeout (the host's, see `session.setElderly`).
 * It belongs to a visit: `reset()` puts it back to the kiosk's default.
 */
export interface ElderlySlice {
  elderly: boolean;
  /** From `app.info`: the mode every visit starts in. */
  elderlyDefault: boolean;
  setElderly(on: boolean): void;
  setElderlyDefault(on: boolean): void;
}

export const initialElderlyState: SliceData<ElderlySlice> = { elderly: false, elderlyDefault: false };
/** Chosen on the attract screen or during the visit; the next visit starts in the kiosk's default. */
export const elderlyVisit: SliceVisit<ElderlySlice> = { records: {}, choices: (s) => ({ elderly: s.elderlyDefault }), kioskFacts: ['elderlyDefault'] };

export const createElderlySlice: StateCreator<KioskState, [], [], ElderlySlice> = (set, get) => ({
  ...initialElderlyState,
  setElderly: (elderly) => set({ elderly }),
  setElderlyDefault(elderlyDefault) {
    const changed = get().elderlyDefault !== elderlyDefault;
    set({ elderlyDefault });
    // Between visits the screen follows a changed default; during a visit the person's choice stands.
    if (changed && get().session.state === 'idle') set({ elderly: elderlyDefault });
  },
});
