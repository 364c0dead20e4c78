/**
 * Masking of personal data for screens, receipts and logs (PIPL art. 28;
 * docs/sync.md: `370102********1234` style or stricter).
 */

/** Keeps the first 6 and last 4 characters of an 18-character number; shorter numbers keep 2 + 2. */
export function maskIdNumber(idNumber: string): string {
  const chars = [...idNumber];
  if (chars.length >= 15) {
    return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
  }
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
}

/**
 * Keeps the first character (the surname) and, for names of three or more
 * characters, the last one: 张三 → 张*, 李小明 → 李*明. Latin names keep the first
 * letter of each word.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/^[\x20-\x7e]+$/.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w[0] + '*'.repeat(Math.max(1, w.length - 1)))
      .join(' ');
  }
  const chars = [...trimmed];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Replaces anything shaped like a mainland ID number in free text (log lines, errors). */
export function redactIdNumbers(text: string): string {
  return text.replace(/(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])/g, (_m, a: string, _b: string, c: string) => maskIdNumber(a + _b + c));
}
