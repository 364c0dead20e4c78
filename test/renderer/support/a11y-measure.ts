/**
 * What a screen measures in the browser: the smallest text, the smallest
 * touch target, the lowest text contrast against its effective background,
 * the tightest line height, and controls that fall outside the viewport.
 * `measureScreen` runs in the page (page.evaluate): it must be self-contained.
 */
export interface ScreenMetrics {
  minFontPx: number;
  minFontText: string;
  maxFontPx: number;
  minLineHeight: number;
  minLineHeightText: string;
  minTargetPx: number;
  minTargetWhat: string;
  minContrast: number;
  minContrastText: string;
  /** Controls and words cut off by the viewport with no scrolling container to reach them; Back/Exit/Cancel cut at all. */
  offscreen: string[];
  /** The screen's primary actions (`.btn-primary` outside a list of choices) not wholly in view without scrolling. */
  primaryCut: string[];
  /** Text wider than its box (clipped, or spilling over its neighbours), and a page wider than the screen. */
  overflow: string[];
  /**
   * Content a person cannot see and is not told about: text or a control under a sticky or fixed
   * bar, or below a scroller's fold, while no scroll cue is on screen; and anything still under a
   * bar with its scroller at the end (no scrolling will ever show it).
   */
  hidden: string[];
  /**
   * Control labels broken where a reader stumbles: one Chinese character left alone on the last
   * line ("返回上一 / 步"), or a line break inside a term that must stay whole (纳税人识别号).
   */
  brokenWords: string[];
}

