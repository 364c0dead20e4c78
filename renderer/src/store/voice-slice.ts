import type { StateCreator } from 'zustand/vanilla';
import type { KioskState } from './types';

/**
 * The mute button of the voice prompts. Muting belongs to a visit: `reset()`
 * turns the voice back on for the next person. Whether the kiosk speaks at
 * all, and how loud, comes from the config (`app.info`'s `voice`).
 */
export interface VoiceSlice {
  muted: boolean;
  toggleMuted(): void;
}

export const createVoiceSlice: StateCreator<KioskState, [], [], VoiceSlice> = (set, get) => ({
  muted: false,
  toggleMuted: () => set({ muted: !get().muted }),
});
