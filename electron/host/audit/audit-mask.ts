import { maskIdNumber, maskName } from '../../../shared/domain/pii';

/**
 * Masking for anything that shows audit entries to a person (`kioskctl audit
 * tail`, a diagnostics screen). Entries are written without personal data, so
 * this is the second line: a row edited by hand, or written by an older build,
 * still prints masked. ID-number-shaped strings keep 6 + 4 characters; a field
 * whose name says "name" keeps the surname only.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])/g;

export function maskText(text: string): string {
  return text.replace(ID_NUMBER, (whole) => maskIdNumber(whole));
}

export function maskAuditData(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return /name/i.test(key) ? maskName(value) : maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskAuditData(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAuditData(v, k)]));
  }
  return value;
}