export function measureScreen(): ScreenMetrics {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba | null => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return value === 'transparent' ? [0, 0, 0, 0] : null;
    const parts = (m[1] ?? '')
      .split(/[,\s/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const over = (top: Rgba, below: Rgba): Rgba => {
    const a = top[3] + below[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (t: number, b: number) => (t * top[3] + b * below[3] * (1 - top[3])) / a;
    return [mix(top[0], below[0]), mix(top[1], below[1]), mix(top[2], below[2]), a];
  };
  const luminance = (c: Rgba) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [la, lb] = [luminance(a), luminance(b)];
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  };
  /** The colours one element's own background can show: its colour, and each gradient stop over it. */
  const layerColours = (el: Element): Rgba[] => {
    const style = getComputedStyle(el);
    const base = parse(style.backgroundColor) ?? [0, 0, 0, 0];
    const image = style.backgroundImage;
    if (image === 'none') return [base];
    const stops = [...image.matchAll(/rgba?\([^)]+\)/g)].map((m) => parse(m[0])).filter((c): c is Rgba => c !== null);
    return stops.length === 0 ? [base] : stops.map((stop) => over(stop, base));
  };
  /** Every colour the text may sit on: backgrounds from the element up to the first opaque one. */
  const backgrounds = (el: Element): Rgba[] => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      chain.push(e);
      const colours = layerColours(e);
      if (colours.every((c) => c[3] >= 1)) break;
    }
    let result: Rgba[] = [[255, 255, 255, 1]];
    for (const e of chain.reverse()) {
      const layer = layerColours(e);
      const next: Rgba[] = [];
      for (const below of result) for (const top of layer) next.push(over(top, below));
      // Keep the set small: the darkest and the lightest bound the contrast.
      next.sort((a, b) => luminance(a) - luminance(b));
      result = next.length > 2 ? [next[0] as Rgba, next[next.length - 1] as Rgba] : next;
    }
    return result;
  };
  const opacity = (el: Element): number => {
    let o = 1;
    for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const label = (el: Element, text: string) => {
    const id = el.closest('[data-testid]')?.getAttribute('data-testid');
    return `${text.trim().slice(0, 24)}${id ? ` [${id}]` : ''}`;
  };

  /** How much of a box shows (0–1) once the viewport and clipping ancestors cut it, and whether a scroller can bring it in. */
  const shownShare = (el: Element, r: DOMRect): { share: number; reachable: boolean } => {
    let [top, left, bottom, right] = [Math.max(r.top, 0), Math.max(r.left, 0), Math.min(r.bottom, innerHeight), Math.min(r.right, innerWidth)];
    let reachable = false;
    for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const scrolls = /(auto|scroll)/.test(s.overflowY + s.overflowX) && (a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1);
      if (scrolls) reachable = true;
      const c = a.getBoundingClientRect();
      [top, left, bottom, right] = [Math.max(top, c.top), Math.max(left, c.left), Math.min(bottom, c.bottom), Math.min(right, c.right)];
    }
    const area = Math.max(1, r.width * r.height);
    return { share: (Math.max(0, bottom - top) * Math.max(0, right - left)) / area, reachable };
  };

  // With the countdown up, everything behind it is covered: measure the dialog.
  const scope: Element = document.querySelector('.overlay, .diag-overlay') ?? document.body;
  const skip = (el: Element) => el.closest('.sim-corner') !== null || el.closest('[aria-hidden="true"]') !== null;

  const metrics: ScreenMetrics = {
    minFontPx: Infinity,
    minFontText: '',
    maxFontPx: 0,
    minLineHeight: Infinity,
    minLineHeightText: '',
    minTargetPx: Infinity,
    minTargetWhat: '',
    minContrast: Infinity,
    minContrastText: '',
    offscreen: [],
    primaryCut: [],
    overflow: [],
    hidden: [],
    brokenWords: [],
  };

  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const el = node.parentElement;
    if (!el || text.trim() === '' || skip(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const style = getComputedStyle(el);
    if (rects.length === 0 || style.visibility !== 'visible' || opacity(el) === 0) continue;
    // Words cut off by the screen's edge (or a box that hides its overflow), with no scrolling to reach them.
    for (const r of rects) {
      const { share, reachable } = shownShare(el, r);
      if (share < 0.9 && !reachable) {
        metrics.offscreen.push(`text ${label(el, text)}`);
        break;
      }
    }
    const size = parseFloat(style.fontSize);
    if (size < metrics.minFontPx) {
      metrics.minFontPx = size;
      metrics.minFontText = label(el, text);
    }
    metrics.maxFontPx = Math.max(metrics.maxFontPx, size);
    // Line height matters where text can wrap: more than one line box, or a paragraph-like block.
    if (style.lineHeight !== 'normal' && rects.length > 1) {
      const lh = parseFloat(style.lineHeight) / size;
      if (lh < metrics.minLineHeight) {
        metrics.minLineHeight = lh;
        metrics.minLineHeightText = label(el, text);
      }
    }
    // A disabled control is exempt from contrast (WCAG 1.4.3); everything else is measured.
    if (el.closest(':disabled') !== null) continue;
    const fg = parse(style.color) ?? [0, 0, 0, 1];
    const faded: Rgba = [fg[0], fg[1], fg[2], fg[3] * opacity(el)];
    for (const bg of backgrounds(el)) {
      const c = ratio(over(faded, bg), bg);
      if (c < metrics.minContrast) {
        metrics.minContrast = c;
        metrics.minContrastText = label(el, text);
      }
    }
  }

  const controls = scope.querySelectorAll(
    'button, a[href], input, select, textarea, [role="button"], [role="switch"], [role="tab"], [tabindex]:not([tabindex="-1"])',
  );
  for (const el of controls) {
    if (skip(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility !== 'visible') continue;
    const size = Math.min(r.width, r.height);
    const what = label(el, el.textContent ?? el.getAttribute('aria-label') ?? el.tagName);
    if (size < metrics.minTargetPx) {
      metrics.minTargetPx = size;
      metrics.minTargetWhat = what;
    }
    const { share, reachable } = shownShare(el.parentElement ?? el, r);
    if (share >= 0.99) continue;
    // Back, Exit and Cancel stay on screen at every step; anything else may sit in a list that scrolls.
    const id = el.getAttribute('data-testid') ?? '';
    const nav = id === 'exit' || id.endsWith('-back') || id.endsWith('-cancel');
    if (nav || !reachable) metrics.offscreen.push(what);
  }

  // The primary action is in view without scrolling: not below the fold, not inside a scroller's hidden part.
  // Choice lists (a button per taxpayer, per unfinished invoice) may scroll; their items are not "the" action.
  for (const el of scope.querySelectorAll('.btn-primary')) {
    if (skip(el) || el.closest('.coll-cards, [role="list"], ul, ol') !== null) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility !== 'visible') continue;
    const inViewport = r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
    if (!inViewport || shownShare(el, r).share < 0.99) metrics.primaryCut.push(label(el, el.textContent ?? ''));
  }

  // Nothing hidden without a sign: every text line and control of the screen is wholly in view and on
  // top (no sticky or fixed bar over it), or its scroller can bring it in and the scroll cue is shown.
  const clipOf = (el: Element): { rect: { top: number; left: number; bottom: number; right: number }; scroller: Element | null } => {
    let rect = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
    let scroller: Element | null = null;
    for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
      const st = getComputedStyle(a);
      // A fixed box (a dialog) escapes its ancestors' clipping: only the viewport cuts it.
      if (st.position === 'fixed') break;
      if (a === el || (st.overflowX === 'visible' && st.overflowY === 'visible')) continue;
      if (scroller === null && /(auto|scroll)/.test(st.overflowY) && a.scrollHeight > a.clientHeight + 1) scroller = a;
      const c = a.getBoundingClientRect();
      rect = {
        top: Math.max(rect.top, c.top),
        left: Math.max(rect.left, c.left),
        bottom: Math.min(rect.bottom, c.bottom),
        right: Math.min(rect.right, c.right),
      };
    }
    return { rect, scroller };
  };
  /** The element drawn on top at a point covers `el` unless it is `el`, inside it, one of its ancestors, or the demo corner. */
  const coveredAt = (el: Element, x: number, y: number): Element | null => {
    const hit = document.elementFromPoint(x, y);
    if (hit === null || el.contains(hit) || hit.contains(el) || hit.closest('.sim-corner') !== null) return null;
    return hit;
  };
  const barName = (hit: Element) => {
    for (let a: Element | null = hit; a; a = a.parentElement) {
      const pos = getComputedStyle(a).position;
      if (pos === 'sticky' || pos === 'fixed') return `${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`;
    }
    return `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}`;
  };
  const cue = document.querySelector('[data-testid="scroll-cue"]');
  const cueShown = (() => {
    if (cue === null || getComputedStyle(cue).visibility !== 'visible' || opacity(cue) === 0) return false;
    const r = cue.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) return false;
    return coveredAt(cue, (r.left + r.right) / 2, (r.top + r.bottom) / 2) === null;
  })();
  /** Boxes to check: each text line (its rectangles, live: they move when a box scrolls) and each control. */
  const pieces: { el: Element; rects: () => DOMRect[]; what: string }[] = [];
  const textWalker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = textWalker.nextNode(); node; node = textWalker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent ?? '';
    if (!el || text.trim() === '' || skip(el) || getComputedStyle(el).visibility !== 'visible' || opacity(el) === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    pieces.push({ el, rects: () => [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0), what: `text ${label(el, text)}` });
  }
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (skip(el) || r.width === 0 || r.height === 0 || getComputedStyle(el).visibility !== 'visible') continue;
    pieces.push({ el, rects: () => [el.getBoundingClientRect()], what: label(el, el.textContent ?? el.getAttribute('aria-label') ?? el.tagName) });
  }
  /** Where a piece stands: shown (or cut only at the top or a side), below its scroller's fold, or under a bar. */
  const stateOf = (el: Element, r: DOMRect): { state: 'shown' | 'clipped' | 'covered'; by?: string; scroller: Element | null } => {
    const { rect: clip, scroller } = clipOf(el);
    const [top, bottom, left, right] = [Math.max(r.top, clip.top), Math.min(r.bottom, clip.bottom), Math.max(r.left, clip.left), Math.min(r.right, clip.right)];
    // Cut only at the top or the sides: scrolled past (the person's doing, or focus), or the offscreen check's business.
    if (r.bottom > clip.bottom + 1 && bottom - top < r.height - 1) return { state: 'clipped', scroller };
    if (bottom - top < r.height - 1 || right - left < r.width - 1) return { state: 'shown', scroller };
    const y = (top + bottom) / 2;
    for (const x of [left + 2, (left + right) / 2, right - 2]) {
      const hit = coveredAt(el, x, y);
      if (hit !== null) return { state: 'covered', by: barName(hit), scroller };
    }
    return { state: 'shown', scroller };
  };
  const hiddenSeen = new Set<string>();
  const report = (what: string) => {
    if (!hiddenSeen.has(what)) metrics.hidden.push(what);
    hiddenSeen.add(what);
  };
  const scrollersToEnd = new Set<Element>();
  for (const { el, rects, what } of pieces) {
    for (const rect of rects()) {
      const { state, by, scroller } = stateOf(el, rect);
      if (state === 'shown') continue;
      const canScrollDown = scroller !== null && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1;
      if (!canScrollDown) {
        // Clipped with no scroller: the offscreen check reports it. Covered with nowhere to scroll: hidden for good.
        if (state === 'covered') report(`under ${by}, and no scrolling shows it: ${what}`);
        break;
      }
      scrollersToEnd.add(scroller);
      // A log (diagnostics' raw frames, newest first) is read by scrolling it, and a technician knows it:
      // older entries below its fold need no cue. Only role="log" scrollers are exempt.
      const ownSign = scroller.getAttribute('role') === 'log';
      if (!cueShown && !ownSign) report(`${state === 'covered' ? `under ${by}` : 'below the fold'} with no scroll cue on screen: ${what}`);
      break;
    }
  }
  // Scrolled to the end, nothing may still sit under a bar.
  for (const scroller of scrollersToEnd) {
    const before = scroller.scrollTop;
    scroller.scrollTop = scroller.scrollHeight;
    for (const { el, rects, what } of pieces) {
      if (!scroller.contains(el)) continue;
      for (const rect of rects()) {
        const { state, by } = stateOf(el, rect);
        if (state === 'covered') {
          report(`under ${by} even scrolled to the end: ${what}`);
          break;
        }
      }
    }
    scroller.scrollTop = before;
  }

  // Longer words (English) must wrap, not run out of their box: a block whose own text is wider than it.
  const seen = new Set<Element>();
  const texts = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if ((node.textContent ?? '').trim() === '' || !node.parentElement || skip(node.parentElement)) continue;
    // The nearest box with a width of its own (inline spans have none).
    let box: Element | null = node.parentElement;
    while (
      box &&
      getComputedStyle(box).display.startsWith('inline') &&
      !getComputedStyle(box).display.includes('block') &&
      !getComputedStyle(box).display.includes('flex')
    )
      box = box.parentElement;
    if (!box || seen.has(box)) continue;
    seen.add(box);
    const html = box as HTMLElement;
    if (html.clientWidth === 0 || box.closest('input, textarea') !== null) continue;
    const style = getComputedStyle(box);
    if (/(auto|scroll)/.test(style.overflowX)) continue;
    if (html.scrollWidth > html.clientWidth + 1) metrics.overflow.push(`${html.scrollWidth - html.clientWidth}px wider: ${label(box, box.textContent ?? '')}`);
  }
  // Control labels: no lone CJK character on the last line, no break inside a kept term.
  const cjk = /[\u3400-\u9fff]/;
  /** Terms a control's label never breaks inside (each is read as one word). Here, not at module level: this runs in the page. */
  const WHOLE_TERMS = ['纳税人识别号', '返回上一步', '返回业务菜单', '点此输入', '长辈模式', '公开信息'];
  const lineTop = (node: Node, i: number): number => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    return r.getBoundingClientRect().top;
  };
  const labels = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = labels.nextNode(); node; node = labels.nextNode()) {
    const el = node.parentElement;
    const raw = node.textContent ?? '';
    if (!el || skip(el) || el.closest('button, [role="button"], [role="radio"], a') === null || getComputedStyle(el).visibility !== 'visible') continue;
    // Words for screen readers only (a 1 px box) are not seen, so not misread.
    if (el.getBoundingClientRect().width <= 2) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => Math.round(r.top)));
    if (tops.size < 2) continue;
    // Glyphs of one line may sit a little apart (a fallback font): a new line is half a character lower or more.
    const apart = parseFloat(getComputedStyle(el).fontSize) / 2;
    const end = raw.trimEnd().length;
    if (end >= 2 && cjk.test(raw[end - 1] ?? '') && Math.abs(lineTop(node, end - 1) - lineTop(node, end - 2)) > apart)
      metrics.brokenWords.push(`a lone "${raw[end - 1]}" on the last line: ${label(el, raw)}`);
    for (const term of WHOLE_TERMS) {
      for (let at = raw.indexOf(term); at >= 0; at = raw.indexOf(term, at + 1)) {
        const first = lineTop(node, at);
        if ([...term].some((_, k) => Math.abs(lineTop(node, at + k) - first) > apart))
          metrics.brokenWords.push(`"${term}" broken across lines: ${label(el, raw)}`);
      }
    }
  }

  if (document.documentElement.scrollWidth > innerWidth + 1) metrics.overflow.push(`page ${document.documentElement.scrollWidth}px wide > ${innerWidth}px`);
  return metrics;
}
