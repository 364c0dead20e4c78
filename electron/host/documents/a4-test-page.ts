import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { pdfRgb } from './pdf-colour';
import { translate, type Lang } from '../../../shared/i18n';
import { embedCjkFont, wrapText } from './cjk-font';

/**
 * The technician's A4 test page: bilingual title, where it came from, a
 * font sample in Chinese and English, and marks that show how the printer
 * treats the page edges:
 * - two frames, 5 mm and 10 mm in from the paper edge;
 * - in the middle of each edge, a ruler that starts at the edge itself, so
 *   the first mark that printed is that edge's real unprintable margin;
 * - a 100 mm bar: measured with a ruler, it shows whether the print system
 *   scaled the page ("fit to page" shrinks it to ~94 %).
 */
export interface A4TestPageInfo {
  kioskId: string;
  queue: string;
  at: Date;
  lang: Lang;
}

// ISO 216 A4 in PDF points (1 pt = 1/72 in).
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MM = 72 / 25.4;
const INK = pdfRgb(0, 0, 0);
const GREY = pdfRgb(0.45, 0.45, 0.45);
const MARGIN = 25 * MM; // text column, well inside any printer's margin
const RULER_MM = 25;

export async function renderA4TestPage(info: A4TestPageInfo): Promise<Uint8Array> {
  const other: Lang = info.lang === 'zh-CN' ? 'en' : 'zh-CN';
  const t = {
    title: translate(info.lang, 'a4test.title'),
    titleOther: translate(other, 'a4test.title'),
    app: translate(info.lang, 'app.title'),
    appOther: translate(other, 'app.title'),
    kiosk: translate(info.lang, 'a4test.kiosk', { id: info.kioskId }),
    queue: translate(info.lang, 'a4test.queue', { queue: info.queue }),
    time: translate(info.lang, 'a4test.time', { time: localDateTime(info.at) }),
    frames: translate(info.lang, 'a4test.frames'),
    scale: translate(info.lang, 'a4test.scale'),
    sampleZh: translate('zh-CN', 'a4test.sample'),
    sampleEn: translate('en', 'a4test.sample'),
    footer: translate(info.lang, 'a4test.footer'),
  };
  const marks = '0123456789 mm';

  const doc = await PDFDocument.create();
  doc.setTitle(`${t.title} · ${info.kioskId}`);
  doc.setCreator('tax-kiosk');
  doc.setCreationDate(info.at);
  doc.setModificationDate(info.at);
  const font = await embedCjkFont(doc, Object.values(t).join('') + marks);
  const page = doc.addPage([PAGE_W, PAGE_H]);

  drawFrames(page, font);
  drawEdgeRulers(page, font);

  const width = PAGE_W - 2 * MARGIN;
  let y = PAGE_H - 30 * MM;
  const line = (text: string, size: number, gap = 0.5, color = INK) => {
    for (const part of wrapText(text, font, size, width)) {
      y -= size;
      page.drawText(part, { x: MARGIN, y, size, font, color });
      y -= size * gap;
    }
  };
  line(t.title, 26, 0.3);
  line(t.titleOther, 14, 0.9, GREY);
  line(t.app, 16, 0.3);
  line(t.appOther, 11, 1.4, GREY);
  for (const text of [t.kiosk, t.queue, t.time]) line(text, 11, 0.6);
  y -= 10;
  line(t.frames, 10.5, 0.5);
  y -= 6;
  line(t.scale, 10.5, 0.8);
  y = drawScaleBar(page, font, MARGIN, y - 12);
  y -= 16;
  line(t.sampleZh, 13, 0.6);
  line(t.sampleEn, 11, 0.6);

  page.drawText(t.footer, { x: MARGIN, y: (RULER_MM + 6) * MM, size: 9, font, color: GREY });
  return doc.save();
}

/** Frames 5 and 10 mm in from the paper edge, each labelled inside its top-left corner. */
function drawFrames(page: PDFPage, font: PDFFont): void {
  for (const inset of [5, 10]) {
    const d = inset * MM;
    page.drawRectangle({ x: d, y: d, width: PAGE_W - 2 * d, height: PAGE_H - 2 * d, borderColor: INK, borderWidth: 0.5 });
    page.drawText(`${inset} mm`, { x: d + 1.5 * MM, y: PAGE_H - d - 3.2 * MM, size: 6.5, font, color: INK });
  }
}

/**
 * One ruler in the middle of each edge, perpendicular to it, from the edge
 * (0 mm) inwards: ticks every mm, longer every 5, numbered every 5.
 */
function drawEdgeRulers(page: PDFPage, font: PDFFont): void {
  // Each edge: where the ruler starts (on the edge), the inward direction, and the tick direction.
  const edges = [
    { x: PAGE_W / 2, y: PAGE_H, dx: 0, dy: -1 }, // top
    { x: PAGE_W / 2, y: 0, dx: 0, dy: 1 }, // bottom
    { x: 0, y: PAGE_H / 2, dx: 1, dy: 0 }, // left
    { x: PAGE_W, y: PAGE_H / 2, dx: -1, dy: 0 }, // right
  ];
  for (const e of edges) {
    const tx = -e.dy; // ticks run along the edge
    const ty = e.dx;
    const end = RULER_MM * MM;
    page.drawLine({ start: { x: e.x, y: e.y }, end: { x: e.x + e.dx * end, y: e.y + e.dy * end }, thickness: 0.4, color: INK });
    for (let mm = 0; mm <= RULER_MM; mm++) {
      const len = (mm % 5 === 0 ? 3 : 1.5) * MM;
      const px = e.x + e.dx * mm * MM;
      const py = e.y + e.dy * mm * MM;
      page.drawLine({ start: { x: px, y: py }, end: { x: px + tx * len, y: py + ty * len }, thickness: 0.3, color: INK });
      if (mm > 0 && mm % 5 === 0) {
        const label = String(mm);
        const size = 6;
        const w = font.widthOfTextAtSize(label, size);
        // Centre the number on the tick, on the side away from it.
        const cx = px - tx * 2.2 * MM;
        const cy = py - ty * 2.2 * MM;
        page.drawText(label, { x: cx - w / 2, y: cy - size * 0.35, size, font, color: INK });
      }
    }
  }
}

/** A 100 mm bar with ticks every 10 mm, numbered in mm; returns the y below it. */
function drawScaleBar(page: PDFPage, font: PDFFont, x: number, y: number): number {
  const length = 100 * MM;
  page.drawLine({ start: { x, y }, end: { x: x + length, y }, thickness: 1.2, color: INK });
  for (let mm = 0; mm <= 100; mm += 10) {
    const px = x + mm * MM;
    page.drawLine({ start: { x: px, y: y + 2 * MM }, end: { x: px, y: y - 2 * MM }, thickness: 0.6, color: INK });
    const label = mm === 100 ? '100 mm' : String(mm);
    page.drawText(label, { x: px - font.widthOfTextAtSize(String(mm), 7) / 2, y: y - 5.5 * MM, size: 7, font, color: INK });
  }
  return y - 7 * MM;
}

/** `2026-03-05 14:07:09` in the kiosk's local time. */
function localDateTime(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}:${p(at.getSeconds())}`;
}
