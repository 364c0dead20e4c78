import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CreditGrade } from '../../../shared/backend/taxpayer';
import { translateWith, type Lang, type MessageKey, type ParamsArg, type TextOverrides } from '../../../shared/i18n';
import { embedCjkFont, wrapText } from './cjk-font';
import { cleanText, drawClosing, drawFooter, drawTitle, measureClosing, shanghaiDay, type CertificateFrameText } from './certificate-frame';
import { CONTENT_W, FOOTER_TOP, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, QR_BOX } from './iit-certificate-geometry';
import { ELLIPSIS, FRAME, HEADER_FILL, INK, drawRow, measureRow, type Column, type TableRow } from './iit-certificate-table';
import { qrMatrix } from './qr-path';

/**
 * 纳税信用等级证明: one A4 page a taxpayer takes to the bank with a loan
 * application (银税互动, docs/credit-sharing.md). It says who the taxpayer
 * is (name and 统一社会信用代码 in full: it is the taxpayer's own proof, and
 * a credit code is a business's public identifier), its grade and the year
 * the grade was assessed for, who issued it and when (Beijing's day), what
 * it may be used for, and how to check it: the verification code on the page
 * and in the QR code, which the tax authority answers for
 * (`creditCertificate.verify`). Title, QR code, the issuer's box and the
 * footer are those of the IIT certificate (certificate-frame.ts).
 *
 * Deterministic for the same input, like the IIT certificate.
 */

export interface CreditCertificateInput {
  /** Business data: drawn in full on the page, never in the PDF metadata. */
  taxpayer: { name: string; creditCode: string };
  grade: CreditGrade;
  /** The year the grade was assessed for (评价年度). */
  year: number;
  /** The bank the certificate is meant for (kiosk.json `credit.bankName`). */
  bankName: string;
  issuedAt: Date;
  /** Name of the issuing tax authority. */
  issuer: string;
  /** As printed: groups of four with hyphens. */
  verificationCode: string;
  lang: Lang;
  kioskId: string;
  /** Overrides of the catalogue texts (config bundles); none = the catalogues. */
  texts?: TextOverrides;
}

/** Every string the credit certificate prints (the font subset is made from all of them). */
export interface CreditCertificateText extends CertificateFrameText {
  nameLabel: string;
  name: string;
  creditCodeLabel: string;
  creditCode: string;
  gradeLabel: string;
  grade: string;
  yearLabel: string;
  year: string;
  issuedLabel: string;
  body: string;
  use: string;
  verify: string;
  note: string;
  page: string;
}

const BODY_SIZE = 11.5;
const BODY_LEADING = 1.75;

/** 名称 | value (over the rest); 代码 | value | 年度 | value; 等级 | value | 日期 | value. */
const GRID: readonly Column[] = [
  { width: 96, align: 'center' },
  { width: 168, align: 'left' },
  { width: 82, align: 'center' },
  { width: CONTENT_W - 96 - 168 - 82, align: 'left' },
];

export async function renderCreditCertificate(input: CreditCertificateInput): Promise<Uint8Array> {
  const text = creditCertificateText(input);
  const doc = await PDFDocument.create();
  doc.setTitle(text.title); // never the taxpayer: PDF metadata is read by print spoolers and logs
  doc.setCreator('tax-kiosk');
  doc.setProducer('tax-kiosk');
  doc.setLanguage(input.lang);
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  const font = await embedCjkFont(doc, Object.values(text).join('') + ELLIPSIS);

  const page = doc.addPage([PAGE_W, PAGE_H]);
  drawTitle(page, font, text, qrMatrix(input.verificationCode));
  let y = drawGrid(page, font, gridRows(font, text), PAGE_H - MARGIN_TOP - QR_BOX.size - 24);
  y = drawParagraphs(page, font, [text.body, text.use], y - 22);
  const notes = [text.verify, text.note];
  // One page by construction (the free text is cut by cleanText); the closing block must still clear the footer.
  if (y - measureClosing(font, notes) < FOOTER_TOP + 10) throw new RangeError('renderCreditCertificate: the text does not fit one page');
  drawClosing(page, font, text, notes, y);
  drawFooter(page, font, text, text.page);
  return doc.save();
}

