import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../devices/printers/escpos/encoder';
import { renderReceiptText } from '../../../devices/printers/escpos/text-render';
import { ESCPOS_DIALECTS, escposBase } from '../../../devices/printers/escpos/commands';
import type { Receipt } from '../../../shared/domain/receipt';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
/** Joins annotated hex pieces: each row is one command, as a reader of the golden would check it. */
const golden = (rows: [string, string][]) => rows.map(([h]) => h).join(' ');

/** A small receipt with every line type, on a 16-column paper to keep the golden short. */
const SMALL: Receipt = {
  lines: [
    { type: 'text', text: '完税证明', align: 'center', bold: true, size: 2 },
    { type: 'separator' },
    { type: 'pair', label: '合计', value: '¥12.50' },
    { type: 'qr', data: 'AB', moduleSize: 4 },
    { type: 'feed', lines: 2 },
  ],
};

describe('encodeReceipt (golden bytes)', () => {
  it('encodes every line type to the exact ESC/POS bytes', () => {
    const expected = golden([
      ['1b 40', 'ESC @ initialize'],
      ['1c 26', 'FS & Chinese mode on'],
      ['1b 61 01', 'ESC a 1 centre'],
      ['1d 21 11', 'GS ! 0x11 double width and height'],
      ['1b 45 01', 'ESC E 1 bold on'],
      ['cd ea cb b0 d6 a4 c3 f7', '完税证明 in GB18030'],
      ['0a', 'LF'],
      ['1b 61 00', 'ESC a 0 left'],
      ['1d 21 00', 'GS ! 0 normal size'],
      ['1b 45 00', 'ESC E 0 bold off'],
      ['2d 2d 2d 2d 2d 2d 2d 2d 2d 2d 2d 2d 2d 2d 2d 2d', '16 × "-"'],
      ['0a', 'LF'],
      ['ba cf bc c6', '合计 (4 columns)'],
      ['20 20 20 20 20', '5 spaces: 16 − 4 − 7'],
      ['81 30 84 36 31 32 2e 35 30', '¥12.50 (¥ is a 4-byte GB18030 code: 2 columns; 7 columns in all)'],
      ['0a', 'LF'],
      ['1b 61 01', 'ESC a 1 centre the QR code'],
      ['1d 28 6b 04 00 31 41 32 00', 'GS ( k fn 65: model 2'],
      ['1d 28 6b 03 00 31 43 04', 'GS ( k fn 67: module size 4'],
      ['1d 28 6b 03 00 31 45 31', 'GS ( k fn 69: error correction M'],
      ['1d 28 6b 05 00 31 50 30 41 42', 'GS ( k fn 80: store "AB" (pL = 2 + 3)'],
      ['1d 28 6b 03 00 31 51 30', 'GS ( k fn 81: print'],
      ['1b 64 02', 'ESC d 2 feed two lines'],
      ['1d 56 42 00', 'GS V 66 0 feed and cut'],
    ]);
    expect(hex(encodeReceipt(SMALL, { columns: 16 }))).toBe(expected);
  });

  it('renders the same receipt as the text lines it prints as', () => {
    expect(renderReceiptText(SMALL, 16)).toEqual([
      '完税证明', // 4 full-width glyphs at double size fill all 16 columns: no room to centre
      '----------------',
      '合计     ¥12.50',
      '[QR: AB]',
      '',
      '',
    ]);
  });

  it('sends only mode changes, and the whole receipt ends in one cut', () => {
    const bytes = hex(
      encodeReceipt({
        lines: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      }),
    );
    expect(bytes).toBe('1b 40 1c 26 61 0a 62 0a 1d 56 42 00');
  });

  it('centres and right-aligns by printed columns in the text rendering', () => {
    const lines = renderReceiptText(
      {
        lines: [
          { type: 'text', text: '税务', align: 'center' },
          { type: 'text', text: 'Tax', align: 'right' },
          { type: 'text', text: '凭证', align: 'center', size: 2 },
        ],
      },
      20,
    );
    expect(lines).toEqual(['        税务', '                 Tax', '      凭证']);
  });

  it('never lets a text inject a printer command (controls become spaces)', () => {
    const bytes = encodeReceipt({ lines: [{ type: 'text', text: 'A\x1bd\x10\x04\x01B' }] });
    // ESC, DLE, EOT and SOH each become a space: "A", " d", "   ", "B" — no ESC d, no DLE EOT on the wire.
    expect(hex(bytes)).toBe('1b 40 1c 26 41 20 64 20 20 20 42 0a 1d 56 42 00');
  });

  it('wraps long text on whole characters and keeps each piece aligned', () => {
    const text = '国家税务总局'.repeat(5); // 30 full-width chars = 60 columns
    const lines = renderReceiptText({ lines: [{ type: 'text', text }] }, 48);
    expect(lines).toEqual(['国家税务总局'.repeat(4), '国家税务总局']);
    const words = renderReceiptText({ lines: [{ type: 'text', text: 'alpha beta gamma delta' }] }, 12);
    expect(words).toEqual(['alpha beta', 'gamma delta']);
  });

  it('rejects a receipt that fails its schema', () => {
    expect(() => encodeReceipt({ lines: [{ type: 'qr', data: '' }] })).toThrow();
    expect(() => encodeReceipt({ lines: [{ type: 'text', text: 'x', size: 3 as 2 }] })).toThrow();
  });
});

