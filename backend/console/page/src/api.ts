import { z } from 'zod';
import { ApiErrorParams } from '../../../../shared/fleet/console-codes';
import { Me } from '../../../../shared/fleet/console-api';

/**
 * The page's only way to the console server: same-origin fetch with the
 * session cookie, the CSRF token on every write, and every answer checked
 * against the shapes in shared/fleet/console-api.ts before a view sees it.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's machine code and its params (console-codes.ts), put in words by codes.ts errorText. */
    readonly code?: string,
    readonly params?: ApiErrorParams,
  ) {
    super(message);
  }
}

/** ApiError, but any code: a newer server's code this page does not know still brings its English. */
const ErrorAnswer = z.object({ error: z.string(), code: z.string().optional(), params: ApiErrorParams.optional() });

let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiFailure(response.status, `HTTP ${response.status}`);
  }
  if (!response.ok) {
    const error = ErrorAnswer.safeParse(json);
    if (!error.success) throw new ApiFailure(response.status, `HTTP ${response.status}`);
    throw new ApiFailure(response.status, error.data.error, error.data.code, error.data.params);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure(0, `unexpected answer from ${path}`);
  return parsed.data;
}

export const api = {
  get: <T>(path: string, schema: z.ZodType<T>): Promise<T> => call('GET', path, schema),
  post: <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => call('POST', path, schema, body),
  put: <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => call('PUT', path, schema, body),
};

export async function login(name: string, password: string): Promise<Me> {
  const me = await api.post('/api/login', { name, password }, Me);
  setCsrf(me.csrf);
  return me;
}

export async function currentUser(): Promise<Me | null> {
  try {
    const me = await api.get('/api/me', Me);
    setCsrf(me.csrf);
    return me;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return null;
    throw error;
  }
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
