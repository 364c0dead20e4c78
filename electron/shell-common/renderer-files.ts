import path from 'node:path';

/**
 * What both shells need to serve the built renderer safely: MIME types, the
 * path resolution that refuses traversal, and the security headers (the
 * Electron `app://` protocol and the Chromium shell's local HTTP server).
 */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPathResolution = { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps a raw URL path (after the origin, before any normalisation, without
 * query and fragment) to a file under `rootDir`. Works segment by segment
 * rather than trusting a URL parser: a segment that decodes to `.`/`..`, to
 * something with a slash, backslash, colon or NUL, or starts with a dot, is
 * refused; and the joined path must still lie inside `rootDir`.
 */
export function resolveRendererPath(rootDir: string, rawPath: string): AppPathResolution {
  const root = path.resolve(rootDir);
  if (rawPath === '') return found(path.join(root, 'index.html'));
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (segment === '') return { ok: false, status: 400, reason: 'empty path segment' };
    if (segment.startsWith('.')) return { ok: false, status: 403, reason: 'dot segment' };
    if (/[/\\:\0]/.test(segment)) return { ok: false, status: 403, reason: 'forbidden character in path' };
    segments.push(segment);
  }
  const filePath = path.resolve(root, ...segments);
  if (!filePath.startsWith(root + path.sep)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return found(filePath);
}

function found(filePath: string): AppPathResolution {
  return { ok: true, filePath, mimeType: mimeTypeFor(filePath) };
}

/** The renderer's CSP; `connectSrc` adds origins beyond 'self' (the bridge's WebSocket). */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers for every renderer response, in both shells. */
export function securityHeaders(connectSrc: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}
