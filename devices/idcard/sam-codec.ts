/**
 * SAM frame codec (GA 450 family ID-card readers; docs/devices.md). Pure: bytes in,
 * typed frames out.
 *
 *   request : AA AA AA 96 69 | LEN_H LEN_L | CMD PARA    | DATA… | CHK
 *   response: AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 | DATA… | CHK
 *
 * LEN is big-endian and counts every byte after itself (CMD/SW onwards, CHK
 * included). CHK is the XOR of every byte after the 5-byte preamble except CHK.
 */
export { SW3, SW3_STATUS, sw3Status, describeSw3, type Sw3Status } from './sam-status';

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Largest LEN accepted. The biggest real answer (text+photo+fingerprint) is ~2.3 KB. */
export const MAX_LEN = 4096;
const HEADER = PREAMBLE.length + 2;

export interface SamCommand {
  readonly cmd: number;
  readonly para: number;
  readonly name: string;
}

const c = (cmd: number, para: number, name: string): SamCommand => ({ cmd, para, name });

export const RESET_SAM = c(0x10, 0xff, 'reset SAM');
export const SAM_STATUS = c(0x11, 0xff, 'SAM status');
export const READ_SAM_ID = c(0x12, 0xff, 'read SAM id');
export const FIND_CARD = c(0x20, 0x01, 'find card');
export const SELECT_CARD = c(0x20, 0x02, 'select card');
export const READ_TEXT_PHOTO = c(0x30, 0x01, 'read text+photo');
export const READ_TEXT_PHOTO_FP = c(0x30, 0x10, 'read text+photo+fingerprint');
export const READ_ADDED_ADDRESS = c(0x30, 0x03, 'read added address');
/** SET_BAUD para: 00 → 115200, 04 → 9600. */
export const SET_BAUD_PARA = { 115200: 0x00, 9600: 0x04 } as const;
export function setBaud(baud: keyof typeof SET_BAUD_PARA): SamCommand {
  return c(0x60, SET_BAUD_PARA[baud], `set baud ${baud}`);
}
export const KNOWN_COMMANDS: readonly SamCommand[] = [
  RESET_SAM,
  SAM_STATUS,
  READ_SAM_ID,
  FIND_CARD,
  SELECT_CARD,
  READ_TEXT_PHOTO,
  READ_TEXT_PHOTO_FP,
  READ_ADDED_ADDRESS,
  setBaud(115200),
  setBaud(9600),
];

function xor(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] ?? 0;
  return x;
}

/** Builds a whole frame around `body` (CMD PARA DATA or SW1 SW2 SW3 DATA). */
function frame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`SAM frame body too long: ${body.length} bytes`);
  const out = new Uint8Array(HEADER + len);
  out.set(PREAMBLE, 0);
  out[5] = len >> 8;
  out[6] = len & 0xff;
  out.set(body, HEADER);
  out[out.length - 1] = xor(out, PREAMBLE.length, out.length - 1);
  return out;
}

/** Request frame: `encodeCommand(0x20, 0x01)` → `AA AA AA 96 69 00 03 20 01 22`. */
export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return frame(body);
}

/** Response frame (SW1 SW2 = 00 00), for the simulator and tests. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return frame(body);
}

export type FrameError = 'badChecksum' | 'badLength' | 'garbage';
export type SplitItem = { kind: 'body'; body: Uint8Array; raw: Uint8Array } | { kind: 'error'; error: FrameError; raw: Uint8Array };

/**
 * Splits a byte stream into checksum-verified frame bodies. Bounded: it never
 * holds more than one maximal frame (HEADER + MAX_LEN bytes); bytes that cannot
 * start a frame are reported as `garbage` at once.
 */
export class SamFrameSplitter {
  private buf = new Uint8Array(256);
  private len = 0;

  /** @param minLen smallest LEN that can be valid (4 for responses, 3 for commands). */
  constructor(private readonly minLen: number) {}

  /** Bytes held waiting for the rest of a frame. */
  get buffered(): number {
    return this.len;
  }

