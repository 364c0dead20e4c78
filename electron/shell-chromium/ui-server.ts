import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventHub, Router } from '../../shared/contract';
import { ClientMessage, MAX_WIRE_MESSAGE_BYTES, type ServerMessage } from '../../shared/contract/wire';
import type { Logger } from '../host/logger';
import { LogRateLimiter } from '../host/log-rate-limit';
import { resolveRendererPath, securityHeaders } from '../shell-common/renderer-files';

export const BRIDGE_PATH = '/bridge';

export interface UiServerOptions {
  rendererDir: string;
  router: Router;
  events: EventHub;
  log: Logger;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /**
   * Bridge clients connected at once. 1 in the kiosk: its one window; a second
   * connection with the token (a leaked token, a second browser) is refused
   * with 409 while the first is open. Tests that call `sim.*` beside the page
   * raise it (KIOSK_BRIDGE_MAX_CLIENTS, see run-chromium-shell.ts).
   */
  maxClients?: number;
}

export interface UiServer {
  readonly origin: string;
  readonly token: string;
  /** The URL the window opens: the token travels in the fragment, never to the server log. */
  readonly url: string;
  /** Bridge clients connected now. */
  clientCount(): number;
  /** Called each time a client passes the checks and is connected. */
  onClientConnected(listener: () => void): void;
  close(): Promise<void>;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * The Chromium shell's half of the contract: serves the built renderer on
 * 127.0.0.1 (random port) and bridges the router over a WebSocket that
 * requires the per-launch token and our own Origin.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const host = `127.0.0.1:${port}`;
  const headers = securityHeaders([origin.replace(/^http:/, 'ws:')]);

  server.on('request', (req, res) => {
    // A Host other than ours means DNS rebinding or a confused proxy: refuse.
    if (req.headers.host !== host || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(req.headers.host !== host ? 421 : 405, headers).end();
      return;
    }
    // The path as sent, before normalisation: the resolver refuses traversal segment by segment.
    const rawPath = (req.url ?? '/').replace(/^\//, '').split(/[?#]/, 1)[0] ?? '';
    const resolved = resolveRendererPath(options.rendererDir, rawPath);
    const file = resolved.ok && isFile(resolved.filePath) ? resolved.filePath : null;
    if (!resolved.ok || !file) {
      res.writeHead(resolved.ok ? 404 : resolved.status, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      ...headers,
      'Content-Type': resolved.mimeType,
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });

  // One peer must not be able to fill the log (issue 14): refusals and frame errors are rate-limited per reason.
  const logLimit = new LogRateLimiter();
  const warnLimited = (key: string, fields: Record<string, unknown>, message: string): void => {
    const verdict = logLimit.take(key);
    if (verdict.write) options.log.warn({ ...fields, ...(verdict.suppressed > 0 ? { suppressed: verdict.suppressed } : {}) }, message);
  };
  // Every emitter that can emit 'error' has a listener: an unheard 'error' ends the process.
  server.on('error', (error) => options.log.error({ event: 'uiServer.error', err: error }, 'UI server error'));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    warnLimited(`clientError:${error.code ?? 'unknown'}`, { event: 'uiServer.clientError', code: error.code }, 'malformed HTTP request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });
  wss.on('error', (error) => options.log.error({ event: 'bridge.serverError', err: error }, 'bridge server error'));
  wss.on('wsClientError', (error: Error & { code?: string }, socket: Duplex) => {
    warnLimited(`handshake:${error.code ?? 'unknown'}`, { event: 'bridge.refused', reason: 'handshake', code: error.code }, 'bridge handshake refused');
    socket.destroy();
  });
  const maxClients = options.maxClients ?? 1;
  const connectedListeners: (() => void)[] = [];

  server.on('upgrade', (req, socket: Duplex, head) => {
    // A peer may reset the connection at any moment, also while we answer it.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', origin);
    const refuse = (status: number, reason: string) => {
      warnLimited(`refused:${reason}`, { event: 'bridge.refused', status, reason }, 'bridge connection refused');
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== BRIDGE_PATH) return refuse(404, 'path');
    if (req.headers.host !== host) return refuse(421, 'host');
    if (req.headers.origin !== origin) return refuse(403, 'origin');
    if (!tokenMatches(token, url.searchParams.get('token'))) return refuse(401, 'token');
    if (wss.clients.size >= maxClients) return refuse(409, 'busy');
    wss.handleUpgrade(req, socket, head, (ws) => {
      attachBridge(ws, options, warnLimited);
      if (logLimit.take('connected').write) options.log.info({ event: 'bridge.connected', clients: wss.clients.size }, 'bridge client connected');
      for (const listener of connectedListeners) listener();
    });
  });

  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    clientCount: () => wss.clients.size,
    onClientConnected: (listener) => void connectedListeners.push(listener),
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

type WarnLimited = (key: string, fields: Record<string, unknown>, message: string) => void;

function attachBridge(ws: WebSocket, options: UiServerOptions, warnLimited: WarnLimited): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    let text = JSON.stringify(message);
    // The page drops anything over the cap (ws-bridge.ts): a result too large becomes an error it can show.
    if (Buffer.byteLength(text) > MAX_WIRE_MESSAGE_BYTES) {
      if (message.t !== 'result') return;
      text = JSON.stringify({
        t: 'result',
        id: message.id,
        result: { ok: false, error: { code: 'internal', message: 'the answer is larger than the bridge carries' } },
      } satisfies ServerMessage);
    }
    ws.send(text);
  };
  const unsubscribe = options.events.subscribe((name, payload) => send({ t: 'event', name, payload }));
  ws.on('close', unsubscribe);
  // ws closes the peer itself with the code RFC 6455 §7.4.1 names (1009 too big, 1007 invalid
  // UTF-8, 1002 protocol error) and then emits 'error': heard here, it never reaches the process.
  ws.on('error', (error: Error & { code?: string }) => {
    warnLimited(`frame:${error.code ?? 'unknown'}`, { event: 'bridge.frameError', code: error.code ?? null }, 'bridge peer sent a malformed frame; closed');
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'text only');
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return ws.close(1007, 'invalid JSON');
    }
    const message = ClientMessage.safeParse(parsed);
    if (!message.success) return ws.close(1008, 'invalid message');
    const { id, method, payload } = message.data;
    options.router.call(method, payload, { shell: 'chromium' }).then(
      (result) => send({ t: 'result', id, result }),
      (error: unknown) => {
        options.log.error({ event: 'bridge.callFailed', method, err: error }, 'router call failed');
        send({ t: 'result', id, result: { ok: false, error: { code: 'internal', message: `${method} failed` } } });
      },
    );
  });
}
