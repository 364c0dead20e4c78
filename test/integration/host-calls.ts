import type { KioskHost } from '../../electron/host/host-types';
import type { Result } from '../../shared/contract';

/**
 * Contract calls into a host made in the test's `beforeAll`, as a shell would
 * make them: `raw` answers the Result as the router gives it (for refusals the
 * test asserts on), `call` the value or a thrown error naming the method and
 * the failure code.
 */
export interface HostCalls {
  raw(method: string, payload?: unknown): Promise<Result<unknown>>;
  call<T = unknown>(method: string, payload?: unknown): Promise<T>;
}

/** `host` is read at each call: the test assigns it after this module is loaded. */
export function hostCalls(host: () => KioskHost | null | undefined): HostCalls {
  const raw = (method: string, payload: unknown = {}): Promise<Result<unknown>> => {
    const current = host();
    if (!current) throw new Error(`${method}: no host (beforeAll did not start one)`);
    return current.router.call(method, payload, { shell: 'test' });
  };
  return {
    raw,
    async call<T = unknown>(method: string, payload: unknown = {}): Promise<T> {
      const result = await raw(method, payload);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  };
}
