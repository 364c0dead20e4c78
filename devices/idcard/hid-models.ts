/**
 * HID ID-card readers carry the same SAM frames inside vendor-specific
 * reports. One table row per model says how; the SAM codec stays the same.
 *
 * Framing `lengthPrefixed` (the public example in docs/devices.md): fixed-size
 * reports, byte 0 = payload length (≤ reportSize − 1), bytes 1.. = the next
 * slice of the SAM frame, zero padded. A long frame spans several reports.
 *
 * VID/PIDs below are EXAMPLES to be checked with `lsusb` on the real reader:
 * vendors reuse IDs across models and several ship generic bridge IDs.
 */
export interface HidModel {
  readonly key: string;
  readonly name: string;
  readonly vendorId: number;
  readonly productId: number;
  /** Report size in bytes, not counting the report id. */
  readonly reportSize: number;
  /** Report id prefixed on writes (node-hid wants it as byte 0; 0 for unnumbered reports). */
  readonly reportId: number;
  readonly framing: 'lengthPrefixed';
  /** False until someone checked the row against a real device. */
  readonly verified: boolean;
}

export const HID_MODELS: readonly HidModel[] = [
  {
    key: 'generic-64',
    name: 'Generic SAM HID reader (64-byte length-prefixed reports)',
    vendorId: 0x0400,
    productId: 0xc35a,
    reportSize: 64,
    reportId: 0,
    framing: 'lengthPrefixed',
    verified: false,
  },
];

export function hidModelByKey(key: string): HidModel | null {
  return HID_MODELS.find((m) => m.key === key) ?? null;
}

export function hidModelFor(vendorId: number, productId: number): HidModel | null {
  return HID_MODELS.find((m) => m.vendorId === vendorId && m.productId === productId) ?? null;
}

/** Splits one SAM frame into reports (without the report id byte). Pure. */
export function frameToReports(frame: Uint8Array, model: HidModel): Uint8Array[] {
  const per = model.reportSize - 1;
  const reports: Uint8Array[] = [];
  for (let at = 0; at < frame.length; at += per) {
    const slice = frame.subarray(at, at + per);
    const report = new Uint8Array(model.reportSize);
    report[0] = slice.length;
    report.set(slice, 1);
    reports.push(report);
  }
  return reports;
}

export type ReassembledChunk = { ok: true; bytes: Uint8Array } | { ok: false; error: 'badReportLength'; detail: string };

/**
 * Turns incoming reports back into the SAM byte stream. Frame boundaries are
 * the SAM decoder's job: it already copes with a frame split anywhere.
 */
export class HidReportReassembler {
  constructor(private readonly model: HidModel) {}

  push(report: Uint8Array): ReassembledChunk {
    const n = report[0] ?? 0;
    if (report.length === 0 || n > this.model.reportSize - 1 || n > report.length - 1) {
      return { ok: false, error: 'badReportLength', detail: `report length byte ${n} in a ${report.length}-byte report` };
    }
    return { ok: true, bytes: report.slice(1, 1 + n) };
  }
}
