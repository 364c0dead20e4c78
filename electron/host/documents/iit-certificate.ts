import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { amountInWords } from '../../../shared/domain/amount-in-words';
import { maskIdNumber, maskName } from '../../../shared/domain/pii';
import { translateWith, type Lang, type MessageKey, type ParamsArg, type TextOverrides } from '../../../shared/i18n';
import { embedCjkFont } from './cjk-font';
import { drawInfoGrid, measureInfoGrid, type CertificateText } from './iit-certificate-blocks';
import { cleanText as clean, drawClosing, drawFooter, drawTitle, measureClosing } from './certificate-frame';
import { CONTENT_W, FOOTER_TOP, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, QR_BOX, TABLE_COLUMNS } from './iit-certificate-geometry';
import { ELLIPSIS, FRAME, HEADER_FILL, INK, drawRow, measureRow, paginate, type TableRow } from './iit-certificate-table';
import { qrMatrix } from './qr-path';

/**
 * 个人所得税完税证明: the A4 certificate of a person's IIT payments
 * (docs/tax-rules.md "IIT payment certificate"). Page 1 carries the title, the QR
 * code of the verification code, and the taxpayer: the holder's own proof
 * for a bank or a visa office, so the name in full and the ID number in full
 * or partly hidden, as the holder chose on the preview (docs/certificate.md);
 * a technician's sample (kioskctl) masks both. The records table runs over as
 * many pages as it needs with its header on each; the last page closes with
 * the total in figures and in 大写, the issuing authority and the notes.
 * Every page repeats the verification code and "第 n 页 / 共 N 页", so a
 * loose page can be matched to its certificate.
 *
 * Deterministic for the same input: the font subset is in code point order,
 * the PDF dates are `issuedAt`, and nothing random is drawn.
 */

export { QR_BOX };

export interface IitCertificateRecord {
  /** `YYYY-MM`, the month the tax belongs to. */
  period: string;
  /** Tax item, e.g. 工资薪金所得. */
  item: string;
  /** Withholding agent (扣缴义务人). */
  agent: string;
  amountFen: number;
  /** `YYYY-MM-DD`. */
  paidOn: string;
  authority: string;
}

/** The holder's own copy prints the name in full; a technician's sample masks it. */
export type NameShown = 'full' | 'masked';
/** In full, or partly hidden like `110105********002X` (the holder's choice on the preview). */
export type IdNumberShown = 'full' | 'partlyHidden';

export interface IitCertificateInput {
  /** Plaintext in memory only: drawn on the page, never in the metadata, never logged. */
  taxpayer: { name: string; idNumber: string };
  nameShown: NameShown;
  idNumberShown: IdNumberShown;
  /** `YYYY-MM`. */
  from: string;
  /** `YYYY-MM`. */
  to: string;
  records: readonly IitCertificateRecord[];
  issuedAt: Date;
  /** Name of the issuing tax authority. */
  issuer: string;
  verificationCode: string;
  lang: Lang;
  kioskId: string;
  /** Overrides of the catalogue texts (config bundles); none = the catalogues. */
  texts?: TextOverrides;
}

/** More than this is not one person's year of payments but a fault upstream (and hundreds of pages). */
export const MAX_CERTIFICATE_RECORDS = 1000;

export async function renderIitCertificate(input: IitCertificateInput): Promise<Uint8Array> {
  const tr = lookup(input.texts);
  if (input.records.length > MAX_CERTIFICATE_RECORDS) {
    throw new RangeError(`renderIitCertificate: at most ${MAX_CERTIFICATE_RECORDS} records, got ${input.records.length}`);
  }
  const totalFen = input.records.reduce((sum, r) => sum + r.amountFen, 0);
  if (!Number.isSafeInteger(totalFen) || input.records.some((r) => !Number.isSafeInteger(r.amountFen) || r.amountFen < 0)) {
    throw new RangeError('renderIitCertificate: amounts must be non-negative integer fen with a safe total');
  }
  const text = certificateText(input, totalFen);
  const cells = input.records.map((r, i) => [
    String(i + 1),
    clean(r.period),
    clean(r.item),
    clean(r.agent),
    clean(r.paidOn),
    clean(r.authority),
    groupedYuan(r.amountFen),
  ]);

  const doc = await PDFDocument.create();
  doc.setTitle(text.title); // never the taxpayer's name: PDF metadata is read by print spoolers and logs
  doc.setCreator('tax-kiosk');
  doc.setProducer('tax-kiosk');
  doc.setLanguage(input.lang);
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  // Page numbers are not known before layout: the subset gets every digit and the template.
  const pageTemplate = tr(input.lang, 'certificate.page', { page: '0123456789', pages: '' });
  const font = await embedCjkFont(doc, Object.values(text).join('') + cells.flat().join('') + pageTemplate + ELLIPSIS + '¥');

  const header = measureRow(text.columns, TABLE_COLUMNS, font, { fill: HEADER_FILL, minHeight: 22, aligns: text.columns.map(() => 'center') });
  const rows: TableRow[] =
    cells.length > 0
      ? cells.map((c) => measureRow(c, TABLE_COLUMNS, font))
      : [measureRow([`${text.noRecords}\n${text.noRecordsDetail}`], TABLE_COLUMNS, font, { spans: [7], aligns: ['center'], size: 10, minHeight: 56 })];
  const totals = [
    measureRow([text.total, text.totalFigures], TABLE_COLUMNS, font, { spans: [6, 1], aligns: ['right', 'right'], fill: HEADER_FILL }),
    measureRow([text.totalWords], TABLE_COLUMNS, font, { spans: [7], aligns: ['left'] }),
  ];
  const closingHeight = totals.reduce((s, r) => s + r.height, 0) + measureClosing(font, [text.verify, text.note]);

  const firstTop = PAGE_H - MARGIN_TOP - QR_BOX.size - 24 - measureInfoGrid(font, text) - 14;
  const nextTop = PAGE_H - MARGIN_TOP - 30;
  const bottom = FOOTER_TOP + 10;
  const pages = paginate(
    rows.map((r) => r.height),
    firstTop - header.height - bottom,
    nextTop - header.height - bottom,
    closingHeight,
  );

  const qr = qrMatrix(input.verificationCode);
  pages.forEach((indices, p) => {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    let y: number;
    if (p === 0) {
      drawTitle(page, font, text, qr);
      drawInfoGrid(page, font, text, PAGE_H - MARGIN_TOP - QR_BOX.size - 24);
      y = firstTop;
    } else {
      const size = 13;
      const w = font.widthOfTextAtSize(text.titleContinued, size);
      page.drawText(text.titleContinued, { x: (PAGE_W - w) / 2, y: PAGE_H - MARGIN_TOP - 16, size, font, color: INK });
      y = nextTop;
    }
    y = drawTable(page, font, [header, ...indices.map((i) => rows[i] as TableRow), ...(p === pages.length - 1 ? totals : [])], y);
    if (p === pages.length - 1) drawClosing(page, font, text, [text.verify, text.note], y);
    drawFooter(page, font, text, tr(input.lang, 'certificate.page', { page: p + 1, pages: pages.length }));
  });
  return doc.save();
}

