import type { KioskApi } from '../../../shared/contract/kiosk-api';
import { bridgeUrl, takeTokenFromHash } from './token';
import { createWsBridge, type SocketLike } from './ws-bridge';
import type { Bridge } from './types';

export type { Bridge, BridgeStatus } from './types';

function isKioskApi(value: unknown): value is KioskApi {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { invoke?: unknown; on?: unknown };
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}

/** Wraps the Electron preload's `window.kiosk`: always connected while the window lives. */
export function preloadBridge(api: KioskApi): Bridge {
  return { api, transport: 'preload', status: () => 'open', onStatus: () => () => undefined };
}

/**
 * Electron: the preload put `window.kiosk` in place, use it.
 * Chromium shell: no preload, so talk to the host over `ws://<host>/bridge`
 * with the token the host passed in the URL hash.
 */
export function pickBridge(win: Window): Bridge {
  const preload: unknown = (win as Window & { kiosk?: unknown }).kiosk;
  if (isKioskApi(preload)) return preloadBridge(preload);
  const token = takeTokenFromHash(win.location, win.history);
  const url = bridgeUrl(win.location.protocol, win.location.host, token);
  return createWsBridge({ url, createSocket: (u) => adaptWebSocket(new WebSocket(u)) });
}

/** Forwards a DOM `WebSocket`'s handlers to the bridge's narrower `SocketLike`. */
function adaptWebSocket(ws: WebSocket): SocketLike {
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
  };
  ws.onopen = (ev) => socket.onopen?.(ev);
  ws.onclose = (ev) => socket.onclose?.(ev);
  ws.onerror = (ev) => socket.onerror?.(ev);
  ws.onmessage = (ev: MessageEvent<unknown>) => socket.onmessage?.({ data: ev.data });
  return socket;
}
