import { describe, expect, it } from 'vitest';
import {
  FIND_CARD,
  MAX_LEN,
  READ_SAM_ID,
  SW3_STATUS,
  SamCommandDecoder,
  SamFrameDecoder,
  encodeCommand,
  encodeResponse,
  setBaud,
  sw3Status,
  toHex,
  type DecodedItem,
} from '../../../devices/idcard/sam-codec';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((h) => Number.parseInt(h, 16)),
  );
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const frames = (items: DecodedItem[]) => items.filter((i) => i.kind === 'frame');

describe('SAM codec: encoding', () => {
  it('encodes find card exactly as docs/devices.md shows', () => {
    expect(toHex(encodeCommand(FIND_CARD.cmd, FIND_CARD.para))).toBe('AA AA AA 96 69 00 03 20 01 22');
  });
  it('encodes read SAM id and set baud with LEN and XOR checksum', () => {
    expect(toHex(encodeCommand(READ_SAM_ID.cmd, READ_SAM_ID.para))).toBe('AA AA AA 96 69 00 03 12 FF EE');
    const b = setBaud(9600);
    expect(toHex(encodeCommand(b.cmd, b.para))).toBe('AA AA AA 96 69 00 03 60 04 67');
  });
  it('encodes a response with SW1 SW2 00 00 and data', () => {
    // LEN = 3 SW + 4 data + 1 CHK = 8; CHK = 00^08^00^00^9F^00^00^00^00 = 97
    expect(toHex(encodeResponse(0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
  });
  it('refuses a body longer than the cap', () => {
    expect(() => encodeResponse(0x90, new Uint8Array(MAX_LEN))).toThrow(RangeError);
  });
});

describe('SAM codec: stream decoding', () => {
  const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
  const a = encodeResponse(0x90, data);
  const b = encodeResponse(0x80);
  const stream = concat(hex('00 13 AA 96'), a, b);

  it('decodes a whole frame in one chunk', () => {
    const items = new SamFrameDecoder().push(a);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'frame', sw1: 0, sw2: 0, sw3: 0x90 });
    expect(items[0]?.kind === 'frame' && items[0].data).toEqual(data);
  });

  it('gives the same frames and garbage bytes for the input split at every byte boundary', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new SamFrameDecoder();
      const items = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      const got = frames(items);
      expect(got.map((f) => f.kind === 'frame' && f.sw3)).toEqual([0x90, 0x80]);
      const garbage = concat(...items.filter((i) => i.kind === 'error' && i.error === 'garbage').map((i) => i.raw));
      expect(toHex(garbage)).toBe('00 13 AA 96');
      expect(d.buffered).toBe(0);
    }
  });

  it('decodes the stream fed one byte at a time', () => {
    const d = new SamFrameDecoder();
    const items = [...stream].flatMap((byte) => d.push(Uint8Array.of(byte)));
    expect(frames(items)).toHaveLength(2);
  });

  it('reports a bad checksum and resynchronises on the next preamble', () => {
    const bad = a.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0x01;
    const items = new SamFrameDecoder().push(concat(bad, b));
    expect(items.map((i) => (i.kind === 'frame' ? `frame ${i.sw3}` : i.error))).toEqual(['badChecksum', `frame ${0x80}`]);
  });

  it('rejects an absurd length at once instead of waiting for 64 KB', () => {
    const d = new SamFrameDecoder();
    const items = d.push(concat(hex('AA AA AA 96 69 FF FF 00 00 90'), b));
    expect(items[0]).toMatchObject({ kind: 'error', error: 'badLength' });
    expect(frames(items).map((f) => f.kind === 'frame' && f.sw3)).toEqual([0x80]);
    expect(d.buffered).toBe(0);
  });

  it('rejects a length too short to hold SW1..SW3 and CHK', () => {
    const items = new SamFrameDecoder().push(hex('AA AA AA 96 69 00 02 90 92'));
    expect(items[0]).toMatchObject({ kind: 'error', error: 'badLength' });
  });

  it('finds a preamble that starts inside a bad length field', () => {
    // LEN_H = AA (absurd) and the real frame starts right there.
    const items = new SamFrameDecoder().push(concat(hex('AA AA AA 96 69'), b));
    expect(frames(items)).toHaveLength(1);
  });

  it('holds a partial frame and completes it later', () => {
    const d = new SamFrameDecoder();
    expect(d.push(a.subarray(0, 100))).toEqual([]);
    expect(d.buffered).toBe(100);
    expect(frames(d.push(a.subarray(100)))).toHaveLength(1);
  });

  it('reset drops a frame cut off mid-way so the next answer decodes', () => {
    const d = new SamFrameDecoder();
    d.push(a.subarray(0, 50));
    d.reset();
    expect(frames(d.push(b))).toHaveLength(1);
  });

  it('decodes commands on the simulator side', () => {
    const items = new SamCommandDecoder().push(encodeCommand(0x30, 0x01));
    expect(items[0]).toMatchObject({ kind: 'command', cmd: 0x30, para: 0x01 });
  });
});

describe('SW3 status table', () => {
  const expected: Record<string, [string, string]> = {
    '90': ['ok', 'success'],
    '91': ['noSuchItem', 'success'],
    '9F': ['cardFound', 'success'],
    '10': ['checksumError', 'invalidData'],
    '11': ['lengthError', 'invalidData'],
    '21': ['badCommand', 'unsupportedCommand'],
    '23': ['unauthorised', 'hardwareError'],
    '24': ['unknownError', 'hardwareError'],
    '31': ['cardAuthSamFailed', 'userError'],
    '32': ['samAuthCardFailed', 'userError'],
    '33': ['verificationFailed', 'userError'],
    '3F': ['infoLengthError', 'invalidData'],
    '40': ['unknownCardType', 'userError'],
    '41': ['readFailed', 'userError'],
    '47': ['randomFailed', 'userError'],
    '60': ['samSelfTestFailed', 'hardwareError'],
    '66': ['samNotAuthorised', 'hardwareError'],
    '80': ['noCard', 'userError'],
    '81': ['selectFailed', 'userError'],
  };
  it.each(Object.entries(expected))('SW3 %s', (code, [name, completion]) => {
    const st = sw3Status(Number.parseInt(code, 16));
    expect(st.name).toBe(name);
    expect(st.completion).toBe(completion);
    expect(st.meaning.length).toBeGreaterThan(3);
  });
  it('covers exactly the codes of docs/devices.md', () => {
    expect([...SW3_STATUS.keys()].length).toBe(Object.keys(expected).length);
  });
  it('maps an unknown code to hardwareError with its hex', () => {
    expect(sw3Status(0x55)).toMatchObject({ name: 'unknown', completion: 'hardwareError' });
    expect(sw3Status(0x55).meaning).toContain('0x55');
  });
});
