import iconv from 'iconv-lite';
import type { InvoiceFormData } from '../../../shared/domain/invoice-form';
import { charWidth, displayWidth, sanitizeText } from '../escpos/text-width';
import { CHAR_HEIGHT_MM, MM_PER_INCH, PAD_MM, cellMm, fieldTexts, pitchesOf, type Cpi, type FieldBox, type FormTemplate } from './form-template';

/**
 * ESC/P (24-pin) encoder for pre-printed forms. Pure: data in, bytes out.
 *
 * Units and rounding (Epson ESC/P reference):
 * - horizontal: `ESC $ nL nH` sets the absolute position from the left margin
 *   in 1/60 inch (0.423 mm); vertical: `ESC J n` feeds n/180 inch (0.141 mm).
 * - Every position is rounded to the nearest unit from its absolute mm value
 *   (never by adding rounded steps), so the error is at most half a unit
 *   (0.21 mm across, 0.07 mm down) and does not accumulate down the form.
 * - The head starts at the top-of-form position of the loaded form (y = 0);
 *   paper only moves forward, so runs are sorted top to bottom and `ESC J`
 *   carries the difference, split into steps of at most 255.
 * Text: `FS &` … `FS .` around any run with Chinese characters, encoded in
 * GB18030 (GBK's two-byte codes for the characters an invoice uses). A
 * full-width character takes two half-width cells of the current pitch.
 * None of the bytes can form `DLE EOT` (10 04): GB18030 lead bytes are ≥ 0x81,
 * control characters are removed from texts, and `ESC $ 10 04` would be 17 in.
 */
export interface Calibration {
  /** Offset to the right, in 0.1 mm. */
  dxTenthMm: number;
  /** Offset down the form, in 0.1 mm. */
  dyTenthMm: number;
}

export const NO_CALIBRATION: Calibration = { dxTenthMm: 0, dyTenthMm: 0 };
export const H_UNITS_PER_INCH = 60;
export const V_UNITS_PER_INCH = 180;

export const mmToH = (mm: number) => Math.round((mm / MM_PER_INCH) * H_UNITS_PER_INCH);
export const mmToV = (mm: number) => Math.round((mm / MM_PER_INCH) * V_UNITS_PER_INCH);
export const hToMm = (units: number) => (units / H_UNITS_PER_INCH) * MM_PER_INCH;
export const vToMm = (units: number) => (units / V_UNITS_PER_INCH) * MM_PER_INCH;

/** One text run at printer positions. */
export interface PlannedRun {
  field: string;
  text: string;
  cpi: Cpi;
  xUnits: number;
  yUnits: number;
}

