import { events, type EventName, type EventOf } from './events';
import { describeIssues } from './router';

export type EventListener = (name: EventName, payload: unknown) => void;

export interface EventHub {
  /** Validates the payload against the event's schema, then fans it out. */
  emit<E extends EventName>(name: E, payload: EventOf<E>): void;
  /** Returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(onListenerError?: (error: unknown) => void): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) {
        throw new Error(`event ${name} has an invalid payload: ${describeIssues(parsed.error)}`);
      }
      for (const listener of [...listeners]) {
        try {
          listener(name, parsed.data);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
