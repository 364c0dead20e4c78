import { Receipt, type Receipt as ReceiptInput } from '../../../shared/domain/receipt';
import { assertNever } from '../../../shared/assert-never';
import { layoutReceipt } from './layout';
import { alignedLine } from './text-width';

/**
 * The receipt as the plain-text lines it prints as (receiptline's `text`
 * dialect): alignment becomes leading spaces counted in printed columns
 * (full-width = 2), double size counts double, a feed is empty lines and a
 * QR code is one `[QR: data]` line. For tests, previews and the simulator's
 * comparison; `escpos-interpreter.ts` gives back the same lines from bytes.
 */
export function renderReceiptText(receipt: ReceiptInput, columns = 48): string[] {
  const lines: string[] = [];
  for (const line of layoutReceipt(Receipt.parse(receipt), columns)) {
    switch (line.kind) {
      case 'text':
        lines.push(alignedLine(line.text, line.align, columns, line.size));
        break;
      case 'qr':
        lines.push(`[QR: ${line.data}]`);
        break;
      case 'feed':
        for (let i = 0; i < line.lines; i++) lines.push('');
        break;
      default:
        assertNever(line, 'print line');
    }
  }
  return lines;
}
