import type { StateCreator } from 'zustand/vanilla';
import { IDLE_SESSION, type SessionView } from '../../../shared/contract/session';
import type { KioskState } from './types';
import type { SliceData, SliceVisit } from './visit';

export interface SessionSlice {
  /** The host's view of the visit; only masked personal data. */
  session: SessionView;
  /** Applies `session.get` / `session.changed` / a call's answer. `idle` clears the visit. */
  applySession(view: SessionView): void;
}

export const initialSessionState: SliceData<SessionSlice> = { session: IDLE_SESSION };
export const sessionVisit: SliceVisit<SessionSlice> = { records: initialSessionState, kioskFacts: [] };

export const createSessionSlice: StateCreator<KioskState, [], [], SessionSlice> = (set, get) => ({
  ...initialSessionState,
  applySession(view) {
    if (view.state === 'idle') {
      // Only the host's word on the card survives the reset: nothing of the person.
      const card = { ...(view.cardLeft === true && { cardLeft: true }), ...(view.cardLifted === true && { cardLifted: true }) };
      // Idle again with no visit in between (diagnostics opened, the card's state changed): there is no visit
      // to forget, and the language and 长辈模式 chosen on the attract screen are still that person's.
      if (get().session.state !== 'idle') get().reset();
      set({ session: { ...IDLE_SESSION, ...card } });
      return;
    }
    if (get().session.sessionId !== view.sessionId) {
      // Another visit than the one on screen: it starts with nothing left over from the last one.
      get().switchVisit(view);
      return;
    }
    set({ session: view });
  },
});
