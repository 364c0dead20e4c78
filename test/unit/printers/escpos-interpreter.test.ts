import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../devices/printers/escpos/encoder';
import { renderReceiptText } from '../../../devices/printers/escpos/text-render';
import { testPageReceipt } from '../../../devices/printers/escpos/test-page';
import { EscposInterpreter, interpretEscpos, type EscposEvent } from '../../../devices/simulators/escpos/escpos-interpreter';
import type { Receipt } from '../../../shared/domain/receipt';
import { prng, randomInt } from '../../support/prng';

const RECEIPT: Receipt = {
  lines: [
    { type: 'text', text: '国家税务总局', align: 'center', bold: true, size: 2 },
    { type: 'text', text: '个人所得税完税证明（电子）', align: 'center' },
    { type: 'separator', char: '=' },
    { type: 'pair', label: '纳税人', value: '张三' },
    { type: 'pair', label: 'Taxpayer ID', value: '11010519491231002X' },
    { type: 'pair', label: '合计', value: '¥1,234.00', bold: true },
    { type: 'pair', label: 'Total', value: '¥1,234.00' },
    { type: 'text', text: '打印时间 2026-06-01 09:30', align: 'right' },
    { type: 'separator' },
    { type: 'qr', data: 'https://etax.example.cn/v?c=1234&n=完税' },
    { type: 'feed', lines: 2 },
    { type: 'text', text: '请妥善保管 Keep this receipt. '.repeat(3) },
  ],
};

describe('ESC/POS interpreter', () => {
  it('gives back the text lines of what the encoder made (round trip)', () => {
    const { receipts, rest } = interpretEscpos(encodeReceipt(RECEIPT));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.lines).toEqual(renderReceiptText(RECEIPT, 48));
    expect(receipts[0]?.qr).toEqual(['https://etax.example.cn/v?c=1234&n=完税']);
    expect(receipts[0]?.cuts).toBe(1);
    expect(rest.lines).toEqual([]);
    expect(receipts[0]?.lines).toContain('纳税人' + ' '.repeat(48 - 6 - 4) + '张三');
  });

  it('round-trips the test page and a 58 mm width', () => {
    const page = testPageReceipt({ model: 'escpos', port: '/dev/pts/3', date: '2026-06-01 09:30', columns: 48 });
    expect(interpretEscpos(encodeReceipt(page)).receipts[0]?.lines).toEqual(renderReceiptText(page, 48));
    const narrow = interpretEscpos(encodeReceipt(RECEIPT, { columns: 32 }), { columns: 32 });
    expect(narrow.receipts[0]?.lines).toEqual(renderReceiptText(RECEIPT, 32));
  });

  it('gives the same events however the stream is split into chunks', () => {
    const bytes = encodeReceipt(RECEIPT);
    const whole = new EscposInterpreter().push(bytes);
    const rand = prng(7);
    for (let round = 0; round < 40; round++) {
      const it = new EscposInterpreter();
      const events: EscposEvent[] = [];
      for (let at = 0; at < bytes.length;) {
        const n = 1 + randomInt(rand, 9);
        events.push(...it.push(bytes.subarray(at, at + n)));
        at += n;
      }
      expect(events).toEqual(whole);
    }
  });

  it('tracks alignment, bold and size per line', () => {
    const lines = new EscposInterpreter().push(encodeReceipt(RECEIPT)).filter((e) => e.type === 'line');
    expect(lines[0]).toMatchObject({ raw: '国家税务总局', align: 'center', bold: true, size: 2 });
    expect(lines[1]).toMatchObject({ align: 'center', bold: false, size: 1 });
    expect(lines.find((l) => l.raw.startsWith('合计'))).toMatchObject({ bold: true, align: 'left' });
    expect(lines.find((l) => l.raw.startsWith('打印时间'))).toMatchObject({ align: 'right' });
  });

  it('reports DLE EOT requests, also in the middle of a job, and prints nothing for them', () => {
    const events = new EscposInterpreter().push(Uint8Array.from([0x10, 0x04, 0x01, 0x1b, 0x40, 0x41, 0x10, 0x04, 0x04, 0x42, 0x0a]));
    expect(events).toEqual([
      { type: 'statusRequest', n: 1 },
      { type: 'init' },
      { type: 'statusRequest', n: 4 },
      { type: 'line', text: 'AB', raw: 'AB', align: 'left', bold: false, size: 1 },
    ]);
  });

  it('needs FS &: without Chinese mode GB18030 bytes do not come out as Chinese', () => {
    const bytes = Array.from(encodeReceipt({ lines: [{ type: 'text', text: '合计' }] }));
    const withoutFs = Uint8Array.from(bytes.filter((_, i) => i !== 2 && i !== 3)); // drop 1C 26
    expect(interpretEscpos(withoutFs).receipts[0]?.lines).not.toEqual(['合计']);
    expect(interpretEscpos(Uint8Array.from(bytes)).receipts[0]?.lines).toEqual(['合计']);
  });

  it('skips commands it does not print (ESC t, GS v 0 raster, barcode, ESC * bit image) by their length', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x41, 0x1b, 0x40]; // 2×2 bytes of image data that look like commands
    const barcode = [0x1d, 0x6b, 0x04, 0x31, 0x32, 0x00];
    const bitImage = [0x1b, 0x2a, 0x21, 0x02, 0x00, 0x41, 0x0a, 0x42, 0x1b, 0x40, 0x43]; // 24-dot double density: 2 columns × 3 bytes
    const bytes = Uint8Array.from([0x1b, 0x74, 0x00, ...raster, ...barcode, ...bitImage, 0x58, 0x0a, 0x1d, 0x56, 0x00]);
    const { receipts } = interpretEscpos(bytes);
    expect(receipts).toEqual([{ lines: ['X'], qr: [], cuts: 1 }]);
  });

  it('wraps a line longer than the paper where the printer runs out of columns', () => {
    const text = 'ABCDEFGHIJ';
    const { rest } = interpretEscpos(Uint8Array.from([...new TextEncoder().encode(text), 0x0a]), { columns: 4 });
    expect(rest.lines).toEqual(['ABCD', 'EFGH', 'IJ']);
  });
});
