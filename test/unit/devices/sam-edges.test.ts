import { describe, expect, it } from 'vitest';
import {
  KNOWN_COMMANDS,
  MAX_LEN,
  PREAMBLE,
  READ_ADDED_ADDRESS,
  READ_TEXT_PHOTO_FP,
  SET_BAUD_PARA,
  SW3,
  SamCommandDecoder,
  SamFrameDecoder,
  commandName,
  describeSw3,
  encodeCommand,
  encodeResponse,
  setBaud,
  toHex,
} from '../../../devices/idcard/sam-codec';
import { buildReadResponse, splitReadResponse } from '../../../devices/idcard/read-response';

/** The edges of the SAM codec: length bounds, command data, names, and the read answer's length fields. */
const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((h) => Number.parseInt(h, 16)),
  );

describe('SAM frames at their length bounds', () => {
  it('takes a body of exactly MAX_LEN − 1 bytes (LEN = MAX_LEN) and refuses one more', () => {
    const biggest = encodeResponse(0x90, new Uint8Array(MAX_LEN - 4));
    expect(biggest.length).toBe(PREAMBLE.length + 2 + MAX_LEN);
    expect(((biggest[5] ?? 0) << 8) | (biggest[6] ?? 0)).toBe(MAX_LEN);
    expect(new SamFrameDecoder().push(biggest).map((i) => i.kind)).toEqual(['frame']);
    expect(() => encodeResponse(0x90, new Uint8Array(MAX_LEN - 3))).toThrow(RangeError);
    // The message says how long the refused body was (SW1 SW2 SW3 + DATA).
    expect(() => encodeResponse(0x90, new Uint8Array(MAX_LEN - 3))).toThrow(`SAM frame body too long: ${MAX_LEN} bytes`);
  });

  it('rejects a LEN of MAX_LEN + 1 as a bad length at once', () => {
    const len = MAX_LEN + 1;
    const items = new SamFrameDecoder().push(Uint8Array.of(...PREAMBLE, len >> 8, len & 0xff, 0, 0, 0x90));
    expect(items[0]).toMatchObject({ kind: 'error', error: 'badLength' });
  });

  it('answers need LEN ≥ 4 (SW1 SW2 SW3 CHK), commands LEN ≥ 3 (CMD PARA CHK)', () => {
    expect(new SamFrameDecoder().push(hex('AA AA AA 96 69 00 04 00 00 90 94'))).toMatchObject([{ kind: 'frame', sw3: 0x90, data: new Uint8Array(0) }]);
    expect(new SamFrameDecoder().push(hex('AA AA AA 96 69 00 03 00 90 93'))[0]).toMatchObject({ kind: 'error', error: 'badLength' });
    expect(new SamCommandDecoder().push(hex('AA AA AA 96 69 00 03 20 01 22'))).toMatchObject([
      { kind: 'command', cmd: 0x20, para: 0x01, data: new Uint8Array(0) },
    ]);
    expect(new SamCommandDecoder().push(hex('AA AA AA 96 69 00 02 20 22'))[0]).toMatchObject({ kind: 'error', error: 'badLength' });
  });

  it('reports a bad checksum and garbage on the command side too', () => {
    const items = new SamCommandDecoder().push(hex('01 02 AA AA AA 96 69 00 03 20 01 23'));
    expect(items.map((i) => (i.kind === 'error' ? `${i.error} ${toHex(i.raw)}` : i.kind))).toEqual([
      'garbage 01 02',
      'badChecksum AA AA AA 96 69 00 03 20 01 23',
    ]);
  });

  it('holds a preamble cut short, then completes it', () => {
    const d = new SamFrameDecoder();
    expect(d.push(hex('AA AA AA'))).toEqual([]);
    expect(d.buffered).toBe(3);
    expect(d.push(hex('96 69 00 04 00 00 80 84')).map((i) => i.kind)).toEqual(['frame']);
    expect(d.buffered).toBe(0);
  });
});

