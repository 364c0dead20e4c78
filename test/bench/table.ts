import type { RowResult } from './bench-types';

const fmt = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.1) return value.toFixed(2);
  return value.toPrecision(2);
};

/** The table `npm run bench` prints: one line per figure, the row's title on its first. */
export function renderTable(results: readonly RowResult[]): string {
  const header = ['row', 'figure', 'median', 'target', 'met', 'runs'];
  const lines: string[][] = [];
  for (const r of results) {
    if (r.error) {
      lines.push([r.title, 'ERROR', r.error.split('\n')[0] ?? '', '', 'no', String(r.runs)]);
      continue;
    }
    r.metrics.forEach((m, i) => {
      const target = m.target ? `${m.target.op} ${fmt(m.target.value)} ${m.unit}` : '(reported)';
      const met = m.met === null ? '' : m.met ? 'yes' : 'NO';
      lines.push([i === 0 ? r.title : '', m.name, `${fmt(m.value)} ${m.unit}`, target, met, i === 0 ? String(r.runs) : '']);
    });
  }
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => width(l[c] ?? ''))));
  const row = (cells: string[]) => cells.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - width(cell))).join(' | ');
  const out = [row(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(row)];
  out.push('', 'What each row measures, and how to run it alone:');
  for (const r of results) out.push(`  ${r.title}: ${r.measures}`, `    ${r.command}`);
  return out.join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
