import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../devices/printers/escpos/encoder';
import { renderReceiptText } from '../../../devices/printers/escpos/text-render';
import { layoutPair } from '../../../devices/printers/escpos/layout';
import iconv from 'iconv-lite';
import { ESCPOS_DIALECTS } from '../../../devices/printers/escpos/commands';
import { displayWidth, sanitizeText, truncateToWidth, wrapToWidth } from '../../../devices/printers/escpos/text-width';
import { prng, randomInt } from '../../support/prng';

/**
 * The printed lines of a text-only receipt, read back from its bytes: after
 * ESC @ and FS &, before the cut, split at LF, each part decoded as GB18030.
 * A part that does not decode to the same bytes again (a character cut in
 * half, a byte the encoding lacks) fails here.
 */
function decodeTextLines(bytes: Uint8Array): string[] {
  const d = ESCPOS_DIALECTS['escpos-80mm'];
  const head = [...d.init(), ...d.chineseOn()];
  const tail = [...d.cut()];
  expect(Array.from(bytes.subarray(0, head.length))).toEqual(head);
  expect(Array.from(bytes.subarray(bytes.length - tail.length))).toEqual(tail);
  const body = Buffer.from(bytes.subarray(head.length, bytes.length - tail.length));
  const parts: string[] = [];
  let from = 0;
  for (let at = body.indexOf(0x0a); at >= 0; at = body.indexOf(0x0a, from)) {
    const part = body.subarray(from, at);
    const text = iconv.decode(part, 'gb18030');
    expect(iconv.encode(text, 'gb18030').equals(part), `line ${parts.length} decodes to the same bytes`).toBe(true);
    parts.push(text);
    from = at + 1;
  }
  expect(from, 'nothing after the last LF but the cut').toBe(body.length);
  return parts;
}

const pairs = (rows: [string, string][], columns = 48) =>
  renderReceiptText({ lines: rows.map(([label, value]) => ({ type: 'pair' as const, label, value })) }, columns);

