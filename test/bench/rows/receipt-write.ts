import fs from 'node:fs';
import { encodeReceipt } from '../../../devices/printers/escpos/encoder';
import { openSerialTransport } from '../../../devices/transports/serial-transport';
import { createPtyPair, type PtyPair } from '../../../devices/simulators/pty-pair';
import type { ByteTransport } from '../../../devices/transports/byte-transport';
import type { Receipt, ReceiptLine } from '../../../shared/domain/receipt';
import type { BenchRow } from '../bench-types';
import { msSince } from '../stats';

/** A typical 30-line receipt: title, pairs, Chinese text, a QR code, a feed. */
export function typicalReceipt(): Receipt {
  const lines: ReceiptLine[] = [
    { type: 'text', text: '发票代开凭条', align: 'center', bold: true, size: 2 },
    { type: 'separator', char: '=' },
  ];
  for (let i = 0; i < 22; i++) lines.push({ type: 'pair', label: `项目 ${i + 1} 增值税`, value: `${(1000 + i * 37.5).toFixed(2)} 元` });
  lines.push({ type: 'separator', char: '-' });
  lines.push({ type: 'text', text: '请妥善保管本凭条，如有疑问请咨询办税服务厅工作人员。' });
  lines.push({ type: 'qr', data: '01KABCDEFGHJKMNPQRSTVWXYZ0' });
  lines.push({ type: 'text', text: '扫码查询办理结果', align: 'center' });
  lines.push({ type: 'separator', char: '-' });
  lines.push({ type: 'feed', lines: 3 });
  return { lines };
}

let pty: PtyPair | null = null;
let transport: ByteTransport | null = null;
let drain: fs.ReadStream | null = null;

/**
 * Encode + write of one receipt into the serial port (a PTY; the far end
 * reads as fast as it can). The figure is our software's part; the wire's own
 * time at the printer's baud rate is reported beside it (10 bits per byte).
 */
export const receiptWriteRow: BenchRow = {
  id: 'receipt-write',
  title: 'receipt encode + write (30 lines)',
  measures: 'encodeReceipt() called → bytes drained to the serial port (PTY)',
  runs: 15,
  async setup() {
    pty = await createPtyPair();
    drain = fs.createReadStream(pty.b);
    drain.on('data', () => undefined);
    drain.on('error', () => undefined);
    transport = await openSerialTransport({ path: pty.a, baudRate: 115200 });
  },
  async run() {
    if (!transport) throw new Error('not set up');
    const receipt = typicalReceipt();
    const start = process.hrtime.bigint();
    const bytes = encodeReceipt(receipt);
    await transport.write(bytes);
    const ms = msSince(start);
    return [
      { name: 'encode+write', value: ms, unit: 'ms', target: { op: '<', value: 20 } },
      { name: 'bytes', value: bytes.length, unit: 'B' },
      { name: 'wire @115200', value: (bytes.length * 10 * 1000) / 115200, unit: 'ms' },
    ];
  },
  async teardown() {
    await transport?.close();
    drain?.destroy();
    await pty?.close();
  },
};
