/**
 * What each keyboard mode lets into its field. Pure: the key refuses, the
 * screen explains why (a hint from the catalogue), the value never goes wrong.
 */

export type KeyboardMode = 'numeric' | 'amount' | 'taxId' | 'code' | 'chinese';

/** The unified social credit code's alphabet (GB 32100-2015 §4.2: no I, O, Z, S, V). */
export const TAX_ID_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';
export const DIGITS = '1234567890';

export type Refusal = { reason: 'decimals' } | { reason: 'max' } | { reason: 'full' } | { reason: 'letters' };
export type KeyResult = { ok: true; value: string } | { ok: false; refusal: Refusal };

const accept = (value: string): KeyResult => ({ ok: true, value });
const refuse = (refusal: Refusal): KeyResult => ({ ok: false, refusal });

/** Characters, not UTF-16 units: `maxLength` counts what a person sees. */
export function length(value: string): number {
  return [...value].length;
}

/** `12.3` → 1230 fen (integer arithmetic: money never goes through a float). */
export function amountToFen(value: string): number {
  const [yuan = '', cents = ''] = value.split('.');
  return Number(yuan || '0') * 100 + Number((cents + '00').slice(0, 2));
}

/** Integer fen → yuan text for a hint (`123450` → `1234.50`). */
export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** An amount in yuan: digits, one point, at most two decimals, never above `maxFen`. */
export function typeAmount(value: string, key: string, maxFen: number | undefined, maxLength: number | undefined): KeyResult {
  let next: string;
  if (key === '.') {
    if (value.includes('.')) return accept(value);
    next = value === '' ? '0.' : `${value}.`;
  } else if (/^\d$/.test(key)) {
    const decimals = value.split('.')[1];
    if (decimals !== undefined && decimals.length >= 2) return refuse({ reason: 'decimals' });
    // No leading zeros: `0` then `5` is `5`, but `0.5` stays.
    next = value === '0' ? key : value + key;
  } else {
    return accept(value);
  }
  if (maxLength !== undefined && length(next) > maxLength) return refuse({ reason: 'full' });
  if (maxFen !== undefined && amountToFen(next) > maxFen) return refuse({ reason: 'max' });
  return accept(next);
}

/** Digits only (quantities, codes). */
export function typeNumeric(value: string, key: string, maxLength: number | undefined): KeyResult {
  if (!/^\d$/.test(key)) return accept(value);
  if (maxLength !== undefined && length(value) + 1 > maxLength) return refuse({ reason: 'full' });
  return accept(value + key);
}

/** Digits and the tax-ID letters, upper case (a lower-case letter is taken as its capital). */
export function typeTaxId(value: string, key: string, maxLength: number | undefined): KeyResult {
  const upper = key.toUpperCase();
  if (!DIGITS.includes(upper) && !TAX_ID_LETTERS.includes(upper)) return refuse({ reason: 'letters' });
  if (length(value) + 1 > (maxLength ?? 18)) return refuse({ reason: 'full' });
  return accept(value + upper);
}

/** Every capital: pickup codes (取票码) are not bound to the credit-code alphabet. */
export const CODE_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A code of digits and capitals (e.g. 取票码), upper case. */
export function typeCode(value: string, key: string, maxLength: number | undefined): KeyResult {
  const upper = key.toUpperCase();
  if (!DIGITS.includes(upper) && !CODE_LETTERS.includes(upper)) return refuse({ reason: 'letters' });
  if (maxLength !== undefined && length(value) + 1 > maxLength) return refuse({ reason: 'full' });
  return accept(value + upper);
}

/** Text typed directly (letters, punctuation, a committed candidate) into a free-text field. */
export function typeText(value: string, text: string, maxLength: number | undefined): KeyResult {
  if (maxLength !== undefined && length(value) + length(text) > maxLength) return refuse({ reason: 'full' });
  return accept(value + text);
}

/** Removes the last character (a whole CJK character, never half a surrogate pair). */
export function backspace(value: string): string {
  return [...value].slice(0, -1).join('');
}

/**
 * Splits candidates into pages that fit the bar: each candidate costs its
 * length plus one (its padding), a page at most `budget`. Fixed by text, not
 * by measuring, so the bar never reflows while it is being tapped.
 */
export function paginate<T extends { text: string }>(items: readonly T[], budget: number, maxPerPage: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = length(item.text) + 1;
    if (page.length > 0 && (used + cost > budget || page.length >= maxPerPage)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    used += cost;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
