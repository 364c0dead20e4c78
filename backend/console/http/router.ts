import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { ApiError, Role } from '../../../shared/fleet/console-api';
import { errorCodeForStatus, type ApiErrorCode, type ApiErrorParams } from '../../../shared/fleet/console-codes';
import type { Principal } from '../auth';

/**
 * The console's API routes: each names the least role it needs (null: no
 * login needed, as for POST /api/login). The server authenticates, checks the
 * role and CSRF, reads the JSON body (size-capped) and answers the handler's
 * result as JSON. Other modules (rollouts) register theirs the same way:
 *
 *   console.router.add('GET', '/api/rollouts/:id', 'viewer', (req) => ({ status: 200, body: ... }));
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: Method;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (writes); undefined when none was sent. */
  body: unknown;
  principal: Principal | null;
  raw: IncomingMessage;
  /** Client address, for login throttling. */
  remote: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string | string[]>;
}

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface RouteOptions {
  /** Largest body accepted, bytes (default 64 KiB). */
  maxBodyBytes?: number;
}

export interface Route {
  method: Method;
  pattern: string;
  role: Role | null;
  handler: Handler;
  maxBodyBytes: number;
  parts: string[];
}

/**
 * An error the handler throws to answer `{ error, code, params }` with this
 * status. Without a code the status chooses one (errorCodeForStatus), with
 * the English message as params.detail: the page can always say something.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ApiErrorCode = errorCodeForStatus(status),
    readonly params: ApiErrorParams = { detail: message },
  ) {
    super(message);
  }
}

/** The body of an error answer: the English text, and the same as a code for the page. */
export function errorBody(
  status: number,
  message: string,
  code: ApiErrorCode = errorCodeForStatus(status),
  params: ApiErrorParams = { detail: message },
): ApiError {
  return { error: message, code, params };
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export class Router {
  private readonly routes: Route[] = [];

  add(method: Method, pattern: string, role: Role | null, handler: Handler, options: RouteOptions = {}): void {
    if (!pattern.startsWith('/api/')) throw new Error(`API routes live under /api/ (${pattern})`);
    this.routes.push({ method, pattern, role, handler, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, parts: pattern.split('/') });
  }

  /** The route for this method and path, 'method' when only the method is wrong, null when no route has the path. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/');
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    return pathMatched ? 'method' : null;
  }
}

function matchParts(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, p] of pattern.entries()) {
    const part = parts[i] ?? '';
    if (p.startsWith(':')) {
      if (part === '') return null;
      try {
        params[p.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (p !== part) return null;
  }
  return params;
}

/** The body, parsed by a zod schema, or a 400 naming the first problem. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, `invalid body: ${where}${issue?.message ?? 'not accepted'}`, 'invalidRequest', {
      detail: `${where}${issue?.message ?? 'not accepted'}`,
    });
  }
  return result.data;
}
