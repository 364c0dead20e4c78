import type { Column } from './iit-certificate-table';

/** Page geometry of the IIT certificate, in PDF points (1 pt = 1/72 in); ISO 216 A4. */
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MM = 72 / 25.4;
/** 18 mm sides and 16 mm top: inside every office laser printer's unprintable margin. */
export const MARGIN_X = 18 * MM;
export const MARGIN_TOP = 16 * MM;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;
/** Baseline of the footer line, and the rule above it that body text stays clear of. */
export const FOOTER_Y = 12 * MM;
export const FOOTER_TOP = FOOTER_Y + 12;

/**
 * The QR code of page 1, top right (x, y = its bottom-left corner). 64 pt is
 * 22.6 mm: a version-2 symbol then has ~0.9 mm modules, which a phone reads
 * from a hand-held sheet. Exported so tests can find the symbol on the page.
 */
const QR_SIZE = 64;
export const QR_BOX = { x: PAGE_W - MARGIN_X - QR_SIZE, y: PAGE_H - MARGIN_TOP - QR_SIZE, size: QR_SIZE } as const;

/** 序号 · 所属期 · 征收品目 · 扣缴义务人 · 入库日期 · 税务机关 · 实缴金额: the agent and the authority get the most room: their names are the longest text. */
const FIXED: Column[] = [
  { width: 28, align: 'center' },
  { width: 50, align: 'center' },
  { width: 70, align: 'left' },
  { width: 120, align: 'left' },
  { width: 60, align: 'center' },
  { width: 98, align: 'left' },
];
export const TABLE_COLUMNS: readonly Column[] = [...FIXED, { width: CONTENT_W - FIXED.reduce((s, c) => s + c.width, 0), align: 'right' }];