describe('printer dialects', () => {
  it('names each dialect by the key a printer is picked with', () => {
    // A kiosk's config names its printer 'escpos-80mm' or 'escpos-58mm'; the dialect says which one it is.
    expect(escposBase.name).toBe('escpos');
    expect(Object.keys(ESCPOS_DIALECTS)).toEqual(['escpos-80mm', 'escpos-58mm']);
    expect(ESCPOS_DIALECTS['escpos-80mm'].name).toBe('escpos-80mm');
    expect(ESCPOS_DIALECTS['escpos-58mm'].name).toBe('escpos-58mm');
    expect(ESCPOS_DIALECTS['escpos-80mm'].columns).toBe(48);
    expect(ESCPOS_DIALECTS['escpos-58mm'].columns).toBe(32);
  });

  it('prints a 58 mm receipt 32 columns wide and caps its QR modules at 5 dots', () => {
    const bytes = encodeReceipt(
      {
        lines: [{ type: 'separator' }, { type: 'qr', data: 'AB', moduleSize: 8 }, { type: 'qr', data: 'AB', moduleSize: 3 }],
      },
      { dialect: ESCPOS_DIALECTS['escpos-58mm'] },
    );
    const qr = (n: number) =>
      [
        '1d 28 6b 04 00 31 41 32 00', // model 2
        `1d 28 6b 03 00 31 43 0${n}`, // module size n
        '1d 28 6b 03 00 31 45 31', // error correction M
        '1d 28 6b 05 00 31 50 30 41 42', // store "AB"
        '1d 28 6b 03 00 31 51 30', // print
      ].join(' ');
    expect(hex(bytes)).toBe(
      [
        '1b 40 1c 26',
        '2d '.repeat(32) + '0a', // 32 × "-": the 58 mm paper's width, not 48
        '1b 61 01', // centre the QR codes
        qr(5), // 8 dots asked, 5 printed: a wider symbol would not fit 48 mm
        qr(3), // below the cap the size asked is kept
        '1d 56 42 00',
      ].join(' '),
    );
  });

  it('wraps double-size text at half the columns', () => {
    // 16 columns of paper hold 8 double-width ASCII glyphs.
    const lines = renderReceiptText({ lines: [{ type: 'text', text: 'TAX PAID RECEIPT', size: 2 }] }, 16);
    expect(lines).toEqual(['TAX PAID', 'RECEIPT']);
    const bytes = encodeReceipt({ lines: [{ type: 'text', text: 'TAX PAID RECEIPT', size: 2 }] }, { columns: 16 });
    // GS ! 0x11, "TAX PAID" LF, "RECEIPT" LF
    expect(hex(bytes)).toBe('1b 40 1c 26 1d 21 11 54 41 58 20 50 41 49 44 0a 52 45 43 45 49 50 54 0a 1d 56 42 00');
  });

  it('replaces a lone surrogate with U+FFFD instead of dropping it', () => {
    const bytes = encodeReceipt({ lines: [{ type: 'text', text: 'A\ud800B\udc00C' }] });
    // U+FFFD is 84 31 a4 37 in GB18030: the reader sees a character was there.
    expect(hex(bytes)).toBe('1b 40 1c 26 41 84 31 a4 37 42 84 31 a4 37 43 0a 1d 56 42 00');
  });
});
