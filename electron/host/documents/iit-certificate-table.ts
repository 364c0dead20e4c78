import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { pdfRgb } from './pdf-colour';
import { wrapText } from './cjk-font';

/**
 * The ruled table of the IIT certificate: cells that wrap within their
 * column (and are cut with "…" past a few lines, so one hostile record can
 * never outgrow a page), rows measured before anything is drawn, and the
 * split of rows over pages.
 */

export const INK = pdfRgb(0, 0, 0);
export const GREY = pdfRgb(0.35, 0.35, 0.35);
export const HEADER_FILL = pdfRgb(0.9, 0.9, 0.9);
export const RULE = 0.5;
export const FRAME = 0.9;

export type Align = 'left' | 'center' | 'right';
export interface Column {
  width: number;
  align: Align;
}

export const CELL_SIZE = 9;
const LINE_HEIGHT = 11.5;
const PAD_X = 4;
const PAD_Y = 4.5;
const MIN_ROW = 20;
const MAX_LINES = 3;
export const ELLIPSIS = '…';

/** A row ready to draw: the lines of each cell, and its height. */
export interface TableRow {
  lines: string[][];
  height: number;
  size: number;
  fill?: RGB;
  /** Columns this row's cells span (defaults to one each). */
  spans?: number[];
  aligns?: Align[];
}

/** `text` wrapped into `width`, at most `maxLines` lines; a cut shows as a trailing "…". */
export function fitLines(text: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const lines = wrapText(text, font, size, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last !== '' && font.widthOfTextAtSize(last + ELLIPSIS, size) > width) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = last + ELLIPSIS;
  return kept;
}

/** Measures one row of cells against `columns` (with optional spans). */
export function measureRow(
  cells: string[],
  columns: readonly Column[],
  font: PDFFont,
  opts: { size?: number; minHeight?: number; spans?: number[]; aligns?: Align[]; fill?: RGB; maxLines?: number } = {},
): TableRow {
  const size = opts.size ?? CELL_SIZE;
  const widths = spannedWidths(columns, opts.spans ?? cells.map(() => 1));
  const lines = cells.map((text, i) => fitLines(text, font, size, (widths[i] ?? 0) - 2 * PAD_X, opts.maxLines ?? MAX_LINES));
  const tallest = Math.max(1, ...lines.map((l) => l.length));
  const lineHeight = lineHeightFor(size);
  const height = Math.max(opts.minHeight ?? MIN_ROW, tallest * lineHeight + 2 * PAD_Y);
  return { lines, height, size, fill: opts.fill, spans: opts.spans, aligns: opts.aligns };
}

function lineHeightFor(size: number): number {
  return (LINE_HEIGHT * size) / CELL_SIZE;
}

function spannedWidths(columns: readonly Column[], spans: readonly number[]): number[] {
  const out: number[] = [];
  let col = 0;
  for (const span of spans) {
    out.push(columns.slice(col, col + span).reduce((sum, c) => sum + c.width, 0));
    col += span;
  }
  return out;
}

/**
 * Draws `row` with its top edge at `top`: fill, the text of each cell
 * centred vertically, a rule under it and one between cells. The frame's
 * outer verticals are drawn heavier, like a printed form.
 */
export function drawRow(page: PDFPage, font: PDFFont, row: TableRow, columns: readonly Column[], left: number, top: number): void {
  const spans = row.spans ?? row.lines.map(() => 1);
  const widths = spannedWidths(columns, spans);
  const total = widths.reduce((a, b) => a + b, 0);
  const bottom = top - row.height;
  if (row.fill) page.drawRectangle({ x: left, y: bottom, width: total, height: row.height, color: row.fill });
  const lineHeight = lineHeightFor(row.size);
  let x = left;
  row.lines.forEach((lines, i) => {
    const width = widths[i] ?? 0;
    const spanned = spans.slice(0, i + 1).reduce((a, b) => a + b, 0);
    const align = row.aligns?.[i] ?? columns[spanned - 1]?.align ?? 'left';
    // Centre the block of lines in the row; a line's visual middle sits ~0.38 em above its baseline (CJK em box).
    const blockTop = top - (row.height - lines.length * lineHeight) / 2;
    lines.forEach((line, n) => {
      const baseline = blockTop - (n + 0.5) * lineHeight - 0.38 * row.size;
      const w = font.widthOfTextAtSize(line, row.size);
      const tx = align === 'left' ? x + PAD_X : align === 'right' ? x + width - PAD_X - w : x + (width - w) / 2;
      page.drawText(line, { x: tx, y: baseline, size: row.size, font, color: INK });
    });
    if (i > 0) page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: RULE, color: INK });
    x += width;
  });
  page.drawLine({ start: { x: left, y: bottom }, end: { x: left + total, y: bottom }, thickness: RULE, color: INK });
  for (const edge of [left, left + total]) page.drawLine({ start: { x: edge, y: top }, end: { x: edge, y: bottom }, thickness: FRAME, color: INK });
}

/**
 * Splits rows over pages: the first page has `first` points for rows, the
 * others `next`; after the last row `closing` points must remain (the total
 * and the issuer). When they do not, the closing block goes over with the
 * last `keep` rows, so a total does not stand alone on a page.
 */
export function paginate(heights: readonly number[], first: number, next: number, closing: number, keep = 3): number[][] {
  const pages: number[][] = [[]];
  let room = first;
  heights.forEach((h, i) => {
    const current = pages[pages.length - 1] ?? [];
    if (h > room && current.length > 0) {
      pages.push([i]);
      room = next - h;
    } else {
      current.push(i);
      room -= h;
    }
  });
  if (room >= closing) return pages;
  const last = pages[pages.length - 1] ?? [];
  // Rows never outgrow a page (cells are cut at a few lines), so `keep` rows and the closing block fit on a fresh one.
  pages.push(last.length > keep ? last.splice(last.length - keep, keep) : []);
  return pages;
}
