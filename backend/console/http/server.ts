import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Auth, Principal } from '../auth';
import { roleAtLeast } from '../auth';
import type { LogFn } from '../webhooks';
import { errorBody, HttpError, type ApiResponse, type Method, type Router } from './router';

/**
 * The console's HTTP server (node:http): the JSON API under /api/ (router.ts)
 * and the page's static files from `pageDir` (GET / and /assets/*).
 *
 * Auth on every API route but login: `Authorization: Bearer <token>` (scripts)
 * or the session cookie; a write with a session also needs the header
 * `x-csrf-token` equal to the session's token (a bearer token is never sent
 * by a browser on its own, so it needs none).
 */
export const SESSION_COOKIE = 'console_session';

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

const PLACEHOLDER_PAGE =
  '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Fleet console</title>' +
  '<p>控制台页面尚未构建 / The console page is not built (dist/console-page). The JSON API is at /api/.</p></html>';

export interface ServerDeps {
  router: Router;
  auth: Auth;
  pageDir: string;
  log: LogFn;
}

export function createConsoleServer(deps: ServerDeps): http.Server {
  return http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const done = url.pathname.startsWith('/api/') ? api(deps, req, url) : Promise.resolve(serveStatic(deps.pageDir, req, url.pathname));
    done
      .then((answer) => send(res, answer))
      .catch((error: unknown) => {
        deps.log('error', 'request failed', { path: url.pathname, error: error instanceof Error ? error.message : String(error) });
        send(res, json(500, errorBody(500, 'internal error')));
      });
  });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
}

function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Answer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: JSON.stringify(body) };
}

function send(res: http.ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

async function api(deps: ServerDeps, req: http.IncomingMessage, url: URL): Promise<Answer> {
  const found = deps.router.match(req.method ?? 'GET', url.pathname);
  if (found === null) return json(404, errorBody(404, `no such API route: ${url.pathname}`));
  if (found === 'method') return json(405, errorBody(405, `${req.method ?? '?'} is not allowed on ${url.pathname}`));
  const { route, params } = found;
  try {
    const principal = authenticate(deps.auth, req);
    if (principal === 'invalid') return json(401, errorBody(401, 'invalid bearer token', 'invalidToken', {}));
    if (route.role !== null) {
      if (principal === null) return json(401, errorBody(401, 'log in first (session cookie or bearer token)', 'unauthenticated', {}));
      if (!roleAtLeast(principal.role, route.role))
        return json(403, errorBody(403, `needs the ${route.role} role (you are ${principal.role})`, 'forbidden', { role: route.role }));
      if (route.method !== 'GET' && principal.via === 'session' && !csrfMatches(req, principal))
        return json(403, errorBody(403, 'missing or wrong x-csrf-token header', 'csrf', {}));
    }
    const body = route.method === 'GET' ? undefined : await readJsonBody(req, route.maxBodyBytes);
    const result: ApiResponse = await route.handler({
      method: route.method,
      path: url.pathname,
      params,
      query: url.searchParams,
      body,
      principal,
      raw: req,
      remote: req.socket.remoteAddress ?? '?',
    });
    return json(result.status, result.body, result.headers);
  } catch (error) {
    if (error instanceof HttpError) return json(error.status, errorBody(error.status, error.message, error.code, error.params));
    throw error;
  }
}

/** The caller, null when anonymous, 'invalid' for a bearer token that is not one (never falls back to the cookie). */
function authenticate(auth: Auth, req: http.IncomingMessage): Principal | null | 'invalid' {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return (match?.[1] !== undefined ? auth.token(match[1]) : null) ?? 'invalid';
  }
  const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return id === null ? null : auth.session(id);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function csrfMatches(req: http.IncomingMessage, principal: Principal): boolean {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || principal.csrf === null) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(principal.csrf);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function readJsonBody(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw new HttpError(413, `body larger than ${maxBytes} bytes`, 'tooLarge', { bytes: maxBytes });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, `body larger than ${maxBytes} bytes`, 'tooLarge', { bytes: maxBytes });
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'send the body as application/json', 'unsupportedType', {});
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

function serveStatic(pageDir: string, req: http.IncomingMessage, pathname: string): Answer {
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, headers: { 'content-type': 'text/plain' }, body: 'method not allowed' };
  const html = { 'content-type': CONTENT_TYPES['.html'] ?? 'text/html', 'cache-control': 'no-cache' };
  if (pathname === '/' || pathname === '/index.html') {
    const index = path.join(pageDir, 'index.html');
    return fs.existsSync(index) ? { status: 200, headers: html, body: fs.readFileSync(index) } : { status: 200, headers: html, body: PLACEHOLDER_PAGE };
  }
  if (pathname.startsWith('/assets/')) {
    const root = path.resolve(pageDir, 'assets');
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice('/assets/'.length));
    } catch {
      return notFound();
    }
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return notFound();
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) return notFound();
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // Built assets carry a content hash in their names: cached for good.
      return { status: 200, headers: { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' }, body: fs.readFileSync(file) };
    } catch {
      return notFound();
    }
  }
  return notFound();
}

function notFound(): Answer {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'not found' };
}

export type { Method };
