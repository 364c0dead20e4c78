import { promises as fs } from 'node:fs';
import { contentSecurityPolicy, resolveRendererPath, securityHeaders, type AppPathResolution } from '../shell-common/renderer-files';

export { mimeTypeFor, type AppPathResolution } from '../shell-common/renderer-files';

/**
 * The renderer is served from `app://kiosk/`, not `file://`: a real origin
 * (so CSP `'self'`, the sender check and navigation rules mean something)
 * and no access to the rest of the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged` (structurally
 * Electron's `CustomScheme`). `standard` gives the scheme an origin and
 * relative-URL resolution; `secure` makes it a secure context; `codeCache`
 * keeps V8's compiled scripts across starts.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
    // Vite emits `<script type="module" crossorigin>`: module loads are CORS-mode
    // requests, which Chromium refuses on a custom scheme that is not CORS-enabled.
    corsEnabled: true,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
} as const;

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Sent with every response of the app protocol. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  ...securityHeaders(),
  // New builds replace files under the same names only for index.html; revalidate everything.
  'Cache-Control': 'no-cache',
};

/**
 * Maps an `app://kiosk/...` URL to a file under `rootDir`.
 *
 * Works on the raw URL text, segment by segment, rather than trusting the URL
 * parser's normalisation: a segment that decodes to `.`/`..`, to something
 * with a slash, backslash, colon or NUL, or starts with a dot, is refused; and
 * the joined path must still lie inside `rootDir`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  const prefix = `${APP_ORIGIN}/`;
  if (!requestUrl.toLowerCase().startsWith(prefix)) {
    return { ok: false, status: 403, reason: 'not the app origin' };
  }
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, status: 403, reason: 'not the app origin' };
  }

  // The path as sent, before any normalisation, without query and fragment.
  const rawPath = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  return resolveRendererPath(rootDir, rawPath);
}

export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

/**
 * The `protocol.handle('app', ...)` handler, in plain Node: resolves, reads
 * and answers with the CSP and MIME type. Reads through `fs` (which Electron
 * patches to see into app.asar) instead of `net.fetch('file://...')`, so the
 * file protocol needs no extra privileges.
 */
export async function serveAppRequest(request: AppRequest, rootDir: string, readFile: ReadFile = fs.readFile): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return errorResponse(405, { Allow: 'GET, HEAD' });
  }
  const resolved = resolveAppPath(rootDir, request.url);
  if (!resolved.ok) return errorResponse(resolved.status);
  let body: Uint8Array;
  try {
    body = await readFile(resolved.filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return errorResponse(code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 404 : 500);
  }
  const headers = { ...RESPONSE_HEADERS, 'Content-Type': resolved.mimeType, 'Content-Length': String(body.byteLength) };
  // Copy into a fresh ArrayBuffer-backed view: a pooled Buffer may share its memory.
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

function errorResponse(status: number, extra: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...RESPONSE_HEADERS, ...extra } });
}
