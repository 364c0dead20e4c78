import type { StateCreator } from 'zustand/vanilla';
import { IDLE_SESSION, type SessionView } from '../../../shared/contract/session';
import type { KioskState } from './types';

export interface SessionSlice {
  /** The host's view of the visit; only masked personal data. */
  session: SessionView;
  /** Applies `session.get` / `session.changed` / a call's answer. `idle` clears the visit. */
  applySession(view: SessionView): void;
}

export const createSessionSlice: StateCreator<KioskState, [], [], SessionSlice> = (set, get) => ({
  session: IDLE_SESSION,
  applySession(view) {
    if (view.state === 'idle') {
      get().reset();
      return;
    }
    const previous = get().session;
    if (previous.sessionId !== view.sessionId) {
      // A new visit starts with nothing left over from the last one.
      set({ session: view, notice: null, collection: null, certificate: null });
      return;
    }
    set({ session: view });
  },
});
