/**
 * Runs `fn` once the next frame has been painted: a host call that starts
 * CPU-heavy work (the certificate's PDF) then begins after the screen shows
 * its new step, not in competition with drawing it (on two cores the two
 * fought, and the tap's response took ~100 ms). If no frame comes within
 * 100 ms (a hidden window draws none) it runs anyway: the work never waits on
 * the screen. Outside a browser (unit tests) it runs at once.
 */
export const PAINT_WAIT_MAX_MS = 100;

export function afterNextPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    fn();
    return;
  }
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, PAINT_WAIT_MAX_MS);
}
