import { wrapByWidth } from '../../../shared/domain/line-break';

/**
 * Display width on a receipt printer in Chinese mode (`FS &`): every
 * single-byte code (ASCII, 0x00–0x7F in GB18030) prints half width, every
 * multi-byte code (2 or 4 bytes in GB18030) prints one full-width glyph,
 * i.e. two columns. So the width follows the encoding, not Unicode's East
 * Asian Width table: `·` (A1A4) and `¥` (81308436) take two columns on paper.
 */
export function charWidth(ch: string): 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * C0 controls and DEL would be printer commands (ESC, GS, DLE EOT…): a text
 * must never inject one, so each becomes a space. Tabs too (column stops are
 * printer-specific); lone surrogates become U+FFFD so no code unit is split.
 */
export function sanitizeText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Cuts `text` to at most `width` columns, by whole characters (a full-width char never split). */
export function truncateToWidth(text: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    if (w + charWidth(ch) > width) break;
    out += ch;
    w += charWidth(ch);
  }
  return out;
}

/**
 * Splits `text` into lines of at most `width` columns, at word and
 * punctuation boundaries (shared/domain/line-break.ts: no term split, no line
 * starting with ，。); whole characters only. Always at least one line.
 */
export function wrapToWidth(text: string, width: number): string[] {
  return wrapByWidth(text, Math.max(2, width), charWidth);
}

/** Left-pads a line to the given alignment within `columns` (what the printer does for `ESC a n`). */
export function alignedLine(text: string, align: 'left' | 'center' | 'right', columns: number, scale: 1 | 2 = 1): string {
  const w = displayWidth(text) * scale;
  const room = Math.max(0, columns - w);
  const pad = align === 'left' ? 0 : align === 'center' ? Math.floor(room / 2) : room;
  // Padding counts printed columns, so a preview shows where the text sits on paper.
  return (' '.repeat(pad) + text).trimEnd();
}
