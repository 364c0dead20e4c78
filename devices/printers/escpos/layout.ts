import type { ParsedReceipt } from '../../../shared/domain/receipt';
import { assertNever } from '../../../shared/assert-never';
import { displayWidth, sanitizeText, wrapToWidth } from './text-width';

/**
 * A receipt laid out into printed lines for a given paper width. The
 * encoder turns these into bytes and the text renderer into a preview, so
 * both agree on every wrap and every column by construction.
 */
export type Align = 'left' | 'center' | 'right';
export type PrintLine =
  { kind: 'text'; text: string; align: Align; bold: boolean; size: 1 | 2 } | { kind: 'feed'; lines: number } | { kind: 'qr'; data: string; moduleSize: number };

export function layoutReceipt(receipt: ParsedReceipt, columns: number): PrintLine[] {
  const out: PrintLine[] = [];
  for (const line of receipt.lines) {
    switch (line.type) {
      case 'text': {
        // Double size doubles each glyph's width: half as many fit on a line.
        const room = Math.floor(columns / line.size);
        for (const part of wrapToWidth(sanitizeText(line.text), room)) {
          out.push({ kind: 'text', text: part, align: line.align, bold: line.bold, size: line.size });
        }
        break;
      }
      case 'pair':
        for (const text of layoutPair(sanitizeText(line.label), sanitizeText(line.value), columns)) {
          out.push({ kind: 'text', text, align: 'left', bold: line.bold, size: 1 });
        }
        break;
      case 'separator':
        out.push({ kind: 'text', text: line.char.repeat(columns), align: 'left', bold: false, size: 1 });
        break;
      case 'qr':
        out.push({ kind: 'qr', data: line.data, moduleSize: line.moduleSize });
        break;
      case 'feed':
        out.push({ kind: 'feed', lines: line.lines });
        break;
      default:
        assertNever(line, 'receipt line');
    }
  }
  return out;
}

/**
 * Label flush left, value flush right, padded by display width (so `合计`
 * and `Total` put their amounts in the same column). When both do not fit
 * on one line with a space between them, the label wraps and the value goes
 * right-aligned under it (wrapped too if it is wider than the paper): the
 * amount is never cut off.
 */
export function layoutPair(label: string, value: string, columns: number): string[] {
  const lw = displayWidth(label);
  const vw = displayWidth(value);
  if (lw + 1 + vw <= columns) return [label + ' '.repeat(columns - lw - vw) + value];
  const labelLines = label === '' ? [] : wrapToWidth(label, columns);
  const last = labelLines[labelLines.length - 1];
  if (last !== undefined && displayWidth(last) + 1 + vw <= columns) {
    labelLines[labelLines.length - 1] = last + ' '.repeat(columns - displayWidth(last) - vw) + value;
    return labelLines;
  }
  const valueLines = wrapToWidth(value, columns).map((v) => ' '.repeat(columns - displayWidth(v)) + v);
  return [...labelLines, ...valueLines];
}