/** Draws rows from `top` down inside a heavy frame; returns the y under the table. */
function drawTable(page: PDFPage, font: PDFFont, rows: readonly TableRow[], top: number): number {
  page.drawLine({ start: { x: MARGIN_X, y: top }, end: { x: MARGIN_X + CONTENT_W, y: top }, thickness: FRAME, color: INK });
  let y = top;
  for (const row of rows) {
    drawRow(page, font, row, TABLE_COLUMNS, MARGIN_X, y);
    y -= row.height;
  }
  page.drawLine({ start: { x: MARGIN_X, y }, end: { x: MARGIN_X + CONTENT_W, y }, thickness: FRAME, color: INK });
  return y;
}

/** The catalogue lookup with the administrators' overrides laid over it. */
function lookup(texts: TextOverrides | undefined) {
  return <K extends MessageKey>(lang: Lang, key: K, ...args: ParamsArg<K>): string => translateWith(texts, lang, key, ...args);
}

/** Every string the certificate prints, from the catalogues and the input. */
function certificateText(input: IitCertificateInput, totalFen: number): CertificateText {
  const tr = lookup(input.texts);
  const { lang } = input;
  const month = (m: string) => {
    const [year = '', mm = ''] = clean(m).split('-');
    return tr(lang, 'certificate.month', { year, month: mm });
  };
  const p = (n: number) => String(n).padStart(2, '0');
  const at = input.issuedAt;
  const code = clean(input.verificationCode);
  return {
    title: tr(lang, 'certificate.title'),
    titleZh: lang === 'zh-CN' ? '' : tr('zh-CN', 'certificate.title'),
    titleContinued: tr(lang, 'certificate.title') + tr(lang, 'certificate.continued'),
    code,
    codeLine: tr(lang, 'certificate.code', { code }),
    nameLabel: tr(lang, 'certificate.name'),
    // The holder's proof: a masked name proves nothing to a bank. Masking stays on screens, receipts and logs.
    name: input.nameShown === 'full' ? clean(input.taxpayer.name) : maskName(clean(input.taxpayer.name)),
    idLabel: tr(lang, 'certificate.idNumber'),
    idNumber: input.idNumberShown === 'full' ? clean(input.taxpayer.idNumber) : maskIdNumber(clean(input.taxpayer.idNumber)),
    periodLabel: tr(lang, 'certificate.period'),
    period: tr(lang, 'certificate.periodRange', { from: month(input.from), to: month(input.to) }),
    issuedLabel: tr(lang, 'certificate.issuedOn'),
    issuedOn: tr(lang, 'certificate.date', { year: at.getFullYear(), month: p(at.getMonth() + 1), day: p(at.getDate()) }),
    columns: [
      tr(lang, 'certificate.col.index'),
      tr(lang, 'certificate.col.period'),
      tr(lang, 'certificate.col.item'),
      tr(lang, 'certificate.col.agent'),
      tr(lang, 'certificate.col.paidOn'),
      tr(lang, 'certificate.col.authority'),
      tr(lang, 'certificate.col.amount'),
    ],
    noRecords: tr(lang, 'certificate.noRecords'),
    noRecordsDetail: tr(lang, 'certificate.noRecords.detail'),
    total: tr(lang, 'certificate.total', { count: input.records.length }),
    totalFigures: `¥${groupedYuan(totalFen)}`,
    totalWords: tr(lang, 'certificate.totalWords', { words: amountInWords(totalFen) }),
    issuerLabel: tr(lang, 'certificate.issuer'),
    issuer: clean(input.issuer),
    verify: tr(lang, 'certificate.verify'),
    note: tr(lang, 'certificate.note'),
    kiosk: tr(lang, 'certificate.kiosk', { id: clean(input.kioskId) }),
  };
}

/** `1234567` fen → `12,345.67`. */
export function groupedYuan(fen: number): string {
  const yuan = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}
