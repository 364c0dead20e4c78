import type { PDFFont, PDFPage } from 'pdf-lib';
import { CONTENT_W, FOOTER_TOP, FOOTER_Y, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, QR_BOX } from './iit-certificate-geometry';
import { FRAME, GREY, HEADER_FILL, INK, RULE, drawRow, fitLines, measureRow, type Column, type TableRow } from './iit-certificate-table';
import { wrapText } from './cjk-font';
import { qrSvgPath } from './qr-path';

/**
 * The fixed blocks of the IIT certificate: title with QR code, the taxpayer
 * grid, the closing block (verification notes and the issuer's box) and the
 * footer. The records table is in iit-certificate-table.ts.
 */

/** Every string the certificate prints (the font subset is made from all of them). */
export interface CertificateText {
  title: string;
  /** The Chinese title under a translated one; empty in Chinese. */
  titleZh: string;
  titleContinued: string;
  code: string;
  codeLine: string;
  nameLabel: string;
  name: string;
  idLabel: string;
  /** In full or partly hidden, as the input says. */
  idNumber: string;
  periodLabel: string;
  period: string;
  issuedLabel: string;
  issuedOn: string;
  columns: string[];
  noRecords: string;
  noRecordsDetail: string;
  total: string;
  totalFigures: string;
  totalWords: string;
  issuerLabel: string;
  issuer: string;
  verify: string;
  note: string;
  kiosk: string;
}

/** Centred title under a double rule, the QR code top right with the code under it. */
export function drawTitle(page: PDFPage, font: PDFFont, text: CertificateText, qr: readonly (readonly boolean[])[]): void {
  page.drawSvgPath(qrSvgPath(qr), { x: QR_BOX.x, y: QR_BOX.y + QR_BOX.size, scale: QR_BOX.size / qr.length, color: INK });
  // 12 pt below the symbol: clear of its quiet zone (4 modules ≈ 10 pt).
  const codeSize = 7;
  page.drawText(text.code, { x: QR_BOX.x + QR_BOX.size - font.widthOfTextAtSize(text.code, codeSize), y: QR_BOX.y - 12, size: codeSize, font, color: INK });

  // The title keeps clear of the QR code on both sides, so it stays centred on the page.
  const room = CONTENT_W - 2 * (QR_BOX.size + 12);
  const size = Math.min(text.titleZh ? 17 : 22, (22 * room) / font.widthOfTextAtSize(text.title, 22));
  const top = PAGE_H - MARGIN_TOP;
  let y = top - (text.titleZh ? 26 : 34);
  const width = font.widthOfTextAtSize(text.title, size);
  page.drawText(text.title, { x: (PAGE_W - width) / 2, y, size, font, color: INK });
  let ruleWidth = width;
  if (text.titleZh) {
    y -= 17;
    const w = font.widthOfTextAtSize(text.titleZh, 10.5);
    page.drawText(text.titleZh, { x: (PAGE_W - w) / 2, y, size: 10.5, font, color: GREY });
  }
  ruleWidth = Math.max(ruleWidth, 160) + 28;
  const x0 = (PAGE_W - ruleWidth) / 2;
  for (const [dy, thickness] of [
    [10, 1.3],
    [13.2, 0.5],
  ] as const) {
    page.drawLine({ start: { x: x0, y: y - dy }, end: { x: x0 + ruleWidth, y: y - dy }, thickness, color: INK });
  }
}

const INFO_COLUMNS: readonly Column[] = [
  { width: 76, align: 'center' },
  { width: 168, align: 'left' },
  { width: 82, align: 'center' },
  { width: CONTENT_W - 76 - 168 - 82, align: 'left' },
];

function infoRows(font: PDFFont, text: CertificateText): TableRow[] {
  const opts = { size: 9.5, minHeight: 22, maxLines: 2 };
  return [
    measureRow([text.nameLabel, text.name, text.idLabel, text.idNumber], INFO_COLUMNS, font, opts),
    measureRow([text.periodLabel, text.period, text.issuedLabel, text.issuedOn], INFO_COLUMNS, font, opts),
  ];
}

export function measureInfoGrid(font: PDFFont, text: CertificateText): number {
  return infoRows(font, text).reduce((s, r) => s + r.height, 0);
}

