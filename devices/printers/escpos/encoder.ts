import iconv from 'iconv-lite';
import { Receipt, type Receipt as ReceiptInput } from '../../../shared/domain/receipt';
import { assertNever } from '../../../shared/assert-never';
import { ESCPOS_DIALECTS, type EscposDialect } from './commands';
import { layoutReceipt, type Align } from './layout';

/**
 * Receipt → ESC/POS bytes. Pure: no I/O, no clock. The receipt is validated
 * with its zod schema first (a ZodError for bad input), laid out by display
 * width (layout.ts), and encoded with one printer dialect (commands.ts).
 * Text goes out in GB18030 under Chinese mode (`FS &`), as docs/devices.md says.
 */
export interface EncodeOptions {
  /** Characters per line; 48 for 80 mm Font A. Defaults to the dialect's. */
  columns?: number;
  /** Dialect table or overrides of the 80 mm one. */
  dialect?: Partial<EscposDialect>;
}

const encoder = new TextEncoder();

export function encodeReceipt(receipt: ReceiptInput, options: EncodeOptions = {}): Uint8Array {
  const parsed = Receipt.parse(receipt);
  const d: EscposDialect = Object.assign({}, ESCPOS_DIALECTS['escpos-80mm'], options.dialect ?? {});
  const columns = options.columns ?? d.columns;
  const out: number[] = [...d.init(), ...d.chineseOn()];
  // Modes after ESC @; only changes are sent, so the bytes stay short and readable.
  const mode: { align: Align; size: 1 | 2; bold: boolean } = { align: 'left', size: 1, bold: false };
  const setMode = (align: Align, size: 1 | 2, bold: boolean) => {
    if (align !== mode.align) out.push(...d.align(align));
    if (size !== mode.size) out.push(...d.size(size));
    if (bold !== mode.bold) out.push(...d.bold(bold));
    Object.assign(mode, { align, size, bold });
  };
  for (const line of layoutReceipt(parsed, columns)) {
    switch (line.kind) {
      case 'text':
        setMode(line.align, line.size, line.bold);
        out.push(...iconv.encode(line.text, 'gb18030'), ...d.lineFeed());
        break;
      case 'qr':
        // A QR code is centred; its data is UTF-8, which phone scanners expect.
        setMode('center', 1, false);
        out.push(...d.qr(encoder.encode(line.data), line.moduleSize));
        break;
      case 'feed':
        out.push(...d.feedLines(line.lines));
        break;
      default:
        assertNever(line, 'print line');
    }
  }
  out.push(...d.cut());
  return Uint8Array.from(out);
}
