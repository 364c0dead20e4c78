/**
 * Sandboxed preload: exposes `window.kiosk` ({@link KioskApi}) and nothing
 * else. A sandboxed preload may only require 'electron'; esbuild inlines the
 * two channel constants, so keep imports to that one small module.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type KioskApi } from '../shared/contract/kiosk-api';
import type { Result } from '../shared/contract/result';
import { exceedsWireCap, MAX_WIRE_MESSAGE_BYTES } from '../shared/contract/wire-size';

/** Same bound as the WebSocket bridge's method names (shared/contract/wire.ts). */
const MAX_NAME_LENGTH = 128;

function checkName(kind: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new TypeError(`kiosk: ${kind} name must be a non-empty string`);
  }
}

type Listener = (payload: unknown) => void;

/** event name → listeners. One IPC listener serves them all (no MaxListeners warnings). */
const listeners = new Map<string, Set<Listener>>();

function dispatch(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  // The IpcRendererEvent stays here: it carries `sender`, which must not reach the page.
  if (typeof name !== 'string') return;
  const set = listeners.get(name);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (error) {
      // One failing listener must not starve the others.
      console.error(`kiosk: listener for ${name} threw`, error);
    }
  }
}

const api: KioskApi = {
  invoke(method: unknown, payload?: unknown): Promise<Result<unknown>> {
    try {
      checkName('method', method);
    } catch (error) {
      return Promise.reject(error);
    }
    // The bridge's cap (shared/contract/wire.ts), checked before the clone crosses; main.ts checks again.
    if (exceedsWireCap({ method, payload }, MAX_WIRE_MESSAGE_BYTES)) {
      return Promise.resolve({ ok: false, error: { code: 'invalidRequest', message: `${method}: the call is larger than ${MAX_WIRE_MESSAGE_BYTES} bytes` } });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, payload) as Promise<Result<unknown>>;
  },
  on(event: unknown, listener: unknown): () => void {
    checkName('event', event);
    if (typeof listener !== 'function') throw new TypeError('kiosk: listener must be a function');
    const fn = listener as Listener;
    if (listeners.size === 0) ipcRenderer.on(IPC_EVENT_CHANNEL, dispatch);
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: Listener = (payload) => fn(payload);
    set.add(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = listeners.get(event);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) listeners.delete(event);
      if (listeners.size === 0) ipcRenderer.removeListener(IPC_EVENT_CHANNEL, dispatch);
    };
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