function gridRows(font: PDFFont, text: CreditCertificateText): TableRow[] {
  const opts = { size: 10, minHeight: 26, maxLines: 2 };
  return [
    measureRow([text.nameLabel, text.name], GRID, font, { ...opts, spans: [1, 3] }),
    measureRow([text.creditCodeLabel, text.creditCode, text.yearLabel, text.year], GRID, font, opts),
    measureRow([text.gradeLabel, text.grade, text.issuedLabel, text.issuedOn], GRID, font, opts),
  ];
}

/** The ruled grid, labels on grey like a printed form; returns the y under it. */
function drawGrid(page: PDFPage, font: PDFFont, rows: readonly TableRow[], top: number): number {
  page.drawLine({ start: { x: MARGIN_X, y: top }, end: { x: MARGIN_X + CONTENT_W, y: top }, thickness: FRAME, color: INK });
  let y = top;
  for (const row of rows) {
    // Labels are the first cell and, in a four-cell row, the third.
    const labelColumns = row.lines.length === 4 ? [0, 2] : [0];
    for (const col of labelColumns) {
      const x = MARGIN_X + GRID.slice(0, col).reduce((s, c) => s + c.width, 0);
      page.drawRectangle({ x, y: y - row.height, width: GRID[col]?.width ?? 0, height: row.height, color: HEADER_FILL });
    }
    drawRow(page, font, row, GRID, MARGIN_X, y);
    y -= row.height;
  }
  page.drawLine({ start: { x: MARGIN_X, y }, end: { x: MARGIN_X + CONTENT_W, y }, thickness: FRAME, color: INK });
  return y;
}

/** The statement, each paragraph indented two characters as Chinese prose is; returns the y under the last line. */
function drawParagraphs(page: PDFPage, font: PDFFont, paragraphs: readonly string[], top: number): number {
  let y = top;
  const indent = 2 * font.widthOfTextAtSize('国', BODY_SIZE);
  for (const paragraph of paragraphs) {
    // The first line starts two characters in: wrap with the indent as leading spaces' width.
    const lines = wrapText(paragraph, font, BODY_SIZE, CONTENT_W - indent);
    lines.forEach((line, i) => {
      page.drawText(line, { x: MARGIN_X + (i === 0 ? indent : 0), y: y - BODY_SIZE, size: BODY_SIZE, font, color: INK });
      y -= BODY_SIZE * BODY_LEADING;
    });
    y -= BODY_SIZE * 0.5;
  }
  return y;
}

/** The catalogue lookup with the administrators' overrides laid over it. */
function lookup(texts: TextOverrides | undefined) {
  return <K extends MessageKey>(lang: Lang, key: K, ...args: ParamsArg<K>): string => translateWith(texts, lang, key, ...args);
}

/** Every string the credit certificate prints, from the catalogues and the input. */
export function creditCertificateText(input: CreditCertificateInput): CreditCertificateText {
  const tr = lookup(input.texts);
  const { lang } = input;
  const code = cleanText(input.verificationCode);
  const name = cleanText(input.taxpayer.name);
  const creditCode = cleanText(input.taxpayer.creditCode);
  const year = String(input.year);
  const issuedOn = tr(lang, 'certificate.date', shanghaiDay(input.issuedAt));
  return {
    title: tr(lang, 'credit.cert.title'),
    titleZh: lang === 'zh-CN' ? '' : tr('zh-CN', 'credit.cert.title'),
    code,
    codeLine: tr(lang, 'certificate.code', { code }),
    nameLabel: tr(lang, 'credit.cert.name'),
    name,
    creditCodeLabel: tr(lang, 'credit.cert.creditCode'),
    creditCode,
    gradeLabel: tr(lang, 'credit.grade'),
    grade: tr(lang, 'credit.gradeValue', { grade: input.grade }),
    yearLabel: tr(lang, 'credit.year'),
    year: tr(lang, 'credit.yearValue', { year }),
    issuedLabel: tr(lang, 'credit.cert.issuedOn'),
    issuedOn,
    body: tr(lang, 'credit.cert.body', { name, code: creditCode, year, grade: input.grade }),
    use: tr(lang, 'credit.cert.use', { bank: cleanText(input.bankName) }),
    verify: tr(lang, 'credit.cert.verify'),
    note: tr(lang, 'credit.cert.note'),
    issuerLabel: tr(lang, 'certificate.issuer'),
    issuer: cleanText(input.issuer),
    kiosk: tr(lang, 'certificate.kiosk', { id: cleanText(input.kioskId) }),
    page: tr(lang, 'certificate.page', { page: 1, pages: 1 }),
  };
}
