import type { Result } from './result';

/**
 * The one object the renderer sees (`window.kiosk`): the Electron preload
 * exposes it through contextBridge; the Chromium shell's WebSocket client
 * implements the same shape.
 */
export interface KioskApi {
  invoke(method: string, payload?: unknown): Promise<Result<unknown>>;
  /** Subscribes to one event; returns the unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Channel names used by the Electron shell; the preload refuses any other. */
export const IPC_INVOKE_CHANNEL = 'kiosk:invoke';
export const IPC_EVENT_CHANNEL = 'kiosk:event';