describe('SAM commands', () => {
  it('carries command data after CMD PARA, inside LEN and the checksum', () => {
    // LEN = 2 + 2 data + 1 = 5; CHK = 00 ^ 05 ^ 30 ^ 03 ^ 12 ^ 34 = 0x10
    expect(toHex(encodeCommand(0x30, 0x03, Uint8Array.of(0x12, 0x34)))).toBe('AA AA AA 96 69 00 05 30 03 12 34 10');
    const [cmd] = new SamCommandDecoder().push(encodeCommand(0x30, 0x03, Uint8Array.of(0x12, 0x34)));
    expect(cmd).toMatchObject({ kind: 'command', cmd: 0x30, para: 0x03, data: Uint8Array.of(0x12, 0x34) });
  });

  it('names each known command, and an unknown one by its bytes', () => {
    expect(KNOWN_COMMANDS.map((k) => commandName(k.cmd, k.para))).toEqual([
      'reset SAM',
      'SAM status',
      'read SAM id',
      'find card',
      'select card',
      'read text+photo',
      'read text+photo+fingerprint',
      'read added address',
      'set baud 115200',
      'set baud 9600',
    ]);
    expect([READ_TEXT_PHOTO_FP.cmd, READ_TEXT_PHOTO_FP.para, READ_ADDED_ADDRESS.cmd, READ_ADDED_ADDRESS.para]).toEqual([0x30, 0x10, 0x30, 0x03]);
    expect(commandName(0x30, 0x02)).toBe('command 30 02');
    expect(SET_BAUD_PARA).toEqual({ 115200: 0x00, 9600: 0x04 });
    expect(setBaud(115200)).toMatchObject({ cmd: 0x60, para: 0x00 });
  });

  it('writes hex in upper case, two digits a byte', () => {
    expect(toHex(Uint8Array.of(0, 0x0a, 0xff))).toBe('00 0A FF');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('describes SW3 codes with their hex and meaning', () => {
    expect(describeSw3(SW3.cardFound)).toBe('9F card found');
    expect(describeSw3(0x0a)).toBe('0A unknown SW3 0x0A');
    expect(SW3).toEqual({ ok: 0x90, noSuchItem: 0x91, cardFound: 0x9f, readFailed: 0x41, noCard: 0x80, selectFailed: 0x81, badCommand: 0x21 });
  });
});

describe("the read answer's length fields", () => {
  it('splits text and photo by their big-endian lengths; builds the same', () => {
    const text = Uint8Array.from({ length: 256 }, (_, i) => i & 0xff);
    const photo = new Uint8Array(1024).fill(7);
    const data = buildReadResponse(text, photo);
    expect(Array.from(data.subarray(0, 4))).toEqual([0x01, 0x00, 0x04, 0x00]);
    expect(data.length).toBe(4 + 256 + 1024);
    const parts = splitReadResponse(data);
    expect(parts).toMatchObject({ ok: true, photoBytes: 1024, fingerprintBytes: 0 });
    expect(parts.ok && Array.from(parts.text)).toEqual(Array.from(text));
  });

  it('reads the fingerprint length of 30 10 answers', () => {
    const data = Uint8Array.of(0x00, 0x02, 0x00, 0x01, 0x02, 0x00, 0x41, 0x00, 0x99, ...new Uint8Array(512));
    expect(splitReadResponse(data, true)).toMatchObject({ ok: true, text: Uint8Array.of(0x41, 0x00), photoBytes: 1, fingerprintBytes: 512 });
    // Read as a 30 01 answer, the same bytes do not add up.
    expect(splitReadResponse(data)).toEqual({ ok: false, detail: 'read answer is 521 B, its length fields say 7 B' });
  });

  it('accepts an answer of just its length fields, both zero (no text, no photo)', () => {
    expect(splitReadResponse(Uint8Array.of(0, 0, 0, 0))).toEqual({ ok: true, text: new Uint8Array(0), photoBytes: 0, fingerprintBytes: 0 });
    expect(splitReadResponse(Uint8Array.of(0, 0, 0, 0, 0, 0), true)).toEqual({ ok: true, text: new Uint8Array(0), photoBytes: 0, fingerprintBytes: 0 });
  });

  it('refuses an answer too short for its length fields, or longer or shorter than they say', () => {
    expect(splitReadResponse(Uint8Array.of(0, 1, 0))).toEqual({ ok: false, detail: 'read answer of 3 B has no length fields' });
    expect(splitReadResponse(Uint8Array.of(0, 1, 0, 1, 0), true)).toEqual({ ok: false, detail: 'read answer of 5 B has no length fields' });
    expect(splitReadResponse(Uint8Array.of(0, 1, 0, 1, 0, 0, 0x41, 0x42, 0x43), true)).toEqual({
      ok: false,
      detail: 'read answer is 9 B, its length fields say 8 B',
    });
    expect(splitReadResponse(Uint8Array.of(0, 1, 0, 1, 0x41, 0x42, 0x43))).toEqual({ ok: false, detail: 'read answer is 7 B, its length fields say 6 B' });
    expect(splitReadResponse(Uint8Array.of(0, 1, 0, 1, 0x41))).toEqual({ ok: false, detail: 'read answer is 5 B, its length fields say 6 B' });
  });
});
