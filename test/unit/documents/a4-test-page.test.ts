import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderA4TestPage } from '../../../electron/host/documents/a4-test-page';
import { expectOnlyNotoSansScSubset, ocr, pdfFonts, pdfText, rasterize } from '../../support/pdf-tools';

/**
 * The A4 test page as a technician sees it: the PDF's font, its text, the
 * rendered page (saved under test-results/pdf/ to look at) and OCR of it.
 */
const OUT = path.resolve('test-results/pdf');
const AT = new Date(2026, 2, 5, 14, 7, 9);
const files = { zh: path.join(OUT, 'a4-test-page-zh.pdf'), en: path.join(OUT, 'a4-test-page-en.pdf') };
const bytes: Record<'zh' | 'en', Uint8Array> = { zh: new Uint8Array(), en: new Uint8Array() };

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  bytes.zh = await renderA4TestPage({ kioskId: 'KIOSK-0001', queue: 'KioskA4', at: AT, lang: 'zh-CN' });
  bytes.en = await renderA4TestPage({ kioskId: 'KIOSK-0001', queue: 'KioskA4', at: AT, lang: 'en' });
  fs.writeFileSync(files.zh, bytes.zh);
  fs.writeFileSync(files.en, bytes.en);
}, 60_000);

describe('A4 test page', () => {
  it('is one A4 page, small enough to spool at once', async () => {
    const doc = await PDFDocument.load(bytes.zh);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round((width * 25.4) / 72), Math.round((height * 25.4) / 72)]).toEqual([210, 297]);
    expect(bytes.zh.length).toBeLessThan(200 * 1024);
    expect(bytes.en.length).toBeLessThan(200 * 1024);
  });

  it('embeds a subset of Noto Sans SC as its only font: no standard font stands in for Chinese', () => {
    expectOnlyNotoSansScSubset(files.zh);
    const fonts = pdfFonts(files.zh);
    expect(fonts.some((f) => /Helvetica|Times|Courier/.test(f.name))).toBe(false);
  });

  it('gives its text back: Chinese title, the kiosk, the queue, the time, and intact Latin words', () => {
    const text = pdfText(files.zh);
    for (const expected of [
      'A4 打印测试页',
      '国地税联合自助办税终端',
      '终端编号：KIOSK-0001',
      '打印队列：KioskA4',
      '打印时间：2026-03-05 14:07:09',
      '¥1,234.56',
      '10 mm',
    ]) {
      expect(text).toContain(expected);
    }
    // "fi" and digits after Latin text once came out as one-em-wide substituted glyphs with no Unicode.
    expect(text).toContain('certificate');
    expect(text).toContain('A4 print test page');
  });

  it('in English, still carries the Chinese title and the kiosk name', () => {
    const text = pdfText(files.en);
    for (const expected of [
      'A4 print test page',
      'A4 打印测试页',
      'Joint Tax Self-Service Kiosk',
      '国地税联合自助办税终端',
      'Kiosk: KIOSK-0001',
      'Print queue: KioskA4',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('draws the title a person can read (OCR of the page rendered at 100 dpi)', () => {
    const page = rasterize(files.zh, path.join(OUT, 'a4-test-page-zh.png'), 100);
    expect(fs.statSync(page).size).toBeGreaterThan(10_000);
    // The title block, 25 mm in and 30 mm down: OCR of the whole page is slow and adds noise.
    const title = rasterize(files.zh, path.join(OUT, 'a4-test-page-zh-title.png'), 100, { x: 60, y: 90, width: 700, height: 180 });
    const read = ocr(title, 'chi_sim');
    expect(read).toContain('打印测试页');
    expect(read).toContain('国地税联合自助办税终端');
  }, 60_000);

  it('draws frames 5 mm and 10 mm from the left edge, and a ruler that starts at the edge', () => {
    const png = PNG.sync.read(fs.readFileSync(rasterize(files.zh, path.join(OUT, 'a4-test-page-zh-edges.png'), 100)));
    const dark = (x: number, y: number) => (png.data[(y * png.width + x) * 4] ?? 255) < 160;
    const px = (mm: number) => Math.round((mm * 100) / 25.4);
    // A vertical line at `mm` from the left edge: dark over most of the page height (a pixel either side for anti-aliasing).
    const lineAt = (mm: number) => {
      let hits = 0;
      for (let y = px(20); y < png.height - px(20); y += 5) if ([-1, 0, 1].some((d) => dark(px(mm) + d, y))) hits++;
      return hits / Math.floor((png.height - px(40)) / 5);
    };
    expect(lineAt(5)).toBeGreaterThan(0.9);
    expect(lineAt(10)).toBeGreaterThan(0.9);
    expect(lineAt(7.5)).toBeLessThan(0.1);
    // The left ruler runs along the middle of the page from x = 0.
    const mid = Math.round(png.height / 2);
    const rulerRow = [-1, 0, 1].map((d) => mid + d).find((y) => dark(1, y) && dark(px(12), y));
    expect(rulerRow).toBeDefined();
  });
});
