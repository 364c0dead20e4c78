import type { Receipt } from '../../../shared/domain/receipt';

/**
 * The technician's test page: kiosk-neutral (no taxpayer data), it shows
 * what a technician checks by eye: the column count (a ruler), Chinese glyphs
 * in GB18030, full-width alignment of amounts, bold/double size, a QR code
 * and the cut.
 */
export interface TestPageInfo {
  model: string;
  port: string;
  /** Local date and time as printed, e.g. `2026-06-01 09:30`. */
  date: string;
  columns: number;
}

/** `1234567890` repeated to the width: the last digit printed is the last column. */
export function columnRuler(columns: number): string[] {
  const units = Array.from({ length: columns }, (_, i) => String((i + 1) % 10)).join('');
  const tens = Array.from({ length: columns }, (_, i) => ((i + 1) % 10 === 0 ? String(((i + 1) / 10) % 10) : ' '))
    .join('')
    .trimEnd();
  return [tens, units];
}

export function testPageReceipt(info: TestPageInfo): Receipt {
  const [tens, units] = columnRuler(info.columns);
  return {
    lines: [
      { type: 'text', text: '测试页 TEST PAGE', align: 'center', bold: true, size: 2 },
      { type: 'separator', char: '=' },
      { type: 'pair', label: 'Model', value: info.model },
      { type: 'pair', label: 'Port', value: info.port },
      { type: 'pair', label: 'Date', value: info.date },
      { type: 'pair', label: 'Columns', value: String(info.columns) },
      { type: 'separator', char: '-' },
      { type: 'text', text: tens ?? '' },
      { type: 'text', text: units ?? '' },
      { type: 'separator', char: '-' },
      { type: 'text', text: '国家税务总局 测试页', align: 'center', bold: true },
      { type: 'pair', label: '合计', value: '¥1,234.56' },
      { type: 'pair', label: 'Total', value: '¥1,234.56' },
      { type: 'pair', label: '税额 Tax', value: '￥56.78' },
      { type: 'pair', label: '纳税人识别号', value: '91110000000000000X' },
      { type: 'text', text: '左 Left', align: 'left' },
      { type: 'text', text: '中 Center', align: 'center' },
      { type: 'text', text: '右 Right', align: 'right' },
      { type: 'separator', char: '*' },
      { type: 'qr', data: `TEST PAGE ${info.model} ${info.date}`, moduleSize: 6 },
      { type: 'feed', lines: 1 },
    ],
  };
}

export function localDateTime(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}`;
}
