/**
 * DATA of a "read text + photo" answer (30 01):
 *   textLen(2, BE) photoLen(2, BE) text[textLen] photo[photoLen]
 * and of 30 10: textLen photoLen fpLen text photo fp. Pure.
 */
export type ReadResponse = { ok: true; text: Uint8Array; photoBytes: number; fingerprintBytes: number } | { ok: false; detail: string };

const u16 = (d: Uint8Array, at: number) => ((d[at] ?? 0) << 8) | (d[at + 1] ?? 0);

export function splitReadResponse(data: Uint8Array, withFingerprint = false): ReadResponse {
  const head = withFingerprint ? 6 : 4;
  if (data.length < head) return { ok: false, detail: `read answer of ${data.length} B has no length fields` };
  const text = u16(data, 0);
  const photo = u16(data, 2);
  const fp = withFingerprint ? u16(data, 4) : 0;
  const expected = head + text + photo + fp;
  if (data.length !== expected) return { ok: false, detail: `read answer is ${data.length} B, its length fields say ${expected} B` };
  // The photo (WLT, vendor-licensed decoder) is neither decoded nor kept: only its size.
  return { ok: true, text: data.slice(head, head + text), photoBytes: photo, fingerprintBytes: fp };
}

/** Builds the DATA of a 30 01 answer (simulator and tests). */
export function buildReadResponse(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}
