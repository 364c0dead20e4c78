/** The parts of `window.location` / `window.history` the token reader touches. */
export interface LocationLike {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | null): void;
}

/**
 * Reads `#token=…` once and strips it from the address bar, so the token is
 * not left in the URL (history, screenshots, crash reports).
 */
export function takeTokenFromHash(location: LocationLike, history: HistoryLike): string | null {
  const hash = location.hash.startsWith('#') ? location.hash.slice(1) : location.hash;
  if (!hash) return null;
  const params = new URLSearchParams(hash);
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
  return token || null;
}

/** `ws://host/bridge?token=…` (or `wss:` when the page is served over https). */
export function bridgeUrl(protocol: string, host: string, token: string | null): string {
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${host}/bridge${query}`;
}
