import type { PDFFont, PDFPage } from 'pdf-lib';
import { CONTENT_W, FOOTER_TOP, FOOTER_Y, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, QR_BOX } from './iit-certificate-geometry';
import { GREY, INK, RULE, fitLines } from './iit-certificate-table';
import { wrapText } from './cjk-font';
import { qrSvgPath } from './qr-path';

/**
 * What every A4 certificate the kiosk prints shares (the IIT 完税证明 and the
 * 纳税信用等级证明): the title with the QR code of the verification code top
 * right, the issuer's double-ruled box where a seal would sit, the footer that
 * repeats the verification code on every page, and the clean-up of text that
 * comes from outside. Each certificate draws its own body between them.
 */

/** The strings of the shared blocks (each certificate's text extends this). */
export interface CertificateFrameText {
  title: string;
  /** The Chinese title under a translated one; empty in Chinese. */
  titleZh: string;
  /** The verification code as printed (groups of four). */
  code: string;
  /** "验证码：…" */
  codeLine: string;
  issuerLabel: string;
  issuer: string;
  issuedOn: string;
  kiosk: string;
}

/** Longer free text cannot fit its cell anyway; cutting it first keeps wrapping and the font subset small. */
const MAX_TEXT = 200;

/** Control characters would break lines or print as boxes; over-long text is cut (a cell adds "…"). */
export function cleanText(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > MAX_TEXT ? chars.slice(0, MAX_TEXT).join('') : flat;
}

/**
 * The calendar day in Beijing (Asia/Shanghai, UTC+8 all year: China keeps no
 * daylight saving time), whatever zone the kiosk's OS is set to.
 */
export function shanghaiDay(at: Date): { year: string; month: string; day: string } {
  const [year = '', month = '', day = ''] = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).split('-');
  return { year, month, day };
}

/** Centred title under a double rule, the QR code top right with the code under it. */
export function drawTitle(page: PDFPage, font: PDFFont, text: CertificateFrameText, qr: readonly (readonly boolean[])[]): void {
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

export const SEAL_W = 184;
export const SEAL_H = 82;

/**
 * A double-ruled box at the right margin, its top at `top`, with the issuing
 * authority and the date, where an official seal would sit (the kiosk prints
 * no seal image: it is not one).
 */
export function drawIssuerBox(page: PDFPage, font: PDFFont, text: CertificateFrameText, top: number): void {
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

const GAP = 18;
const NOTE_SIZE = 8.5;
const CODE_SIZE = 10.5;

function noteLines(font: PDFFont, notes: readonly string[]): string[][] {
  const width = CONTENT_W - SEAL_W - 20;
  return notes.map((note) => wrapText(note, font, NOTE_SIZE, width));
}

/** Height of the closing block (code, notes and the issuer's box) under the body. */
export function measureClosing(font: PDFFont, notes: readonly string[]): number {
  const height = CODE_SIZE * 2 + noteLines(font, notes).flat().length * NOTE_SIZE * 1.5 + 6;
  return GAP + Math.max(SEAL_H, height);
}

/**
 * Under the body: the verification code and the notes on the left; on the
 * right the issuer's box (drawIssuerBox).
 */
export function drawClosing(page: PDFPage, font: PDFFont, text: CertificateFrameText, notes: readonly string[], bodyBottom: number): void {
  const top = bodyBottom - GAP;
  let y = top - CODE_SIZE;
  page.drawText(text.codeLine, { x: MARGIN_X, y, size: CODE_SIZE, font, color: INK });
  y -= CODE_SIZE;
  for (const block of noteLines(font, notes)) {
    y -= 3;
    for (const line of block) {
      y -= NOTE_SIZE * 1.5;
      page.drawText(line, { x: MARGIN_X, y: y + NOTE_SIZE * 0.4, size: NOTE_SIZE, font, color: GREY });
    }
  }
  drawIssuerBox(page, font, text, top);
}

/** Kiosk, page number and verification code on every page, so a loose page finds its certificate. */
export function drawFooter(page: PDFPage, font: PDFFont, text: CertificateFrameText, pageLabel: string): void {
  page.drawLine({ start: { x: MARGIN_X, y: FOOTER_TOP }, end: { x: MARGIN_X + CONTENT_W, y: FOOTER_TOP }, thickness: RULE, color: GREY });
  const size = 8;
  page.drawText(text.kiosk, { x: MARGIN_X, y: FOOTER_Y, size, font, color: GREY });
  page.drawText(pageLabel, { x: (PAGE_W - font.widthOfTextAtSize(pageLabel, size)) / 2, y: FOOTER_Y, size, font, color: INK });
  const w = font.widthOfTextAtSize(text.codeLine, size);
  page.drawText(text.codeLine, { x: MARGIN_X + CONTENT_W - w, y: FOOTER_Y, size, font, color: GREY });
}
