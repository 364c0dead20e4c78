import type { KioskState } from './types';

/** A slice's fields without its actions. */
export type SliceData<S> = { [K in keyof S as S[K] extends (...args: never[]) => unknown ? never : K]: S[K] };

/**
 * What one slice holds for a visit (zustand's "reset state" recipe, one
 * declaration per slice): every field of the slice is named here once, as a
 * record, a choice or a kiosk fact. `reset()` (a visit ends) and a new visit
 * (another `sessionId`) both read these declarations and nothing else, so a
 * slice added later is reset by declaring it, and
 * test/unit/renderer/store-visit.test.ts fails while a field is undeclared.
 */
export interface SliceVisit<S> {
  /** The person's data (a flow, a notice): back to these when a visit starts and when it ends. */
  readonly records: Partial<SliceData<S>>;
  /**
   * What a person may choose on the attract screen before the card (language,
   * elderly mode, mute): kept into the visit that card starts, back to the
   * kiosk's default when a visit ends.
   */
  readonly choices?: (state: KioskState) => Partial<SliceData<S>>;
  /** Facts about the kiosk, not the person (devices, app info, config): no visit changes them. */
  readonly kioskFacts: readonly (keyof SliceData<S>)[];
}

/** The state a visit ends in: every slice's records and choices back to their start. */
export function endOfVisit(slices: readonly SliceVisit<KioskState>[], state: KioskState): Partial<KioskState> {
  return slices.reduce<Partial<KioskState>>((patch, slice) => ({ ...patch, ...slice.records, ...slice.choices?.(state) }), {});
}

/** The state a visit starts in after the attract screen: every slice's records back to their start, choices kept. */
export function startOfVisit(slices: readonly SliceVisit<KioskState>[]): Partial<KioskState> {
  return slices.reduce<Partial<KioskState>>((patch, slice) => ({ ...patch, ...slice.records }), {});
}
