import type { PDFFont, PDFPage } from 'pdf-lib';
import { CONTENT_W, MARGIN_X } from './iit-certificate-geometry';
import { FRAME, HEADER_FILL, INK, drawRow, measureRow, type Column, type TableRow } from './iit-certificate-table';
import type { CertificateFrameText } from './certificate-frame';

/**
 * The taxpayer grid of the IIT certificate and the strings it prints. The
 * title, the closing block and the footer are every certificate's
 * (certificate-frame.ts); the records table is in iit-certificate-table.ts.
 */

/** Every string the certificate prints (the font subset is made from all of them). */
export interface CertificateText extends CertificateFrameText {
  titleContinued: string;
  nameLabel: string;
  name: string;
  idLabel: string;
  /** In full or partly hidden, as the input says. */
  idNumber: string;
  periodLabel: string;
  period: string;
  issuedLabel: string;
  columns: string[];
  noRecords: string;
  noRecordsDetail: string;
  total: string;
  totalFigures: string;
  totalWords: string;
  verify: string;
  note: string;
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
