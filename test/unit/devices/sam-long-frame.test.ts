import { describe, expect, it } from 'vitest';
import { SamFrameDecoder, encodeResponse, type DecodedItem } from '../../../devices/idcard/sam-codec';
import { splitReadResponse } from '../../../devices/idcard/read-response';
import { parseTextBlock } from '../../../devices/idcard/text-block';
import {
  READ_FRAME_BYTES,
  READ_FRAME_CARD,
  READ_FRAME_CHECKSUM,
  readFramePhoto,
  readFrameTextBlock,
  readTextPhotoFrame,
} from '../../fixtures/sam/read-text-photo-1295';

/**
 * A real reader's text+photo answer is 1,295 bytes: LEN_H is 05, not 00 as in
 * every short frame. The frame here is built by hand (test/fixtures/sam), with
 * a checksum known beforehand, so the codec is checked against the layout of
 * docs/devices.md, not against itself.
 */
const frame = readTextPhotoFrame();
const data = frame.slice(10, READ_FRAME_BYTES - 1);

describe('the hand-built 1,295-byte text+photo answer', () => {
  it('is what the layout says: LEN counts every byte after itself, CHK is the XOR after the preamble (LEN_H included)', () => {
    expect(frame.length).toBe(1295);
    expect((frame[5]! << 8) | frame[6]!).toBe(1295 - 7);
    let xor = 0;
    for (let i = 5; i < frame.length - 1; i++) xor ^= frame[i]!;
    expect(xor).toBe(READ_FRAME_CHECKSUM);
    expect(frame[frame.length - 1]).toBe(0x39);
  });

  it('decodes to SW 00 00 90 and its 1,284 data bytes, whole or in 64-byte reports', () => {
    for (const chunk of [frame.length, 64, 63, 1]) {
      const decoder = new SamFrameDecoder();
      const items: DecodedItem[] = [];
      for (let at = 0; at < frame.length; at += chunk) items.push(...decoder.push(frame.subarray(at, at + chunk)));
      expect(
        items.map((i) => i.kind),
        `chunks of ${chunk}`,
      ).toEqual(['frame']);
      const [item] = items;
      expect(item).toMatchObject({ kind: 'frame', sw1: 0, sw2: 0, sw3: 0x90 });
      expect(item?.kind === 'frame' && Array.from(item.data)).toEqual(Array.from(data));
      expect(decoder.buffered).toBe(0);
    }
  });

  it('carries the text block and photo the reader sent, and the text is the card', () => {
    const parts = splitReadResponse(data);
    expect(parts).toMatchObject({ ok: true, photoBytes: 1024, fingerprintBytes: 0 });
    expect(parts.ok && Array.from(parts.text)).toEqual(Array.from(readFrameTextBlock()));
    expect(parts.ok && parseTextBlock(parts.text)).toEqual({ ok: true, card: READ_FRAME_CARD });
  });

  it('is what the codec writes for the same answer, byte for byte (the simulator side)', () => {
    const text = readFrameTextBlock();
    const body = new Uint8Array(4 + 256 + 1024);
    body.set([0x01, 0x00, 0x04, 0x00], 0);
    body.set(text, 4);
    body.set(readFramePhoto(), 260);
    expect(Buffer.from(encodeResponse(0x90, body)).equals(Buffer.from(frame))).toBe(true);
  });

  it('is refused with the checksum a codec skipping LEN_H would write (39 ^ 05 = 3C)', () => {
    const skipped = frame.slice();
    skipped[skipped.length - 1] = 0x3c;
    expect(new SamFrameDecoder().push(skipped).map((i) => (i.kind === 'error' ? i.error : i.kind))).toEqual(['badChecksum']);
  });
});
