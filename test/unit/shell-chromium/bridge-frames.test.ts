import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEventHub, createRouter, IDLE_SESSION } from '../../../shared/contract';
import { startUiServer, type UiServer } from '../../../electron/shell-chromium/ui-server';
import { testHandlers } from '../../support/test-handlers';
import { encodeFrame, OPCODE, rawConnect, textFrame, type RawSocket } from '../../support/ws-raw';

/**
 * Issue 14 item 1: one malformed frame on the bridge used to raise an uncaught
 * RangeError / WS_ERR_* and end the host. Each kind of bad frame now closes
 * that peer with the close code RFC 6455 §7.4.1 names, and the server keeps
 * answering the next client.
 */
const TOKEN = 'frames-token-0123456789abcdef';
const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});
let server: UiServer;
let rendererDir: string;
const open: RawSocket[] = [];

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  server = await startUiServer({ rendererDir, router: createRouter(testHandlers()), events: createEventHub(), log: pino(capture), token: TOKEN });
});
afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

async function connect(): Promise<RawSocket> {
  const raw = await rawConnect(server.origin, TOKEN);
  open.push(raw);
  return raw;
}

/** A normal call from a fresh client: the host is still there and still answers. */
async function stillAnswers(): Promise<void> {
  const raw = await connect();
  expect(raw.status).toBe(101);
  raw.send(textFrame(JSON.stringify({ t: 'call', id: 7, method: 'session.get', payload: {} })));
  expect(JSON.parse(await raw.nextText())).toEqual({ t: 'result', id: 7, result: { ok: true, value: IDLE_SESSION } });
  raw.destroy();
  // The slot frees once the server has seen the socket go.
  await until(() => server.clientCount() === 0);
}

async function until(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

const cases: { name: string; bytes: () => Buffer; code: number }[] = [
  { name: 'a text message over 256 KiB', bytes: () => textFrame('x'.repeat(300_000)), code: 1009 },
  {
    name: 'a length header claiming 2^40 bytes',
    bytes: () => encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('x'), claimedLength: 2 ** 40 }),
    code: 1009,
  },
  { name: 'invalid UTF-8 in a text frame', bytes: () => encodeFrame({ opcode: OPCODE.text, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), code: 1007 },
  { name: 'a reserved opcode (0x3)', bytes: () => encodeFrame({ opcode: 0x3, payload: Buffer.from('x') }), code: 1002 },
  { name: 'a reserved control opcode (0xB)', bytes: () => encodeFrame({ opcode: 0xb, payload: Buffer.alloc(0) }), code: 1002 },
  { name: 'an unmasked frame', bytes: () => textFrame('{}', { mask: false }), code: 1002 },
  { name: 'RSV bits without an extension', bytes: () => textFrame('{}', { rsv: 4 }), code: 1002 },
  { name: 'a continuation with nothing to continue', bytes: () => encodeFrame({ opcode: OPCODE.continuation, payload: Buffer.from('x') }), code: 1002 },
  { name: 'a fragmented ping', bytes: () => encodeFrame({ opcode: OPCODE.ping, fin: false, payload: Buffer.alloc(0) }), code: 1002 },
  {
    name: 'fragments adding up to more than 256 KiB',
    bytes: () =>
      Buffer.concat([textFrame('x'.repeat(200_000), { fin: false }), encodeFrame({ opcode: OPCODE.continuation, payload: Buffer.alloc(100_000, 0x78) })]),
    code: 1009,
  },
];

describe('the bridge survives malformed frames (issue 14)', () => {
  for (const c of cases) {
    it(`${c.name}: closed with ${c.code}, and the host still answers`, async () => {
      const raw = await connect();
      expect(raw.status).toBe(101);
      raw.send(c.bytes());
      expect(await raw.closeCode()).toBe(c.code);
      raw.destroy();
      await until(() => server.clientCount() === 0);
      await stillAnswers();
    });
  }

  it('a valid client sending a 300,000-character message with the ws library (as seen in the field)', async () => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/bridge?token=${TOKEN}`, { headers: { Origin: server.origin } });
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(300_000));
    expect(await closed).toBe(1009);
    await until(() => server.clientCount() === 0);
    await stillAnswers();
  });

  it('a peer that resets the connection mid-frame does not end the host', async () => {
    const raw = await connect();
    raw.send(textFrame('x'.repeat(50_000)).subarray(0, 1000));
    raw.socket.resetAndDestroy();
    await until(() => server.clientCount() === 0);
    await stillAnswers();
  });

  it('takes one UI client at a time: a second one is refused with 409 until the first goes', async () => {
    const first = await connect();
    expect(first.status).toBe(101);
    const second = await rawConnect(server.origin, TOKEN);
    open.push(second);
    expect(second.status).toBe(409);
    first.destroy();
    await until(() => server.clientCount() === 0);
    await stillAnswers();
  });

  it('logs refused upgrades at a bounded rate: 2,000 wrong tokens write a handful of lines', async () => {
    lines.length = 0;
    for (let i = 0; i < 2000; i++) {
      const raw = await rawConnect(server.origin, `wrong-${i}`);
      expect(raw.status).toBe(401);
      raw.destroy();
    }
    const refused = lines.filter((l) => l.includes('bridge.refused'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(12);
  }, 60_000);
});
