import { APP_HOST, APP_SCHEME } from './app-protocol';

/**
 * What we look at on an IPC sender: structurally a subset of Electron's
 * `WebFrameMain` (which main.ts passes in).
 */
export interface FrameLike {
  readonly url: string;
  /** Renderer process and frame routing id: together they name one frame. */
  readonly processId: number;
  readonly routingId: number;
  /** Null for a top-level frame. */
  readonly parent: unknown;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/**
 * True for `app://kiosk/...`. `URL.origin` is `'null'` for schemes Node does
 * not know, so scheme and host are compared instead; a port or credentials
 * make it a different origin.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/**
 * An IPC call is served only when it comes from the main frame of the kiosk
 * window while that frame shows the app. A subframe, another window, a frame
 * that navigated elsewhere, or a frame already gone (`senderFrame` null) is
 * refused.
 */
export function checkSender(frame: FrameLike | null | undefined, windowMainFrame: FrameLike | null | undefined): SenderVerdict {
  if (!frame) return { ok: false, reason: 'no sender frame (navigated or destroyed)' };
  if (!windowMainFrame) return { ok: false, reason: 'no kiosk window' };
  if (frame.parent !== null) return { ok: false, reason: 'sender is a subframe' };
  if (frame.processId !== windowMainFrame.processId || frame.routingId !== windowMainFrame.routingId) {
    return { ok: false, reason: 'sender is not the kiosk window' };
  }
  if (!isAppUrl(frame.url)) return { ok: false, reason: 'sender is not on the app origin' };
  return { ok: true };
}
