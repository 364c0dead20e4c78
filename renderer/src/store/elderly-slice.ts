import type { StateCreator } from 'zustand/vanilla';
import type { KioskState } from './types';

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

export const createElderlySlice: StateCreator<KioskState, [], [], ElderlySlice> = (set, get) => ({
  elderly: false,
  elderlyDefault: false,
  setElderly: (elderly) => set({ elderly }),
  setElderlyDefault(elderlyDefault) {
    const changed = get().elderlyDefault !== elderlyDefault;
    set({ elderlyDefault });
    // Between visits the screen follows a changed default; during a visit the person's choice stands.
    if (changed && get().session.state === 'idle') set({ elderly: elderlyDefault });
  },
});
