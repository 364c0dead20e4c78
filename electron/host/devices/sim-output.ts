import type { EscpPage } from '../../../devices/simulators/escp/escp-interpreter';
import type { Simulators } from './simulators';

/**
 * What the simulated printers put on paper, as plain text for demos and
 * end-to-end tests (`sim.printers.output`): each invoice page as its text runs
 * in reading order (top to bottom, then left to right, one line per row), each
 * receipt as its printed lines. Simulator mode only — real printers keep no copy.
 */
export function simPrinterOutput(sims: Simulators): { invoicePages: string[]; receipts: string[] } {
  return {
    invoicePages: sims.invoice.pages().map(pageText),
    receipts: sims.receipt.printed().map((r) => r.lines.join('\n')),
  };
}

/** Runs whose baselines are within 1 mm share a row. */
export function pageText(page: EscpPage): string {
  const runs = [...page.runs].sort((a, b) => a.yMm - b.yMm || a.xMm - b.xMm);
  const rows: { y: number; texts: { x: number; text: string }[] }[] = [];
  for (const run of runs) {
    const row = rows.find((r) => Math.abs(r.y - run.yMm) < 1);
    if (row) row.texts.push({ x: run.xMm, text: run.text });
    else rows.push({ y: run.yMm, texts: [{ x: run.xMm, text: run.text }] });
  }
  return rows
    .map((r) =>
      r.texts
        .sort((a, b) => a.x - b.x)
        .map((t) => t.text.trim())
        .join('  '),
    )
    .join('\n');
}
