import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/**
 * What a person would check on a printed PDF, with the tools of
 * poppler-utils and tesseract-ocr: the text it gives back, its fonts, and
 * what OCR reads on the rendered page.
 */

/** `pdftotext` of the whole file (UTF-8). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The font table of `pdffonts`. */
export function pdfFonts(file: string): PdfFont[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object, id: the last six are single words.
      const parts = line.trim().split(/\s+/);
      const [uni, sub, emb] = [parts[parts.length - 3], parts[parts.length - 4], parts[parts.length - 5]];
      return {
        name: parts[0] ?? '',
        type: parts.slice(1, parts.length - 6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

export interface Crop {
  /** In pixels at `dpi`. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Renders page 1 to `outPng` with `pdftoppm -png` (optionally a crop of it). */
export function rasterize(file: string, outPng: string, dpi: number, crop?: Crop): string {
  fs.mkdirSync(path.dirname(outPng), { recursive: true });
  const cropArgs = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.width), '-H', String(crop.height)] : [];
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', '1', '-l', '1', '-singlefile', ...cropArgs, file, outPng.replace(/\.png$/, '')]);
  return outPng;
}

/** What tesseract reads on an image, whitespace removed (Chinese OCR puts spaces between characters). */
export function ocr(png: string, lang: string): string {
  const out = execFileSync('tesseract', [png, 'stdout', '-l', lang, '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.replace(/\s+/g, '');
}

/** A kiosk PDF's one font: a subset of Noto Sans SC, embedded, with a Unicode map (the text can be searched and copied). */
export function expectOnlyNotoSansScSubset(file: string): void {
  const fonts = pdfFonts(file);
  expect(fonts).toHaveLength(1);
  expect(fonts[0]).toEqual({
    name: expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/),
    type: 'CID TrueType',
    embedded: true,
    subset: true,
    unicode: true,
  });
}
