import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEventHub, createRouter, IDLE_SESSION } from '../../../shared/contract';
import { silentLogger } from '../../../electron/host/logger';
import { startUiServer, type UiServer } from '../../../electron/shell-chromium/ui-server';
import { testHandlers } from '../../support/test-handlers';

const TOKEN = 'test-token-0123456789abcdef';
let server: UiServer;
const events = createEventHub();
let rendererDir: string;

beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(os.tmpdir(), 'secret-outside.txt'), 'secret');
  server = await startUiServer({ rendererDir, router: createRouter(testHandlers()), events, log: silentLogger(), token: TOKEN, maxClients: 4 });
  // (One client at a time is the kiosk's default; bridge-frames.test.ts shows it. These tests open clients back to back.)
});
afterAll(async () => {
  await server.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

function connect(opts: { token?: string; origin?: string; path?: string }): Promise<{ ws: WebSocket; status: number | null }> {
  const url = `${server.origin.replace('http', 'ws')}${opts.path ?? '/bridge'}?token=${encodeURIComponent(opts.token ?? TOKEN)}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { Origin: opts.origin ?? server.origin } });
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? -1 }));
    ws.once('error', () => resolve({ ws, status: -1 }));
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

describe('Chromium shell UI server and WebSocket bridge', () => {
  it('answers contract calls over the bridge with the right token and Origin', async () => {
    const { ws, status } = await connect({});
    expect(status).toBeNull();
    ws.send(JSON.stringify({ t: 'call', id: 1, method: 'session.get', payload: {} }));
    expect(await nextMessage(ws)).toEqual({ t: 'result', id: 1, result: { ok: true, value: IDLE_SESSION } });
    ws.send(JSON.stringify({ t: 'call', id: 2, method: 'sim.idcard.place', payload: { profile: 5 } }));
    expect(await nextMessage(ws)).toMatchObject({ t: 'result', id: 2, result: { ok: false, error: { code: 'invalidRequest' } } });
    ws.close();
  });

  it('forwards host events to the page', async () => {
    const { ws } = await connect({});
    const message = nextMessage(ws);
    events.emit('session.changed', { ...IDLE_SESSION, state: 'reading' });
    expect(await message).toEqual({ t: 'event', name: 'session.changed', payload: { ...IDLE_SESSION, state: 'reading' } });
    ws.close();
  });

  it('refuses a wrong or missing token', async () => {
    expect((await connect({ token: 'wrong' })).status).toBe(401);
    expect((await connect({ token: TOKEN.slice(0, -1) })).status).toBe(401);
    expect((await connect({ token: '' })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect((await connect({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect({ origin: server.origin.replace('127.0.0.1', 'localhost') })).status).toBe(403);
  });

  it('closes the socket on a malformed message instead of passing it on', async () => {
    const { ws } = await connect({});
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ t: 'call', id: -1, method: 'session.get' }));
    expect(await closed).toBe(1008);
  });

  it('serves the renderer with a CSP and refuses traversal and a foreign Host', async () => {
    const index = await fetch(`${server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const p of ['/../secret-outside.txt', '/%2e%2e/secret-outside.txt', '/..%2fsecret-outside.txt', '/%00']) {
      const res = await fetch(`${server.origin}${p}`);
      expect([400, 403, 404], p).toContain(res.status);
      expect(await res.text()).not.toContain('secret');
    }
    const rebinding = await new Promise<number>((resolve) => {
      http.get(`${server.origin}/`, { headers: { Host: 'attacker.example:80' } }, (res) => resolve(res.statusCode ?? 0));
    });
    expect(rebinding).toBe(421);
  });
});