describe('full-width alignment of pairs', () => {
  it('puts the amounts of 合计 and Total in the same column', () => {
    const [zh, en] = pairs([
      ['合计', '¥1,234.00'],
      ['Total', '¥1,234.00'],
    ]);
    expect(zh).toBe('合计' + ' '.repeat(48 - 4 - 10) + '¥1,234.00');
    expect(en).toBe('Total' + ' '.repeat(48 - 5 - 10) + '¥1,234.00');
    // Both end at printed column 48: the amount sits flush right on paper.
    expect(displayWidth(zh ?? '')).toBe(48);
    expect(displayWidth(en ?? '')).toBe(48);
  });

  it('aligns mixed Chinese/ASCII labels and values to the right edge', () => {
    const lines = pairs([
      ['税额 Tax', '￥56.78'],
      ['纳税人识别号', '91110000000000000X'],
      ['金额（大写）', '壹仟贰佰叁拾肆元整'],
    ]);
    for (const line of lines) expect(displayWidth(line)).toBe(48);
    expect(lines[2]).toBe('金额（大写）' + ' '.repeat(48 - 12 - 18) + '壹仟贰佰叁拾肆元整');
  });

  it('wraps a label too long for one line and keeps the value whole and flush right', () => {
    const label = '代开增值税普通发票应纳税额及附加税费合计金额说明';
    const lines = layoutPair(label, '¥8,888.88', 32);
    expect(lines.join('').replaceAll(' ', '')).toBe(label + '¥8,888.88');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(32);
    expect(lines[lines.length - 1]?.endsWith('¥8,888.88')).toBe(true);
    expect(displayWidth(lines[lines.length - 1] ?? '')).toBe(32);
  });

  it('puts a value that does not fit beside the label on its own right-aligned line', () => {
    expect(layoutPair('Taxpayer', 'ABCDEFGHIJ', 16)).toEqual(['Taxpayer', '      ABCDEFGHIJ']);
  });

  it('never splits a multibyte character and never exceeds the width (random mixed text)', () => {
    const alphabet = ['a', 'B', '7', ' ', '税', '务', '（', '¥', '，', '€', '😀'];
    const rand = prng(20260601);
    for (let round = 0; round < 300; round++) {
      const width = 8 + randomInt(rand, 41);
      const text = Array.from({ length: randomInt(rand, 80) }, () => alphabet[randomInt(rand, alphabet.length)]).join('');
      for (const line of wrapToWidth(text, width)) {
        expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }
      const value = text.slice(0, randomInt(rand, 20)).replace(/[\ud800-\udbff]$/, '');
      for (const line of layoutPair(text, value, width)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      // The bytes of a wrapped text decode line by line: every LF falls between characters,
      // and each line is exactly one wrapped line in GB18030.
      expect(decodeTextLines(encodeReceipt({ lines: [{ type: 'text', text }] }, { columns: width })), `round ${round}`).toEqual(
        wrapToWidth(sanitizeText(text), width),
      );
    }
  });
});

describe('QR code bytes', () => {
  const qrBytes = (data: string, moduleSize = 6) => Array.from(encodeReceipt({ lines: [{ type: 'qr', data, moduleSize }] }));
  const find = (bytes: number[], fn: number) => {
    for (let i = 0; i + 6 < bytes.length; i++) {
      if (bytes[i] === 0x1d && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x6b && bytes[i + 6] === fn) {
        const len = (bytes[i + 3] ?? 0) | ((bytes[i + 4] ?? 0) << 8);
        return { at: i, pL: bytes[i + 3], pH: bytes[i + 4], params: bytes.slice(i + 5, i + 5 + len) };
      }
    }
    return null;
  };

  it('stores the data with pL pH = k + 3 (little endian) and prints with fn 81', () => {
    const data = 'https://etax.example.cn/verify?code=' + 'X'.repeat(300);
    const bytes = qrBytes(data);
    const store = find(bytes, 0x50);
    expect(store).not.toBeNull();
    const k = new TextEncoder().encode(data).length;
    expect(k).toBe(336);
    expect([store?.pL, store?.pH]).toEqual([(k + 3) & 0xff, (k + 3) >> 8]); // 339 = 0x0153 → 53 01
    expect([store?.pL, store?.pH]).toEqual([0x53, 0x01]);
    expect(store?.params.slice(0, 3)).toEqual([0x31, 0x50, 0x30]);
    expect(new TextDecoder().decode(Uint8Array.from(store?.params.slice(3) ?? []))).toBe(data);
    const print = find(bytes, 0x51);
    expect(print?.params).toEqual([0x31, 0x51, 0x30]);
    expect(print && store && print.at > store.at).toBe(true);
  });

  it('selects model 2, the module size and error correction M before storing', () => {
    const bytes = qrBytes('税务', 8);
    expect(find(bytes, 0x41)?.params).toEqual([0x31, 0x41, 0x32, 0x00]);
    expect(find(bytes, 0x43)?.params).toEqual([0x31, 0x43, 8]);
    expect(find(bytes, 0x45)?.params).toEqual([0x31, 0x45, 0x31]);
    // Chinese QR data goes as UTF-8: 2 chars × 3 bytes, pL = 6 + 3.
    expect(find(bytes, 0x50)?.pL).toBe(9);
  });
});

describe('label/value rows at the edges', () => {
  it('puts the value beside the last line of a wrapped label when it fits there', () => {
    // 'Amount payable in total' (23) wraps at 16 into 'Amount payable' + 'in total' (8); 8 + 1 + 4 ≤ 16.
    expect(layoutPair('Amount payable in total', '9.99', 16)).toEqual(['Amount payable', 'in total    9.99']);
  });

  it('prints a value with an empty label on its own line, with no blank line above it', () => {
    // 16 columns of value leave no room for the space after a label: the value alone, flush right.
    expect(layoutPair('', 'ABCDEFGHIJKLMNOP', 16)).toEqual(['ABCDEFGHIJKLMNOP']);
    const bytes = encodeReceipt({ lines: [{ type: 'pair', label: '', value: 'ABCDEFGHIJKLMNOP' }] }, { columns: 16 });
    expect(decodeTextLines(bytes)).toEqual(['ABCDEFGHIJKLMNOP']);
  });

  it('keeps a value in the same column with or without a label, its own blanks included', () => {
    // '¥9.50 ' is 2 + 4 + 1 = 7 columns; with an empty label it just fits 8 columns (0 + 1 + 7).
    expect(layoutPair('', '¥9.50 ', 8)).toEqual([' ¥9.50 ']);
    expect(layoutPair('', '12.5 ', 8)).toEqual(['   12.5 ']);
    expect(layoutPair('A', '12.5 ', 8)).toEqual(['A  12.5 ']);
  });

  it('counts U+0080, the first code above ASCII, as two columns (a 4-byte GB18030 code)', () => {
    expect(Array.from(iconv.encode('\u0080', 'gb18030'))).toEqual([0x81, 0x30, 0x81, 0x30]);
    expect(displayWidth('\u0080')).toBe(2);
    // 'A' + one space + a 2-column value fill 4 columns exactly.
    expect(layoutPair('A', '\u0080', 4)).toEqual(['A \u0080']);
  });
});

describe('truncateToWidth', () => {
  it('cuts to the width by whole characters, a full-width one counting 2', () => {
    expect(truncateToWidth('纳税人ABC', 7)).toBe('纳税人A');
    expect(truncateToWidth('A纳税', 4)).toBe('A纳'); // 税 would make 5: it is left out, not split
    expect(truncateToWidth('Total', 5)).toBe('Total'); // exactly the width: nothing cut
    expect(truncateToWidth('Total due', 5)).toBe('Total');
    expect(truncateToWidth('', 3)).toBe('');
    expect(truncateToWidth('税', 1)).toBe('');
  });
});
