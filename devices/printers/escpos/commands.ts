import type { Align } from './layout';

/**
 * ESC/POS command builders as a dialect table, after receiptline's
 * `Object.assign({}, _base, _escpos, _thermal)`: a printer model overrides
 * only what it does differently. Every builder names its command.
 * Byte values: Epson ESC/POS Application Programming Guide (command reference).
 */
export interface EscposDialect {
  readonly name: string;
  /** Characters per line of Font A (12×24) at normal size. */
  readonly columns: number;
  init(): number[];
  /** Chinese (double-byte) mode on, or nothing for printers that start in it. */
  chineseOn(): number[];
  align(align: Align): number[];
  size(size: 1 | 2): number[];
  bold(on: boolean): number[];
  lineFeed(): number[];
  feedLines(n: number): number[];
  /** Stores `data` as a QR symbol and prints it. */
  qr(data: Uint8Array, moduleSize: number): number[];
  cut(): number[];
}

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const LF = 0x0a;

/** `GS ( k pL pH cn fn [params]`: pL pH count cn, fn and the params (little endian). */
function gsParenK(fn: number, params: ArrayLike<number>): number[] {
  const len = params.length + 2;
  return [GS, 0x28, 0x6b, len & 0xff, (len >> 8) & 0xff, 0x31, fn, ...Array.from(params)];
}

/** QR error correction level M (≈15 % recovery): GS ( k fn 69 n = 49. */
const QR_EC_M = 0x31;

export const escposBase: EscposDialect = {
  name: 'escpos',
  columns: 48,
  // initialize printer: ESC @
  init: () => [ESC, 0x40],
  // select Kanji (Chinese) character mode: FS &
  chineseOn: () => [FS, 0x26],
  // select justification: ESC a n (0 left, 1 center, 2 right)
  align: (a) => [ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2],
  // select character size: GS ! n (high nibble width ×, low nibble height ×; 0x11 = double both)
  size: (s) => [GS, 0x21, s === 2 ? 0x11 : 0x00],
  // turn emphasized mode on/off: ESC E n
  bold: (on) => [ESC, 0x45, on ? 1 : 0],
  // print and line feed: LF
  lineFeed: () => [LF],
  // print and feed n lines: ESC d n
  feedLines: (n) => [ESC, 0x64, Math.max(0, Math.min(255, n))],
  qr: (data, moduleSize) => [
    // QR: select the model: GS ( k pL pH cn=49 fn=65 n1=50 (model 2) n2=0
    ...gsParenK(0x41, [0x32, 0x00]),
    // QR: set the module size: GS ( k pL pH cn fn=67 n (dots per module)
    ...gsParenK(0x43, [moduleSize]),
    // QR: select the error correction level: GS ( k pL pH cn fn=69 n (49 = M)
    ...gsParenK(0x45, [QR_EC_M]),
    // QR: store the data in the symbol storage area: GS ( k pL pH cn fn=80 m=48 d1…dk
    ...gsParenK(0x50, [0x30, ...data]),
    // QR: print the symbol data in the symbol storage area: GS ( k pL pH cn fn=81 m=48
    ...gsParenK(0x51, [0x30]),
  ],
  // select cut mode and cut paper: GS V m n (m=66: feed to the cutting position + n units, then partial cut)
  cut: () => [GS, 0x56, 0x42, 0x00],
};

/** The dialects the kiosk knows; a new model is one override line. */
export const ESCPOS_DIALECTS = {
  /** 80 mm thermal, Font A: 48 columns (72 mm printable at 203 dpi / 12-dot glyphs). */
  'escpos-80mm': Object.assign({}, escposBase, { name: 'escpos-80mm' }),
  /** 58 mm thermal: 32 columns; modules capped at 5 dots so a long URL's symbol still fits 48 mm. */
  'escpos-58mm': Object.assign({}, escposBase, {
    name: 'escpos-58mm',
    columns: 32,
    qr: (data: Uint8Array, moduleSize: number) => escposBase.qr(data, Math.min(moduleSize, 5)),
  }),
} satisfies Record<string, EscposDialect>;
export type EscposDialectName = keyof typeof ESCPOS_DIALECTS;
