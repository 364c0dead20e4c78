import { describe, expect, it } from 'vitest';
import { MAX_LEN, SamFrameDecoder, encodeResponse } from '../../../devices/idcard/sam-codec';
import { prng } from '../../support/prng';

describe('SAM decoder fuzz', () => {
  it('never throws, never holds more than one maximal frame, and still decodes good frames', () => {
    const rand = prng(20240611);
    const int = (n: number) => Math.floor(rand() * n);
    const decoder = new SamFrameDecoder();
    let maxBuffered = 0;
    let goodSent = 0;
    let goodSeen = 0;
    const started = Date.now();
    for (let round = 0; round < 5000; round++) {
      let bytes: Uint8Array;
      const kind = int(4);
      if (kind === 0) {
        bytes = Uint8Array.from({ length: int(200) }, () => int(256));
      } else {
        const frame = encodeResponse(
          [0x90, 0x9f, 0x80, 0x41][int(4)] ?? 0x90,
          Uint8Array.from({ length: int(300) }, () => int(256)),
        );
        bytes = frame;
        if (kind === 1) {
          for (let m = 0, n = 1 + int(4); m < n; m++) bytes[int(bytes.length)] = int(256);
        } else if (kind === 2) {
          bytes = bytes.subarray(0, int(bytes.length));
        }
      }
      const intact = kind === 3;
      // Feed in random chunk sizes.
      const items = [];
      for (let at = 0; at < bytes.length;) {
        const n = 1 + int(64);
        items.push(...decoder.push(bytes.subarray(at, at + n)));
        at += n;
        maxBuffered = Math.max(maxBuffered, decoder.buffered);
      }
      if (intact) {
        goodSent++;
        // A clean frame after junk may be swallowed by a pending partial frame; a reset (what the client does
        // before each request) guarantees the next clean frame decodes.
        decoder.reset();
        const again = decoder.push(bytes);
        goodSeen += again.filter((i) => i.kind === 'frame').length;
      } else if (int(2) === 0) {
        decoder.reset();
      }
      expect(items.every((i) => i.kind === 'frame' || ['badChecksum', 'badLength', 'garbage'].includes(i.error))).toBe(true);
    }
    expect(maxBuffered).toBeLessThanOrEqual(7 + MAX_LEN);
    expect(goodSeen).toBe(goodSent);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('does not grow without bound on an endless stream of preamble-less noise', () => {
    const d = new SamFrameDecoder();
    const noise = new Uint8Array(4096).fill(0x13);
    for (let i = 0; i < 1000; i++) d.push(noise);
    expect(d.buffered).toBe(0);
  });

  it('does not grow without bound when every chunk starts a frame it never finishes', () => {
    const d = new SamFrameDecoder();
    const start = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x0f, 0xff);
    for (let i = 0; i < 2000; i++) d.push(start);
    expect(d.buffered).toBeLessThanOrEqual(7 + MAX_LEN);
  });
});
