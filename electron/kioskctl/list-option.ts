/**
 * A repeatable flag whose values may also be comma lists, as a technician
 * types them: `--state down,stale --state visit` → ['down', 'stale', 'visit'].
 */
export function listOption(value: unknown): string[] {
  const given = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return given
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
