/**
 * The same message cap on every path into the host (issue 14 item 8): the
 * WebSocket bridge refuses a message over MAX_WIRE_MESSAGE_BYTES (ws's
 * maxPayload, close 1009), and the Electron IPC path — which carries
 * structured clones, not text — measures its calls here and refuses the same.
 *
 * An upper-bound estimate of the serialized size, with an early exit: strings
 * count their UTF-8 bytes, binary data its byte length, numbers 24, keys and
 * brackets their text. Anything nested deeper than MAX_DEPTH, or a cycle,
 * counts as too large: no contract message is shaped like that.
 */
export const MAX_DEPTH = 64;

/** One message on the bridge or one IPC call, in bytes (no zod here: the sandboxed preload imports this file). */
export const MAX_WIRE_MESSAGE_BYTES = 256 * 1024;

const encoder = new TextEncoder();

function stringBytes(text: string, budget: number): number {
  // No string of n UTF-16 units encodes to more than 3n bytes: skip the encode when that already fits.
  return text.length * 3 <= budget ? text.length * 3 : encoder.encode(text).length;
}

export function exceedsWireCap(value: unknown, cap: number): boolean {
  let used = 0;
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return true;
    if (typeof v === 'string') used += stringBytes(v, cap - used) + 2;
    else if (v === null || v === undefined || typeof v === 'boolean') used += 5;
    else if (typeof v === 'number' || typeof v === 'bigint') used += 24;
    else if (v instanceof ArrayBuffer) used += v.byteLength;
    else if (ArrayBuffer.isView(v)) used += v.byteLength;
    else if (typeof v === 'object') {
      if (seen.has(v)) return true;
      seen.add(v);
      const entries: Iterable<unknown> =
        v instanceof Map ? [...v.entries()].flat() : v instanceof Set ? v.values() : Array.isArray(v) ? v : Object.entries(v).flat();
      used += 2;
      for (const item of entries) {
        if (visit(item, depth + 1)) return true;
        if (used > cap) return true;
      }
      seen.delete(v);
    } else used += 8;
    return used > cap;
  };
  return visit(value, 0);
}
