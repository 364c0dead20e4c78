import { events, type EventName, type EventOf } from './events';
import { methods, type MethodName, type RequestOf, type ResultOf } from './methods';
import type { KioskApi } from './kiosk-api';
import { KioskError } from './result';

/**
 * Typed wrapper over `KioskApi` for the renderer: calls return the value or
 * throw a `KioskError`; results and events are validated again on arrival.
 */
export interface KioskClient {
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

export function createClient(api: KioskApi): KioskClient {
  return {
    async call(method, request) {
      const result = await api.invoke(method, request);
      if (!result.ok) throw new KioskError(result.error.code, result.error.message);
      const parsed = methods[method].result.safeParse(result.value);
      if (!parsed.success) throw new KioskError('invalidResult', `${method}: result failed validation`);
      return parsed.data as ResultOf<typeof method>;
    },
    on(event, listener) {
      return api.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventOf<typeof event>);
      });
    },
  };
}
