/**
 * The hidden gesture that opens the technician PIN pad: five taps on the
 * status bar's kiosk label within three seconds, and only while no visit is
 * on (a taxpayer tapping around during a service can never reach it).
 */
export const DIAG_TAPS = 5;
export const DIAG_WINDOW_MS = 3000;

/** The taps still inside the window after one more at `now`; `complete` when they make the gesture. */
export function addTap(taps: readonly number[], now: number): { taps: number[]; complete: boolean } {
  const recent = [...taps, now].filter((t) => now - t <= DIAG_WINDOW_MS);
  if (recent.length >= DIAG_TAPS) return { taps: [], complete: true };
  return { taps: recent, complete: false };
}
