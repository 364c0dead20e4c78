import crypto from 'node:crypto';
import net from 'node:net';

/**
 * Raw WebSocket frames over a plain TCP socket (RFC 6455 §5.2), for tests
 * that must send what no well-behaved client library would: unmasked frames,
 * reserved opcodes, invalid UTF-8, lengths over the cap. The handshake is
 * done by hand too, with the bridge's token and Origin.
 */
export interface RawFrame {
  fin?: boolean;
  /** RSV1..3 bits, 0..7. */
  rsv?: number;
  opcode: number;
  payload: Uint8Array;
  /** Clients must mask (§5.3); false sends a frame the server must refuse. */
  mask?: boolean;
  /** Claimed length, when it must differ from the payload's (a lie about the size). */
  claimedLength?: number;
}

export function encodeFrame(frame: RawFrame): Buffer {
  const mask = frame.mask ?? true;
  const length = frame.claimedLength ?? frame.payload.length;
  const head: number[] = [((frame.fin ?? true) ? 0x80 : 0) | (((frame.rsv ?? 0) & 7) << 4) | (frame.opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, (length >> 8) & 0xff, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  const key = mask ? crypto.randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(frame.payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([Buffer.from(head), key, body]);
}

export interface RawSocket {
  socket: net.Socket;
  /** The HTTP status of the handshake (101 when upgraded). */
  status: number;
  send(bytes: Uint8Array): void;
  /** Resolves with the code of the server's close frame, or null when the socket ended without one. */
  closeCode(timeoutMs?: number): Promise<number | null>;
  /** Text of the next data frame from the server. */
  nextText(timeoutMs?: number): Promise<string>;
  destroy(): void;
}

/** Opens `ws://host:port/bridge?token=…` by hand. */
export function rawConnect(origin: string, token: string, path = '/bridge'): Promise<RawSocket> {
  const url = new URL(origin);
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  let buffer = Buffer.alloc(0);
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (const w of waiters.splice(0)) w();
  });
  socket.on('close', () => {
    for (const w of waiters.splice(0)) w();
  });
  const more = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (socket.destroyed || socket.readableEnded) return resolve(false);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  /** Parses one server frame (servers never mask) off the buffer, or null when incomplete. */
  const takeFrame = (): { opcode: number; payload: Buffer } | null => {
    if (buffer.length < 2) return null;
    const opcode = (buffer[0] ?? 0) & 0x0f;
    let length = (buffer[1] ?? 0) & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return null;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return null;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer.length < offset + length) return null;
    const payload = buffer.subarray(offset, offset + length);
    buffer = buffer.subarray(offset + length);
    return { opcode, payload };
  };

  const nextFrame = async (timeoutMs: number): Promise<{ opcode: number; payload: Buffer } | null> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const frame = takeFrame();
      if (frame) return frame;
      const left = end - Date.now();
      if (left <= 0 || !(await more(left))) return takeFrame();
    }
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no handshake answer')), 5000);
    socket.once('connect', () => {
      socket.write(
        [
          `GET ${path}?token=${encodeURIComponent(token)} HTTP/1.1`,
          `Host: ${url.host}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Origin: ${origin}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    const onHead = async () => {
      while (buffer.indexOf('\r\n\r\n') < 0) {
        if (!(await more(5000))) {
          clearTimeout(timer);
          return resolve(make(0));
        }
      }
      clearTimeout(timer);
      const end = buffer.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffer.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      buffer = buffer.subarray(end + 4);
      resolve(make(status));
    };
    void onHead();
  });

  function make(status: number): RawSocket {
    return {
      socket,
      status,
      send: (bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      },
      async closeCode(timeoutMs = 5000) {
        const end = Date.now() + timeoutMs;
        for (;;) {
          const frame = await nextFrame(Math.max(0, end - Date.now()));
          if (!frame) return null;
          if (frame.opcode === 0x8) return frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
        }
      },
      async nextText(timeoutMs = 5000) {
        const end = Date.now() + timeoutMs;
        for (;;) {
          const frame = await nextFrame(Math.max(0, end - Date.now()));
          if (!frame) throw new Error('no frame from the server');
          if (frame.opcode === 0x1) return frame.payload.toString('utf8');
        }
      },
      destroy: () => socket.destroy(),
    };
  }
}

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function textFrame(text: string, extra: Partial<RawFrame> = {}): Buffer {
  return encodeFrame({ opcode: OPCODE.text, payload: Buffer.from(text, 'utf8'), ...extra });
}
