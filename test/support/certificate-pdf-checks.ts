import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { QR_BOX } from '../../electron/host/documents/iit-certificate-geometry';
import { ocr, rasterize } from './pdf-tools';

/**
 * The checks the IIT certificate's and the 纳税信用等级证明's document tests
 * share: both are drawn on the same A4 grid (iit-certificate-geometry), with
 * the QR code of the verification code in the same box, the title in the
 * same band and the same embedded font.
 */

/** A4's height in points: PDF y runs up from the bottom, the rendered PNG's down from the top. */
const PAGE_H = 841.89;

/** Whitespace removed: pdftotext spaces and breaks CJK text where the layout does. */
export const compact = (s: string) => s.replace(/\s+/g, '');

/** `pdftotext -layout` (UTF-8) of the whole file, or of one page of it. */
export function layoutText(file: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...pages, file, '-'], { encoding: 'utf8' });
}

/** Page 1's size in whole millimetres: [210, 297] for A4. */
export function firstPageMillimetres(doc: PDFDocument): [number, number] {
  const { width, height } = doc.getPage(0).getSize();
  return [Math.round((width * 25.4) / 72), Math.round((height * 25.4) / 72)];
}

/** Writes the PDF, and its pages at 100 dpi next to it (<name>-1.png …), for a person to look at. */
export function savePdfWithPreview(file: string, bytes: Uint8Array): void {
  fs.writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-r', '100', '-png', file, file.replace(/\.pdf$/, '')]);
}

// The one-font check is every kiosk PDF's, not only the certificates': it lives with the PDF tools.
export { expectOnlyNotoSansScSubset } from './pdf-tools';

/** The QR box of page 1 as printed, next to the symbol the kiosk should have drawn there. */
export interface PrintedQr {
  /** The symbol's side, in modules. */
  size: number;
  /** Whether module (row, col) of the expected symbol is dark. */
  expectedDark(row: number, col: number): boolean;
  /** Whether the rendered page is dark at (x, y), in modules from the symbol's top-left corner (outside it too). */
  darkAt(x: number, y: number): boolean;
}

/** Renders the QR box of `pdf` (with a margin, to see the quiet zone) to `png` and reads it against the symbol of `code`. */
export function readPrintedQr(pdf: string, png: string, code: string): PrintedQr {
  const dpi = 288; // 4 px per point: a 64 pt symbol of 25 modules gets ~10 px per module
  const s = dpi / 72;
  const margin = 12; // points around the symbol, to see the quiet zone
  const crop = {
    x: Math.round((QR_BOX.x - margin) * s),
    y: Math.round((PAGE_H - QR_BOX.y - QR_BOX.size - margin) * s),
    width: Math.round((QR_BOX.size + 2 * margin) * s),
    height: Math.round((QR_BOX.size + 2 * margin) * s),
  };
  const image = PNG.sync.read(fs.readFileSync(rasterize(pdf, png, dpi, crop)));
  const dark = (xPt: number, yPt: number) => (image.data[(Math.round(yPt * s) * image.width + Math.round(xPt * s)) * 4] ?? 255) < 128;
  // The expected symbol, built here from `qrcode` itself with the level the kiosk uses.
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const m = QR_BOX.size / modules.size;
  return {
    size: modules.size,
    expectedDark: (row, col) => modules.get(row, col) === 1,
    darkAt: (x, y) => dark(margin + x * m, margin + y * m),
  };
}

/** How many modules, sampled at their centres, differ from the expected symbol. */
export function qrModuleMismatches(qr: PrintedQr): number {
  let mismatches = 0;
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) {
      if (qr.darkAt(c + 0.5, r + 0.5) !== qr.expectedDark(r, c)) mismatches++;
    }
  }
  return mismatches;
}

/** What OCR reads in page 1's title band (x 150–440 pt, y 40–100 pt from the top, clear of the QR code) rendered at 150 dpi. */
export function ocrTitleBand(pdf: string, png: string): string {
  return ocr(rasterize(pdf, png, 150, { x: 312, y: 83, width: 604, height: 125 }), 'chi_sim');
}
