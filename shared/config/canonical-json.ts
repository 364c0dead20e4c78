/**
 * Canonical JSON: the exact bytes that are signed (config bundles) and hashed
 * (audit entries). Object keys sorted by UTF-16 code unit, no whitespace,
 * strings and numbers as JSON.stringify writes them. Two parties that agree on
 * the value therefore agree on the bytes, whatever order or spacing a file
 * had. Pure (no Node built-ins): the same function may run in any process.
 *
 * Refuses what JSON cannot carry faithfully (undefined, functions, NaN,
 * Infinity, -0, non-plain objects) instead of silently dropping or
 * rewriting it, so a value that hashes is a value that round-trips.
 */
export class CanonicalJsonError extends Error {}

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    // Stryker disable next-line ConditionalExpression: emptied, this case falls through to JSON.stringify, which writes the same true/false.
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) throw new CanonicalJsonError(`${path}: ${String(value)} is not canonical JSON`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: not a plain object`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} is not JSON`);
  }
}
