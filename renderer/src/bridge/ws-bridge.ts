import type { KioskApi } from '../../../shared/contract/kiosk-api';
import type { KioskErrorShape, Result } from '../../../shared/contract/result';
import { MAX_WIRE_MESSAGE_BYTES, ServerMessage, type ClientMessage } from '../../../shared/contract/wire';
import type { Bridge, BridgeStatus } from './types';

/** The subset of the DOM `WebSocket` the bridge uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsBridgeOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A call without an answer for this long fails with `timeOut`. */
  callTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: unknown;
  /** Serialized call, kept while the socket is still connecting. */
  queued: string | null;
}

const encoder = new TextEncoder();

/** The cap counts UTF-8 bytes on the wire, and a CJK character is three of them. */
function exceedsWireCap(text: string): boolean {
  // Cheap bound first: no string of n UTF-16 units encodes to more than 3n bytes.
  if (text.length * 3 <= MAX_WIRE_MESSAGE_BYTES) return false;
  return encoder.encode(text).length > MAX_WIRE_MESSAGE_BYTES;
}

function failure(code: KioskErrorShape['code'], message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

/**
 * `KioskApi` over the Chromium shell's WebSocket (`shared/contract/wire.ts`).
 * Calls made while connecting are queued; calls made while the host is away
 * fail at once with `notAvailable`, as do calls in flight when the socket closes.
 * Incoming messages are validated; anything malformed is dropped.
 */
export function createWsBridge(options: WsBridgeOptions): Bridge & { close(): void } {
  const initialBackoff = options.initialBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5000;
  const callTimeout = options.callTimeoutMs ?? 20_000;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  let nextId = 1;
  let status: BridgeStatus = 'connecting';
  let socket: SocketLike | null = null;
  let backoff = initialBackoff;
  let reconnectTimer: unknown = null;
  let closedForGood = false;

  function setStatus(next: BridgeStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  function settle(id: number, result: Result<unknown>): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimer(entry.timer);
    entry.resolve(result);
  }

  function failAll(): void {
    for (const id of [...pending.keys()]) settle(id, failure('notAvailable', 'the kiosk host is not reachable'));
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string' || data.length > MAX_WIRE_MESSAGE_BYTES) return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'result') {
      settle(message.id, message.result as Result<unknown>);
      return;
    }
    const set = listeners.get(message.name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(message.payload);
      } catch {
        // One faulty listener must not stop the others.
      }
    }
  }

  function connect(): void {
    reconnectTimer = null;
    setStatus('connecting');
    let ws: SocketLike;
    try {
      ws = options.createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      backoff = initialBackoff;
      for (const entry of pending.values()) {
        if (entry.queued !== null) {
          ws.send(entry.queued);
          entry.queued = null;
        }
      }
      setStatus('open');
    };
    ws.onmessage = (ev) => {
      if (socket === ws) handleMessage(ev.data);
    };
    ws.onerror = () => {
      // `close` follows; reconnecting happens there.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll();
      if (closedForGood) {
        setStatus('closed');
        return;
      }
      setStatus('closed');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closedForGood || reconnectTimer !== null) return;
    const delay = backoff;
    backoff = Math.min(backoff * 2, maxBackoff);
    reconnectTimer = setTimer(connect, delay);
  }

  const api: KioskApi = {
    invoke(method, payload) {
      if (status === 'closed' || socket === null) {
        return Promise.resolve(failure('notAvailable', 'the kiosk host is not reachable'));
      }
      const id = nextId++;
      const message: ClientMessage = { t: 'call', id, method, payload: payload ?? {} };
      const text = JSON.stringify(message);
      // The host closes a socket that sends more than the cap (1009), failing every call in flight with it:
      // one oversized call fails alone, here, instead.
      if (exceedsWireCap(text)) {
        return Promise.resolve(failure('invalidRequest', `${method}: the call is larger than the bridge carries (${MAX_WIRE_MESSAGE_BYTES} bytes)`));
      }
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimer(() => settle(id, failure('timeOut', `${method}: no answer from the host`)), callTimeout);
        const ws = socket;
        if (ws !== null && ws.readyState === OPEN) {
          pending.set(id, { resolve, timer, queued: null });
          ws.send(text);
        } else {
          pending.set(id, { resolve, timer, queued: text });
        }
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };

  connect();

  return {
    api,
    transport: 'websocket',
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      reconnectTimer = null;
      const ws = socket;
      socket = null;
      failAll();
      setStatus('closed');
      ws?.close();
    },
  };
}
