import { describe, expect, it } from 'vitest';
import { HID_MODELS, HidReportReassembler, frameToReports, hidModelByKey } from '../../../devices/idcard/hid-models';
import { SamFrameDecoder, encodeResponse } from '../../../devices/idcard/sam-codec';
import { listHidReaders } from '../../../devices/transports/hid-transport';

const model = hidModelByKey('generic-64')!;

describe('HID report framing (64-byte reports, byte 0 = length)', () => {
  it('splits a 1295-byte read answer into 63-byte slices and back', () => {
    const frame = encodeResponse(
      0x90,
      Uint8Array.from({ length: 1284 }, (_, i) => i & 0xff),
    );
    const reports = frameToReports(frame, model);
    expect(reports).toHaveLength(Math.ceil(frame.length / 63));
    expect(reports.every((r) => r.length === 64 && (r[0] ?? 0) <= 63)).toBe(true);
    expect(reports.at(-1)?.[0]).toBe(frame.length % 63 || 63);
    const re = new HidReportReassembler(model);
    const decoder = new SamFrameDecoder();
    const items = reports.flatMap((r) => {
      const chunk = re.push(r);
      return chunk.ok ? decoder.push(chunk.bytes) : [];
    });
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'frame' && items[0].raw).toEqual(frame);
  });
  it('puts a short frame in one zero-padded report', () => {
    const frame = encodeResponse(0x9f, new Uint8Array(4));
    const [r] = frameToReports(frame, model);
    expect(r?.[0]).toBe(frame.length);
    expect(r?.subarray(1 + frame.length).every((b) => b === 0)).toBe(true);
  });
  it('rejects a report whose length byte overruns it', () => {
    const r = new Uint8Array(64);
    r[0] = 64;
    expect(new HidReportReassembler(model).push(r)).toMatchObject({ ok: false, error: 'badReportLength' });
  });
  it('lists models with VID/PID marked unverified examples', () => {
    expect(HID_MODELS.every((m) => m.vendorId > 0 && m.productId > 0 && m.reportSize === 64)).toBe(true);
  });
  it('enumerates real HID devices without throwing (none here)', () => {
    expect(Array.isArray(listHidReaders())).toBe(true);
  });
});
