import { z } from 'zod';

/**
 * The broker's addresses (docs/broker-cluster.md): one URL, or several — the
 * nodes of one RabbitMQ cluster — as a list in kiosk.json, a comma-separated
 * `KIOSK_AMQP_URL`, or `--amqp` given more than once.
 *
 * Inside the kiosk a list travels as one canonical string, the entries joined
 * by commas (a comma inside a password must be written %2C). Every entry must be
 * an amqp:// or amqps:// URL; an error names the entry by its position, never
 * by its text (the URL holds the password).
 */
export const MAX_BROKER_ADDRESSES = 16;

const ENTRY = /^amqps?:\/\/[^\s,]+$/;

/** The entries of a list (one entry for a single URL), trimmed; no checking. */
export function splitBrokerList(spec: string): string[] {
  return spec.split(',').map((entry) => entry.trim());
}

/** What is wrong with the list, or null: each problem names the entry's position (1-based), never its text. */
export function brokerListProblem(entries: readonly string[]): string | null {
  if (entries.length === 0) return 'no broker address';
  if (entries.length > MAX_BROKER_ADDRESSES) return `at most ${MAX_BROKER_ADDRESSES} broker addresses (got ${entries.length})`;
  for (const [i, entry] of entries.entries()) {
    const which = entries.length === 1 ? 'the broker address' : `broker address ${i + 1} of ${entries.length}`;
    if (entry === '') return `${which} is empty`;
    if (!ENTRY.test(entry)) return `${which} is not an amqp:// or amqps:// URL`;
    if (entries.indexOf(entry) !== i) return `${which} repeats an earlier one`;
  }
  return null;
}

/**
 * kiosk.json's `backend.url`: one URL, a comma-separated list, or an array of
 * URLs. Output: the canonical comma-joined string.
 */
export const BrokerUrlList = z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
  const entries = typeof value === 'string' ? splitBrokerList(value) : value.map((entry) => entry.trim());
  const problem = brokerListProblem(entries);
  if (problem !== null) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return entries.join(',');
});

/** Parses a list given on a command line or in the environment; throws an Error whose message names the bad entry's position. */
export function parseBrokerList(input: string | readonly string[]): string[] {
  const parsed = BrokerUrlList.safeParse(typeof input === 'string' ? input : [...input]);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return splitBrokerList(parsed.data);
}
