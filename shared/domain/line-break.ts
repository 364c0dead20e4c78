/**
 * Where a line of Chinese (and mixed) text may break, for the receipt and
 * anything else that wraps text by a column count. Printed Chinese may break
 * between most characters, but not inside a word a reader takes as one term
 * ("办税服务 / 厅咨询" reads as two wrong words), not before closing punctuation
 * (a line never starts with ，。、) and not after opening punctuation (a line
 * never ends with （「). These are the line-breaking rules of CLREQ
 * (W3C, "Requirements for Chinese Text Layout", 行首行尾禁则), applied to the
 * word boundaries of Unicode text segmentation (Intl.Segmenter, UAX #29 with
 * ICU's Chinese dictionary), plus the tax vocabulary a receipt prints, which
 * a general dictionary splits (办|税|服务|厅).
 */

/** Terms printed on receipts and forms that must stay on one line. Longest first where one contains another. */
export const UNBREAKABLE_TERMS: readonly string[] = [
  '统一社会信用代码',
  '纳税人识别号',
  '城市维护建设税',
  '地方教育附加',
  '个人所得税',
  '教育费附加',
  '办税服务厅',
  '完税证明',
  '发票代开',
  '发票领用',
  '增值税',
  '税务局',
  '取票码',
  '验证码',
  '交易号',
  '纳税人',
  '购买方',
  '销售方',
  '价税合计',
  '自助终端',
];

/** A line never starts with these (closing punctuation, CLREQ 行首禁则). */
const NO_LINE_START = new Set([...'，。、；：？！）」』】》〉…—,.;:?!)]}%‰']);
/** A line never ends with these (opening punctuation, CLREQ 行尾禁则). */
const NO_LINE_END = new Set([...'（「『【《〈([{']);

let segmenter: Intl.Segmenter | null = null;

/**
 * The positions (in code points, 1..length-1) before which `chars` may break.
 * Exported for tests; `wrapByWidth` is what callers use.
 */
export function breakOpportunities(chars: readonly string[]): Set<number> {
  segmenter ??= new Intl.Segmenter('zh-CN', { granularity: 'word' });
  const text = chars.join('');
  const allowed = new Set<number>();
  // Code-unit offsets of segments → code-point positions.
  const unitToPoint = new Map<number, number>();
  let unit = 0;
  chars.forEach((ch, i) => {
    unitToPoint.set(unit, i);
    unit += ch.length;
  });
  for (const { index } of segmenter.segment(text)) {
    const at = unitToPoint.get(index);
    if (at !== undefined && at > 0) allowed.add(at);
  }
  // ICU's dictionary splits some terms (办|税|服务|厅): no break inside a tax term wherever it occurs.
  for (const term of UNBREAKABLE_TERMS) {
    const termChars = [...term];
    for (let from = text.indexOf(term); from !== -1; from = text.indexOf(term, from + 1)) {
      const start = unitToPoint.get(from);
      if (start === undefined) continue;
      for (let k = start + 1; k < start + termChars.length; k++) allowed.delete(k);
    }
  }
  for (const at of [...allowed]) {
    if (NO_LINE_START.has(chars[at] ?? '') || NO_LINE_END.has(chars[at - 1] ?? '')) allowed.delete(at);
  }
  return allowed;
}

/**
 * Splits `text` into lines of at most `width` columns (`widthOf` per
 * character), breaking at the last opportunity that fits; a run with no
 * opportunity inside the width (a long number, a term wider than the paper)
 * is cut by whole characters. Spaces at a break are dropped. Always at least
 * one line.
 */
export function wrapByWidth(text: string, width: number, widthOf: (ch: string) => number): string[] {
  const chars = [...text];
  const allowed = breakOpportunities(chars);
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let w = 0;
    let end = start;
    while (end < chars.length && w + widthOf(chars[end] ?? '') <= width) w += widthOf(chars[end++] ?? '');
    if (end === chars.length) {
      lines.push(chars.slice(start).join('').trimEnd());
      break;
    }
    let cut = end;
    while (cut > start && !allowed.has(cut) && chars[cut] !== ' ') cut--;
    if (cut === start) cut = Math.max(end, start + 1); // nothing to break at: whole characters
    lines.push(chars.slice(start, cut).join('').trimEnd());
    start = cut;
    while (chars[start] === ' ') start++;
  }
  return lines.length > 0 ? lines : [''];
}
