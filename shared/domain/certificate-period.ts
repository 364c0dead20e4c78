/**
 * The period an IIT payment certificate covers, in tax months (Beijing time).
 * Shared by the host (which decides) and the screen (which only offers what
 * the host would accept), so a person can never pick a range that is refused.
 *
 * - Not in the future: the last month is the current one.
 * - Within what the backend keeps: the most recent 36 months.
 * - At most 12 months per certificate (docs/tax-rules.md "IIT payment certificate").
 */
export const CERTIFICATE_HISTORY_MONTHS = 36;
export const CERTIFICATE_MAX_SPAN_MONTHS = 12;

export type PresetId = 'last12Months' | 'thisYear' | 'lastYear';

export interface MonthRange {
  /** `YYYY-MM`. */
  from: string;
  /** `YYYY-MM`. */
  to: string;
}

export interface PeriodBounds {
  /** Oldest month a certificate may start in. */
  earliest: string;
  /** The current month: nothing later may be picked. */
  latest: string;
  historyMonths: number;
  maxSpanMonths: number;
  presets: { id: PresetId; from: string; to: string }[];
}

const CST_OFFSET_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM` of `date` in Beijing time (a tax month is China's month, whatever the host's zone). */
export function taxMonthOf(date: Date): string {
  const d = new Date(date.getTime() + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

function index(month: string): number {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return y * 12 + (m - 1);
}

/** `YYYY-MM` shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const i = index(month) + delta;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

/** Months from `from` to `to` inclusive (`2024-01`..`2024-12` is 12). */
export function spanMonths(range: MonthRange): number {
  return index(range.to) - index(range.from) + 1;
}

export function periodBounds(now: Date): PeriodBounds {
  const latest = taxMonthOf(now);
  const year = Number(latest.slice(0, 4));
  const earliest = shiftMonth(latest, -(CERTIFICATE_HISTORY_MONTHS - 1));
  return {
    earliest,
    latest,
    historyMonths: CERTIFICATE_HISTORY_MONTHS,
    maxSpanMonths: CERTIFICATE_MAX_SPAN_MONTHS,
    presets: [
      // The twelve finished months: the current month's tax is paid next month.
      { id: 'last12Months', from: shiftMonth(latest, -CERTIFICATE_MAX_SPAN_MONTHS), to: shiftMonth(latest, -1) },
      { id: 'thisYear', from: `${year}-01`, to: latest },
      { id: 'lastYear', from: `${year - 1}-01`, to: `${year - 1}-12` },
    ],
  };
}

/** True when the host would accept the range. */
export function isAllowedPeriod(range: MonthRange, bounds: Pick<PeriodBounds, 'earliest' | 'latest' | 'maxSpanMonths'>): boolean {
  const span = spanMonths(range);
  return range.from >= bounds.earliest && range.to <= bounds.latest && span >= 1 && span <= bounds.maxSpanMonths;
}

function clampMonth(month: string, low: string, high: string): string {
  return month < low ? low : month > high ? high : month;
}

/**
 * A new start month: the end follows so the range stays allowed (not before
 * the start, not more than the span after it, not in the future).
 */
export function withFrom(range: MonthRange, from: string, bounds: Pick<PeriodBounds, 'earliest' | 'latest' | 'maxSpanMonths'>): MonthRange {
  const start = clampMonth(from, bounds.earliest, bounds.latest);
  const lastEnd = clampMonth(shiftMonth(start, bounds.maxSpanMonths - 1), start, bounds.latest);
  return { from: start, to: clampMonth(range.to, start, lastEnd) };
}

/** A new end month: the start follows so the range stays allowed. */
export function withTo(range: MonthRange, to: string, bounds: Pick<PeriodBounds, 'earliest' | 'latest' | 'maxSpanMonths'>): MonthRange {
  const end = clampMonth(to, bounds.earliest, bounds.latest);
  const firstStart = clampMonth(shiftMonth(end, -(bounds.maxSpanMonths - 1)), bounds.earliest, end);
  return { from: clampMonth(range.from, firstStart, end), to: end };
}
