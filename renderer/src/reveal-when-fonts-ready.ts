/**
 * The first paint waits for the bundled CJK font. Until its glyphs for what
 * is on screen have loaded, Chromium draws a fallback font of other widths;
 * the swap then moved the attract screen's rows (the 公开信息 button wrapped
 * under the 长辈模式 switch and pushed the card prompt down by 147 px). So
 * the page stays hidden (index.html: html[data-fonts='loading'] #root) until
 * the fonts the first screen asked for are in, or `timeoutMs` has passed: a
 * broken font must never keep the kiosk blank.
 */
export function revealWhenFontsReady(doc: Document, timeoutMs = 3000): Promise<void> {
  const reveal = () => {
    delete doc.documentElement.dataset.fonts;
  };
  // Two frames: the first render has been laid out, so the fonts it needs have been requested.
  const requested = new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  const ready = requested.then(() => doc.fonts.ready).then(() => undefined);
  const late = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs));
  return Promise.race([ready, late]).then(reveal, reveal);
}
