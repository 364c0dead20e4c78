import { PNG } from 'pngjs';
import { CHAR_HEIGHT_MM, type FieldBox, type FormTemplate } from '../../printers/escp/form-template';
import type { EscpPage, EscpRun } from './escp-interpreter';

/**
 * A printed page against its form: which box each text run belongs to, the
 * runs that stick out of their box, and a PNG where that is visible at a
 * glance (boxes in blue, runs as bars: dark inside their box, red outside).
 */
export interface PlacementProblem {
  field: string;
  problem: string;
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const runRect = (r: EscpRun): Rect => ({ x0: r.xMm, y0: r.yMm, x1: r.xMm + r.widthMm, y1: r.yMm + CHAR_HEIGHT_MM });
const boxRect = (b: FieldBox): Rect => ({ x0: b.xMm, y0: b.yMm, x1: b.xMm + b.widthMm, y1: b.yMm + b.heightMm });
const overlap = (a: Rect, b: Rect) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
const centreDistance = (a: Rect, b: Rect) => Math.hypot((a.x0 + a.x1 - b.x0 - b.x1) / 2, (a.y0 + a.y1 - b.y0 - b.y1) / 2);
/** Positions are whole printer units; a hair of tolerance keeps float noise from reporting a run that touches its edge. */
const EPS_MM = 1e-6;

/** The field a run belongs to: the box it overlaps most, else the nearest box. */
export function fieldOfRun(run: EscpRun, template: FormTemplate): string | null {
  const r = runRect(run);
  let best: { field: string; area: number; dist: number } | null = null;
  for (const [field, b] of Object.entries(template.fields)) {
    const br = boxRect(b);
    const cand = { field, area: overlap(r, br), dist: centreDistance(r, br) };
    if (!best || cand.area > best.area || (cand.area === best.area && cand.dist < best.dist)) best = cand;
  }
  return best?.field ?? null;
}

function outside(r: Rect, b: Rect): string[] {
  const out: string[] = [];
  const f = (mm: number) => mm.toFixed(2);
  if (r.x0 < b.x0 - EPS_MM) out.push(`${f(b.x0 - r.x0)} mm left of the box`);
  if (r.x1 > b.x1 + EPS_MM) out.push(`${f(r.x1 - b.x1)} mm past the right edge`);
  if (r.y0 < b.y0 - EPS_MM) out.push(`${f(b.y0 - r.y0)} mm above the box`);
  if (r.y1 > b.y1 + EPS_MM) out.push(`${f(r.y1 - b.y1)} mm below the box`);
  return out;
}

/** Every field whose text falls outside its box, or that holds text of two fields. */
export function checkPlacement(page: EscpPage, template: FormTemplate): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  const seen = new Map<string, number>();
  for (const run of page.runs) {
    const field = fieldOfRun(run, template);
    const b = field ? template.fields[field] : undefined;
    if (!field || !b) {
      problems.push({ field: '?', problem: `text at ${run.xMm.toFixed(1)},${run.yMm.toFixed(1)} mm with no box on the form` });
      continue;
    }
    seen.set(field, (seen.get(field) ?? 0) + 1);
    const sides = outside(runRect(run), boxRect(b));
    if (sides.length > 0) problems.push({ field, problem: `text ${sides.join(', ')}` });
  }
  for (const [field, count] of seen) if (count > 1) problems.push({ field, problem: `${count} texts in one box (a neighbour's text strayed in)` });
  return problems;
}

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];
export const BOX_COLOUR: Rgb = [40, 110, 220];
export const RUN_COLOUR: Rgb = [40, 40, 40];
export const STRAY_COLOUR: Rgb = [220, 30, 30];

/**
 * Renders the page on its form at `pxPerMm` (default 4: a 241 mm form is 964 px wide).
 * `judge: false` draws every run dark (a test grid is not meant to sit in the boxes).
 */
export function renderPageImage(page: EscpPage, template: FormTemplate, pxPerMm = 4, options: { judge?: boolean } = {}): Buffer {
  const width = Math.ceil(template.widthMm * pxPerMm);
  const height = Math.ceil(template.heightMm * pxPerMm);
  const png = new PNG({ width, height });
  const set = (x: number, y: number, c: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 4;
    png.data[i] = c[0];
    png.data[i + 1] = c[1];
    png.data[i + 2] = c[2];
    png.data[i + 3] = 255;
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) set(x, y, WHITE);
  const px = (mm: number) => Math.round(mm * pxPerMm);
  for (const b of Object.values(template.fields)) {
    const r = boxRect(b);
    for (let x = px(r.x0); x <= px(r.x1); x++) {
      set(x, px(r.y0), BOX_COLOUR);
      set(x, px(r.y1), BOX_COLOUR);
    }
    for (let y = px(r.y0); y <= px(r.y1); y++) {
      set(px(r.x0), y, BOX_COLOUR);
      set(px(r.x1), y, BOX_COLOUR);
    }
  }
  for (const run of page.runs) {
    const field = fieldOfRun(run, template);
    const b = field ? template.fields[field] : undefined;
    const r = runRect(run);
    const stray = options.judge !== false && (!b || outside(r, boxRect(b)).length > 0);
    // Bars stop a pixel short of their extent so a run that fills its box still shows the box line.
    for (let y = px(r.y0) + 1; y < px(r.y1); y++) for (let x = px(r.x0) + 1; x < px(r.x1); x++) set(x, y, stray ? STRAY_COLOUR : RUN_COLOUR);
  }
  return PNG.sync.write(png);
}
