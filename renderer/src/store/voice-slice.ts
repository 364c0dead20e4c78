import type { StateCreator } from 'zustand/vanilla';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

/**
 * The mute button of the voice prompts. Muting belongs to a visit: `reset()`
 * turns the voice back on for the next person. Whether the kiosk speaks at
 * all, and how loud, comes from the config (`app.info`'s `voice`).
 */
export interface VoiceSlice {
  muted: boolean;
  toggleMuted(): void;
}

export const initialVoiceState: SliceData<VoiceSlice> = { muted: false };
export const voiceVisit: SliceVisit<VoiceSlice> = { records: {}, choices: () => initialVoiceState, kioskFacts: [] };

export const createVoiceSlice: StateCreator<KioskState, [], [], VoiceSlice> = (set, get) => ({
  ...initialVoiceState,
  toggleMuted: () => set({ muted: !get().muted }),
});
