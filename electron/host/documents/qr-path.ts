import QRCode from 'qrcode';

/**
 * A QR code as vector modules for pdf-lib's `drawSvgPath`: one path of
 * rectangles, filled once. Vector modules stay sharp at any printer
 * resolution and cost a few hundred bytes, where a PNG would be resampled
 * by the print pipeline and weigh kilobytes.
 */

/** The module matrix (true = dark), row by row, as `qrcode` builds it. */
export function qrMatrix(text: string): boolean[][] {
  // Level M (15 %) survives a smudged printout; the payload is short, so the symbol stays small.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.get(r, c) === 1);
    rows.push(row);
  }
  return rows;
}

/**
 * An SVG path in module units (x right, y down, origin at the symbol's
 * top-left corner): each horizontal run of dark modules is one rectangle,
 * which keeps the path short and leaves no hairline seams inside a run.
 */
export function qrSvgPath(matrix: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  matrix.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c++;
      const run = c - start;
      parts.push(`M${start} ${r}h${run}v1h${-run}Z`);
    }
  });
  return parts.join('');
}