/** The taxpayer and the period in a ruled grid, labels on grey like a printed form. */
export function drawInfoGrid(page: PDFPage, font: PDFFont, text: CertificateText, top: number): void {
  page.drawLine({ start: { x: MARGIN_X, y: top }, end: { x: MARGIN_X + CONTENT_W, y: top }, thickness: FRAME, color: INK });
  let y = top;
  for (const row of infoRows(font, text)) {
    const first = INFO_COLUMNS[0]?.width ?? 0;
    const second = INFO_COLUMNS[1]?.width ?? 0;
    for (const [x, w] of [
      [MARGIN_X, first],
      [MARGIN_X + first + second, INFO_COLUMNS[2]?.width ?? 0],
    ] as const) {
      page.drawRectangle({ x, y: y - row.height, width: w, height: row.height, color: HEADER_FILL });
    }
    drawRow(page, font, row, INFO_COLUMNS, MARGIN_X, y);
    y -= row.height;
  }
  page.drawLine({ start: { x: MARGIN_X, y }, end: { x: MARGIN_X + CONTENT_W, y }, thickness: FRAME, color: INK });
}

const GAP = 18;
const SEAL_W = 184;
const SEAL_H = 82;
const NOTE_SIZE = 8.5;
const CODE_SIZE = 10.5;

function noteLines(font: PDFFont, text: CertificateText): string[][] {
  const width = CONTENT_W - SEAL_W - 20;
  return [wrapText(text.verify, font, NOTE_SIZE, width), wrapText(text.note, font, NOTE_SIZE, width)];
}

/** Height of the closing block under the table. */
export function measureClosing(font: PDFFont, text: CertificateText): number {
  const notes = CODE_SIZE * 2 + noteLines(font, text).flat().length * NOTE_SIZE * 1.5 + 6;
  return GAP + Math.max(SEAL_H, notes);
}

/**
 * Under the table: the verification code and the notes on the left; on the
 * right a double-ruled box with the issuing authority and the date, where an
 * official seal would sit (the kiosk prints no seal image: it is not one).
 */
export function drawClosing(page: PDFPage, font: PDFFont, text: CertificateText, tableBottom: number): void {
  const top = tableBottom - GAP;
  let y = top - CODE_SIZE;
  page.drawText(text.codeLine, { x: MARGIN_X, y, size: CODE_SIZE, font, color: INK });
  y -= CODE_SIZE;
  for (const block of noteLines(font, text)) {
    y -= 3;
    for (const line of block) {
      y -= NOTE_SIZE * 1.5;
      page.drawText(line, { x: MARGIN_X, y: y + NOTE_SIZE * 0.4, size: NOTE_SIZE, font, color: GREY });
    }
  }

  const x = MARGIN_X + CONTENT_W - SEAL_W;
  page.drawRectangle({ x, y: top - SEAL_H, width: SEAL_W, height: SEAL_H, borderColor: INK, borderWidth: 1.3 });
  page.drawRectangle({ x: x + 3, y: top - SEAL_H + 3, width: SEAL_W - 6, height: SEAL_H - 6, borderColor: INK, borderWidth: RULE });
  const centred = (line: string, size: number, baseline: number, color = INK) =>
    page.drawText(line, { x: x + (SEAL_W - font.widthOfTextAtSize(line, size)) / 2, y: baseline, size, font, color });
  centred(text.issuerLabel, 8.5, top - 17, GREY);
  const issuer = fitLines(text.issuer, font, 10.5, SEAL_W - 16, 2);
  const middle = top - SEAL_H / 2 - 2;
  issuer.forEach((line, i) => centred(line, 10.5, middle + ((issuer.length - 1) / 2 - i) * 14 - 4));
  centred(text.issuedOn, 9, top - SEAL_H + 12);
}

/** Kiosk, page number and verification code on every page, so a loose page finds its certificate. */
export function drawFooter(page: PDFPage, font: PDFFont, text: CertificateText, pageLabel: string): void {
  page.drawLine({ start: { x: MARGIN_X, y: FOOTER_TOP }, end: { x: MARGIN_X + CONTENT_W, y: FOOTER_TOP }, thickness: RULE, color: GREY });
  const size = 8;
  page.drawText(text.kiosk, { x: MARGIN_X, y: FOOTER_Y, size, font, color: GREY });
  page.drawText(pageLabel, { x: (PAGE_W - font.widthOfTextAtSize(pageLabel, size)) / 2, y: FOOTER_Y, size, font, color: INK });
  const w = font.widthOfTextAtSize(text.codeLine, size);
  page.drawText(text.codeLine, { x: MARGIN_X + CONTENT_W - w, y: FOOTER_Y, size, font, color: GREY });
}
