import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** A minimal Chromium-shell host: `/bridge?token=…` over the wire protocol of `shared/contract/wire.ts`. */
export function attachWsHost(server: Server, token: string) {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const tokensSeen: (string | null)[] = [];
  let session: unknown = { state: 'idle', sessionId: null, person: null, rejection: null, idle: null };
  const answers: Record<string, () => unknown> = {
    'app.info': () => ({ version: 't', shell: 'chromium', defaultLang: 'zh-CN', simulators: false, kioskId: 'KIOSK-WS-01' }),
    'session.get': () => session,
    'session.touch': () => session,
    'devices.status': () => ({
      idcard: { device: 'online', media: 'notPresent', port: null, model: null, detail: null },
      ...Object.fromEntries(
        (['receipt', 'invoice', 'a4'] as const).map((kind) => [
          kind,
          { kind, device: 'online', paper: 'full', coverOpen: false, cutterError: false, port: null, model: null, detail: null },
        ]),
      ),
    }),
  };
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    tokensSeen.push(url.searchParams.get('token'));
    if (url.pathname !== '/bridge' || url.searchParams.get('token') !== token) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id: number; method: string };
        const answer = answers[msg.method];
        const result = answer ? { ok: true, value: answer() } : { ok: false, error: { code: 'unknownMethod', message: msg.method } };
        ws.send(JSON.stringify({ t: 'result', id: msg.id, result }));
      });
    });
  });
  return {
    tokensSeen,
    connections: () => sockets.size,
    push(name: string, payload: unknown) {
      if (name === 'session.changed') session = payload;
      for (const ws of sockets) ws.send(JSON.stringify({ t: 'event', name, payload }));
    },
    /** Drops every connection, as a host restart would. */
    dropAll() {
      for (const ws of sockets) ws.terminate();
    },
    close: () => wss.close(),
  };
}
