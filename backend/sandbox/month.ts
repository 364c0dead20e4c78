/**
 * Calendar arithmetic in China Standard Time (UTC+8, no daylight saving): the
 * tax month a payment or an invoice belongs to is the month in Beijing, not
 * the month of the host's time zone.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

function cst(date: Date): Date {
  return new Date(date.getTime() + CST_OFFSET_MS);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM` in Beijing time. */
export function monthOf(date: Date): string {
  const d = cst(date);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** `YYYY-MM-DD` in Beijing time. */
export function dayOf(date: Date): string {
  const d = cst(date);
  return `${monthOf(date)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM` shifted by `delta` months (negative goes back). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Whole months from `earlier` to `later` (`2024-05` → `2024-07` is 2). */
export function monthsBetween(earlier: string, later: string): number {
  const [y1, m1] = earlier.split('-').map(Number) as [number, number];
  const [y2, m2] = later.split('-').map(Number) as [number, number];
  return y2 * 12 + m2 - (y1 * 12 + m1);
}