export class FormLayoutError extends Error {
  constructor(readonly problems: { field: string; problem: string }[]) {
    super(`form does not fit: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
    this.name = 'FormLayoutError';
  }
}

/** Places `text` in `box` at the first allowed pitch it fits; null when it fits none. */
export function placeInBox(field: string, text: string, b: FieldBox, cal: Calibration): PlannedRun | null {
  const cells = displayWidth(text);
  for (const cpi of pitchesOf(b)) {
    const widthMm = cells * cellMm(cpi);
    if (cells > b.maxChars || widthMm > b.widthMm - 2 * PAD_MM + 1e-9) continue;
    const room = b.widthMm - 2 * PAD_MM - widthMm;
    const left = b.xMm + PAD_MM + (b.align === 'left' ? 0 : b.align === 'right' ? room : room / 2);
    const top = b.yMm + (b.heightMm - CHAR_HEIGHT_MM) / 2;
    return { field, text, cpi, ...positionUnits(left, top, cal) };
  }
  return null;
}

function positionUnits(leftMm: number, topMm: number, cal: Calibration): { xUnits: number; yUnits: number } {
  // A position left of the margin or above the top of form cannot be reached: it is clamped (checkPlacement shows it).
  return { xUnits: Math.max(0, mmToH(leftMm + cal.dxTenthMm / 10)), yUnits: Math.max(0, mmToV(topMm + cal.dyTenthMm / 10)) };
}

/** Where every filled field goes. Throws FormLayoutError when a text fits no pitch of its box or has no box. */
export function layoutForm(data: InvoiceFormData, template: FormTemplate, cal: Calibration = NO_CALIBRATION): PlannedRun[] {
  const runs: PlannedRun[] = [];
  const problems: { field: string; problem: string }[] = [];
  for (const [field, raw] of Object.entries(fieldTexts(data))) {
    const b = template.fields[field];
    const text = sanitizeText(raw);
    if (!b) {
      problems.push({ field, problem: 'has no box in the template' });
      continue;
    }
    const run = placeInBox(field, text, b, cal);
    if (run) runs.push(run);
    else problems.push({ field, problem: `is ${displayWidth(text)} cells, the box takes ${b.maxChars}` });
  }
  if (problems.length > 0) throw new FormLayoutError(problems);
  return runs;
}

const ESC = 0x1b;
const FS = 0x1c;
const FF = 0x0c;

function pitchCommand(cpi: Cpi): number[] {
  switch (cpi) {
    case 10:
      return [ESC, 0x50]; // select 10.5-point, 10 cpi: ESC P
    case 12:
      return [ESC, 0x4d]; // select 12 cpi: ESC M
    case 15:
      return [ESC, 0x67]; // select 15 cpi: ESC g
  }
}

/** Page length in whole inches, as `ESC C NUL n` takes it. 177.8 mm is exactly 7 in. */
export function formLengthInches(heightMm: number): number {
  return Math.min(22, Math.max(1, Math.round(heightMm / MM_PER_INCH)));
}

/** Bytes of a page: init, page length, runs top to bottom, then one FF. */
export function encodeRuns(runs: readonly PlannedRun[], heightMm: number): Uint8Array {
  const out: number[] = [];
  out.push(ESC, 0x40); // initialize printer: ESC @
  out.push(ESC, 0x43, 0x00, formLengthInches(heightMm)); // set page length in inches: ESC C NUL n
  const sorted = [...runs].sort((a, b) => a.yUnits - b.yUnits || a.xUnits - b.xUnits);
  let y = 0;
  let cpi: Cpi | null = null;
  for (const run of sorted) {
    for (let step = run.yUnits - y; step > 0; step -= 255) out.push(ESC, 0x4a, Math.min(255, step)); // advance paper n/180 in: ESC J n
    y = run.yUnits;
    if (run.cpi !== cpi) out.push(...pitchCommand(run.cpi));
    cpi = run.cpi;
    out.push(ESC, 0x24, run.xUnits & 0xff, (run.xUnits >> 8) & 0xff); // absolute horizontal position, 1/60 in: ESC $ nL nH
    out.push(...textBytes(run.text));
  }
  out.push(FF); // print and eject to the next top of form: FF
  return Uint8Array.from(out);
}

function textBytes(text: string): number[] {
  if ([...text].every((ch) => charWidth(ch) === 1)) return [...text].map((ch) => ch.charCodeAt(0));
  return [
    FS,
    0x26, // Chinese character mode on: FS &
    ...iconv.encode(text, 'gb18030'),
    FS,
    0x2e, // Chinese character mode off: FS .
  ];
}

/** A filled invoice form, one page. */
export function encodeForm(data: InvoiceFormData, template: FormTemplate, calibration: Calibration = NO_CALIBRATION): Uint8Array {
  return encodeRuns(layoutForm(data, template, calibration), template.heightMm);
}

/**
 * The technician's test grid, with the calibration applied: a `+` centred on
 * every 10 mm grid point, the row's mm in the left strip and the column's mm
 * along the top, and each field box's top-left (`┌`) and bottom-right (`┘`)
 * corner centred on the corner. Laid over a pre-printed form, the distance
 * from a mark to the form's line is the offset to store.
 */
export function gridRuns(template: FormTemplate, cal: Calibration): PlannedRun[] {
  const runs: PlannedRun[] = [];
  const centred = (field: string, text: string, cpi: Cpi, xMm: number, yMm: number) => {
    const w = displayWidth(text) * cellMm(cpi);
    runs.push({ field, text, cpi, ...positionUnits(xMm - w / 2, yMm - CHAR_HEIGHT_MM / 2, cal) });
  };
  for (let x = 10; x < template.widthMm - 5; x += 10) centred(`grid.col${x}`, String(x), 15, x, 5);
  for (let y = 10; y < template.heightMm - 3; y += 10) {
    runs.push({ field: `grid.row${y}`, text: String(y), cpi: 15, ...positionUnits(1, y - CHAR_HEIGHT_MM / 2, cal) });
    for (let x = 10; x < template.widthMm - 5; x += 10) centred(`grid.${x},${y}`, '+', 10, x, y);
  }
  for (const [field, b] of Object.entries(template.fields)) {
    centred(`${field}.topLeft`, '┌', 10, b.xMm, b.yMm);
    centred(`${field}.bottomRight`, '┘', 10, b.xMm + b.widthMm, b.yMm + b.heightMm);
  }
  return runs;
}

export function encodeGrid(template: FormTemplate, calibration: Calibration = NO_CALIBRATION): Uint8Array {
  return encodeRuns(gridRuns(template, calibration), template.heightMm);
}

/** Feeds `count` blank forms out (invoice stock handed to the taxpayer): init, page length, one FF per form. */
export function encodeBlankFormFeed(count: number, heightMm = 177.8): Uint8Array {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new RangeError(`blank form count must be 1..100, got ${count}`);
  const out = [ESC, 0x40, ESC, 0x43, 0x00, formLengthInches(heightMm)]; // ESC @; ESC C NUL n
  for (let i = 0; i < count; i++) out.push(FF); // eject one form: FF
  return Uint8Array.from(out);
}
