import { z } from 'zod';
import { methods, type KioskMethodName, type MethodName, type Methods, type ResultOf, type SimulatorMethodName } from './methods';
import { KioskError, type Result, ok, fail } from './result';

/** Who is calling: shells fill this so handlers and logs can tell them apart. */
export interface CallContext {
  readonly shell: 'electron' | 'chromium' | 'test';
  /**
   * Aborted when the caller is gone (its window closed, its socket dropped):
   * a long call (`diag.testRead`) stops waiting. Absent: only the host's own
   * reasons end the wait.
   */
  readonly signal?: AbortSignal;
}

export type Handler<M extends MethodName> = (request: z.output<Methods[M]['request']>, ctx: CallContext) => Promise<ResultOf<M>> | ResultOf<M>;

export type Handlers<M extends MethodName = MethodName> = { [K in M]: Handler<K> };

/**
 * The channels a router binds, each a whole group of handlers. The kiosk
 * channel is always there; the simulator channel only in simulator mode, so
 * on a real kiosk every `sim.*` method is unknown (`unknownMethod`), not
 * merely refused.
 */
export interface RouterChannels {
  readonly kiosk: Handlers<KioskMethodName>;
  readonly simulator?: Handlers<SimulatorMethodName>;
}

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

export function createRouter(channels: RouterChannels, options: RouterOptions = {}): Router {
  const handlers: Partial<Handlers> = { ...channels.kiosk, ...channels.simulator };
  return {
    async call(method, payload, ctx) {
      if (!isMethodName(method) || !Object.prototype.hasOwnProperty.call(handlers, method)) {
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
