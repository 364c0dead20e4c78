import WebSocket from 'ws';

/**
 * One contract call to a running kiosk (Chromium shell) from a test, over the
 * same WebSocket bridge the UI uses: the per-launch token from the UI URL's
 * fragment, and the UI's own Origin. For sim.* methods (what the simulated
 * printers printed) that no screen shows.
 */
export async function hostCall<T>(uiUrl: string, method: string, payload: unknown = {}, timeoutMs = 5000): Promise<T> {
  const url = new URL(uiUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`, { origin: url.origin });
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on('open', () => ws.send(JSON.stringify({ t: 'call', id: 1, method, payload })));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as {
          t: string;
          id?: number;
          result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
        };
        if (message.t !== 'result' || message.id !== 1 || !message.result) return;
        clearTimeout(timer);
        if (message.result.ok) resolve(message.result.value as T);
        else reject(new Error(`${method}: ${message.result.error?.code} ${message.result.error?.message}`));
      });
    });
  } finally {
    // Wait for the close to complete: the kiosk counts a closing client until then (one UI client at a time).
    if (ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        ws.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        ws.close();
      });
    }
  }
}
