import { redactIdNumbers } from '../../../shared/domain/pii';

/**
 * Log lines on their way into a diagnostics bundle. The logger already drops
 * personal fields and masks ID-number-shaped text when it writes; this is
 * the second fence for lines written by an older build or by hand: fields
 * that can hold personal data are removed from JSON lines, and any text
 * shaped like an ID number is masked whatever the line.
 */
const PERSONAL_KEYS = new Set(['name', 'idNumber', 'address', 'card', 'person', 'buyerName', 'taxpayerName']);

function dropPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropPersonal);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (!PERSONAL_KEYS.has(key)) out[key] = dropPersonal(inner);
  return out;
}

export function scrubLogLine(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      return redactIdNumbers(JSON.stringify(dropPersonal(JSON.parse(trimmed))));
    } catch {
      /* not JSON after all: masked as text below */
    }
  }
  return redactIdNumbers(line);
}

export function scrubLog(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : scrubLogLine(line)))
    .join('\n');
}
