import { z } from 'zod';
import { methods, type MethodName, type Methods, type ResultOf } from './methods';
import { KioskError, type Result, ok, fail } from './result';

/** Who is calling: shells fill this so handlers and logs can tell them apart. */
export interface CallContext {
  readonly shell: 'electron' | 'chromium' | 'test';
}

export type Handler<M extends MethodName> = (
  request: z.output<Methods[M]['request']>,
  ctx: CallContext,
) => Promise<ResultOf<M>> | ResultOf<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

export interface Router {
  /** Validates `method` and `payload`, dispatches, validates the answer. Never throws. */
  call(method: unknown, payload: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Called for failures that are the host's fault (untyped throw, invalid result). */
  onInternalError?: (method: string, error: unknown) => void;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

/** Names the failing fields without echoing the values (they may be personal data). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.code}`)
    .join('; ');
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async call(method, payload, ctx) {
      if (!isMethodName(method)) {
        return fail('unknownMethod', `unknown method ${typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : typeof method}`);
      }
      const spec = methods[method];
      const request = spec.request.safeParse(payload ?? {});
      if (!request.success) {
        return fail('invalidRequest', `${method}: ${describeIssues(request.error)}`);
      }
      let value: unknown;
      try {
        const handler = handlers[method] as (req: unknown, ctx: CallContext) => unknown;
        value = await handler(request.data, ctx);
      } catch (error) {
        if (error instanceof KioskError) return fail(error.code, error.message);
        options.onInternalError?.(method, error);
        return fail('internal', `${method} failed`);
      }
      const result = spec.result.safeParse(value);
      if (!result.success) {
        options.onInternalError?.(method, new Error(`invalid result: ${describeIssues(result.error)}`));
        return fail('invalidResult', `${method} produced an invalid result`);
      }
      return ok(result.data);
    },
  };
}
