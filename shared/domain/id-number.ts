/**
 * GB 11643-1999 citizen identity numbers: 6-digit area, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence, 1 check character (ISO 7064 MOD 11-2).
 * Hong Kong/Macau/Taiwan residence permits and the 2023 foreign permanent
 * resident ID use the same 18-character structure and check.
 */

/** GB 11643 §5.1: weight of position i is 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function gb11643CheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? null;
}

/** True when `id` is 18 characters and its last character is the right check character (`x` accepted as `X`). */
export function hasValidCheckCharacter(id: string): boolean {
  if (id.length !== 18) return false;
  const expected = gb11643CheckCharacter(id.slice(0, 17));
  return expected !== null && expected === id.slice(17).toUpperCase();
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it names a real calendar date, else null. */
export function compactDateToIso(compact: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // A date that does not exist rolls over into another. Month and day are each redundant given the
  // other two checks (a rolled month moves the year or the day; a rolled day moves the month), so
  // dropping either alone is an equivalent mutant; the year check is not (Date.UTC maps 0099 to 1999).
  if (
    date.getUTCFullYear() !== Number(y) ||
    // Stryker disable next-line ConditionalExpression: redundant given the year and day checks (see above).
    date.getUTCMonth() !== Number(mo) - 1 ||
    // Stryker disable next-line ConditionalExpression: redundant given the year and month checks (see above).
    date.getUTCDate() !== Number(d)
  ) {
    return null;
  }
  return `${y}-${mo}-${d}`;
}

/** Birth date (ISO) from an 18-character number (positions 7–14), or null. */
export function birthDateFromIdNumber(id: string): string | null {
  if (id.length !== 18) return null;
  return compactDateToIso(id.slice(6, 14));
}
