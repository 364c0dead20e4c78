import type { Lang } from './lang';

/**
 * Times people read, in the kiosk's one time zone (kiosk.json `timeZone`):
 * the tax offices and the taxpayers are in China, so Beijing time unless an
 * administrator says otherwise, whatever zone the OS or the browser runs in.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** An IANA zone name Intl knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` (24-hour) of `at` in `timeZone`. */
export function wallClock(at: number | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/** The short date people read beside the clock (`6月1日周一`, `Mon, 1 Jun`), in `timeZone`. */
export function wallDate(at: number | Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, month: 'short', day: 'numeric', weekday: 'short' }).format(at);
}