  /** Drops any partial frame (after a timeout: what follows is a new answer). */
  reset(): void {
    this.len = 0;
  }

  push(chunk: Uint8Array): SplitItem[] {
    this.append(chunk);
    const items: SplitItem[] = [];
    let pos = 0;
    let garbageFrom = -1;
    const flushGarbage = (to: number) => {
      if (garbageFrom >= 0 && to > garbageFrom) items.push({ kind: 'error', error: 'garbage', raw: this.buf.slice(garbageFrom, to) });
      garbageFrom = -1;
    };
    while (pos < this.len) {
      const match = this.preambleMatch(pos);
      if (match === 'no') {
        if (garbageFrom < 0) garbageFrom = pos;
        pos++;
        continue;
      }
      if (match === 'partial') break; // a preamble may be starting: wait for more bytes
      flushGarbage(pos);
      if (this.len - pos < HEADER) break;
      const len = ((this.buf[pos + 5] ?? 0) << 8) | (this.buf[pos + 6] ?? 0);
      if (len < this.minLen || len > MAX_LEN) {
        items.push({ kind: 'error', error: 'badLength', raw: this.buf.slice(pos, pos + HEADER) });
        // Skip only the preamble: a real preamble may start inside the bad LEN bytes.
        pos += PREAMBLE.length;
        continue;
      }
      const end = pos + HEADER + len;
      if (end > this.len) break;
      const raw = this.buf.slice(pos, end);
      if (xor(raw, PREAMBLE.length, raw.length - 1) !== raw[raw.length - 1]) {
        items.push({ kind: 'error', error: 'badChecksum', raw });
      } else {
        items.push({ kind: 'body', body: raw.slice(HEADER, raw.length - 1), raw });
      }
      pos = end;
    }
    flushGarbage(garbageFrom >= 0 ? pos : 0);
    this.buf.copyWithin(0, pos, this.len);
    this.len -= pos;
    return items;
  }

  private preambleMatch(pos: number): 'yes' | 'no' | 'partial' {
    for (let i = 0; i < PREAMBLE.length; i++) {
      if (pos + i >= this.len) return 'partial';
      if (this.buf[pos + i] !== PREAMBLE[i]) return 'no';
    }
    return 'yes';
  }

  private append(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + chunk.length));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }
}

export type ResponseFrame = { kind: 'frame'; sw1: number; sw2: number; sw3: number; data: Uint8Array; raw: Uint8Array };
export type DecodedItem = ResponseFrame | { kind: 'error'; error: FrameError; raw: Uint8Array };

/** Stream decoder for reader responses (the kiosk side). */
export class SamFrameDecoder {
  private readonly splitter = new SamFrameSplitter(4);

  get buffered(): number {
    return this.splitter.buffered;
  }

  reset(): void {
    this.splitter.reset();
  }

  push(chunk: Uint8Array): DecodedItem[] {
    return this.splitter.push(chunk).map((item): DecodedItem => {
      if (item.kind === 'error') return item;
      const b = item.body;
      return { kind: 'frame', sw1: b[0] ?? 0, sw2: b[1] ?? 0, sw3: b[2] ?? 0, data: b.slice(3), raw: item.raw };
    });
  }
}

export type CommandFrame = { kind: 'command'; cmd: number; para: number; data: Uint8Array; raw: Uint8Array };

/** Stream decoder for requests (the simulator side). */
export class SamCommandDecoder {
  private readonly splitter = new SamFrameSplitter(3);

  push(chunk: Uint8Array): (CommandFrame | { kind: 'error'; error: FrameError; raw: Uint8Array })[] {
    return this.splitter.push(chunk).map((item) => {
      if (item.kind === 'error') return item;
      const b = item.body;
      return { kind: 'command' as const, cmd: b[0] ?? 0, para: b[1] ?? 0, data: b.slice(2), raw: item.raw };
    });
  }
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function commandName(cmd: number, para: number): string {
  return KNOWN_COMMANDS.find((k) => k.cmd === cmd && k.para === para)?.name ?? `command ${toHex(Uint8Array.of(cmd, para))}`;
}
