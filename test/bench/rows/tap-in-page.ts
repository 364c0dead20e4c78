import type { Page } from 'playwright-core';

/**
 * What on the screen shows that a tap was taken. `appears`: an element
 * matching the selector exists; `text`/`value`/`attr`: the first element
 * matching it changed its text, input value or attribute; `mutation`: any DOM
 * change outside the status bar, the simulator corner and the idle overlay.
 */
export type Response = { appears: string } | { text: string } | { value: string } | { attr: string; name: string } | { mutation: true };

export interface Tap {
  /** data-testid of the control tapped: the first one, or the first whose text contains `text` (equals it with `exact`). */
  testId: string;
  text?: string;
  exact?: boolean;
  response: Response;
  /** For taps that wait on the host: what the host's answer looks like once painted. */
  host?: Response;
}

export interface TapTiming {
  /** Tap → the DOM shows the response. */
  dom: number;
  /** Tap → that response painted (see `afterNextPaint`). */
  paint: number;
  /** Tap → the host's answer painted, for taps with `host`. */
  host: number | null;
}

/**
 * One tap timed inside the page, so no Playwright round trip is in the figure:
 * observers armed, `pointerdown`/`pointerup`/`click` dispatched on the
 * control, then the first moment the response is in the DOM (checked on every
 * DOM mutation, right after the dispatch, and every animation frame, since an
 * input's value changes without a mutation), then the next paint.
 *
 * Next paint = one `requestAnimationFrame` then a `setTimeout(0)`: the rAF
 * callback runs at the start of the frame that will carry the change (style,
 * layout and paint follow it in the same frame), and the timeout task runs
 * once that frame's rendering work has left the main thread. Two rAFs would
 * instead wait for the start of the *following* frame, adding a whole frame
 * (16.7 ms at 60 Hz, a sixth of the 100 ms budget) that the person never sees.
 */
export async function timeTap(page: Page, tap: Tap, timeoutMs = 30_000): Promise<TapTiming> {
  return page.evaluate(
    async ({ tap: t, timeoutMs: limit }) => {
      type R = typeof t.response;
      const target = [...document.querySelectorAll<HTMLElement>(`[data-testid="${t.testId}"]`)].find(
        (el) => t.text === undefined || (t.exact ? (el.textContent ?? '').trim() === t.text : (el.textContent ?? '').includes(t.text)),
      );
      if (!target) throw new Error(`no control ${t.testId}${t.text ? ` "${t.text}"` : ''} on the screen`);
      const IGNORED = '.status-bar, .sim-corner, [data-testid="idle-overlay"]';
      const read = (r: R): string | null => {
        if ('appears' in r) return null;
        if ('mutation' in r) return null;
        const sel = 'text' in r ? r.text : 'value' in r ? r.value : r.attr;
        const el = document.querySelector(sel);
        if (!el) return '\u0000absent';
        if ('text' in r) return el.textContent;
        if ('value' in r) return (el as HTMLInputElement).value;
        return el.getAttribute(r.name);
      };
      const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

      function watch(r: R): Promise<number> {
        const before = read(r);
        let mutated = false;
        const shown = (): boolean => ('appears' in r ? document.querySelector(r.appears) !== null : 'mutation' in r ? mutated : read(r) !== before);
        return new Promise<number>((resolve, reject) => {
          let frame = 0;
          const finish = (at: number) => {
            observer.disconnect();
            cancelAnimationFrame(frame);
            clearTimeout(timer);
            resolve(at);
          };
          const check = () => {
            if (shown()) finish(performance.now());
          };
          const observer = new MutationObserver((records) => {
            if (!mutated) mutated = records.some((m) => !(m.target instanceof Element ? m.target : m.target.parentElement)?.closest(IGNORED));
            check();
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          const poll = () => {
            check();
            frame = requestAnimationFrame(poll);
          };
          frame = requestAnimationFrame(poll);
          const timer = setTimeout(() => {
            observer.disconnect();
            cancelAnimationFrame(frame);
            reject(new Error(`no response to ${t.testId} within ${limit} ms: ${JSON.stringify(r)}`));
          }, limit);
          queueMicrotask(check);
        });
      }

      let t0 = 0;
      const visible = watch(t.response);
      // Painted as soon as it is there, even while the visible response is still being awaited.
      const answered = t.host
        ? watch(t.host).then(async () => {
            await afterNextPaint();
            return performance.now() - t0;
          })
        : null;
      t0 = performance.now();
      const pointer = { bubbles: true, cancelable: true, composed: true, isPrimary: true, pointerType: 'touch', pointerId: 1 };
      target.dispatchEvent(new PointerEvent('pointerdown', pointer));
      target.dispatchEvent(new PointerEvent('pointerup', pointer));
      target.click();
      const dom = (await visible) - t0;
      await afterNextPaint();
      const paint = performance.now() - t0;
      const host = answered ? await answered : null;
      return { dom, paint, host };
    },
    { tap, timeoutMs },
  );
}
