import { assertNever } from '../../shared/assert-never';
import { BackendError } from '../../shared/backend';

/**
 * Network trouble the sandbox can simulate, so the kiosk's "backend
 * unreachable" refusal and its progress indicator can be shown and tested
 * without a broker.
 * - `none`: answers at once.
 * - `unreachable`: every call fails with `BackendError('unreachable')`, nothing is applied.
 * - `slow`: every call answers after `delayMs` (the caller's own deadline decides
 *   whether that becomes a timeout, as it will over AMQP).
 */
export type FaultMode = { kind: 'none' } | { kind: 'unreachable' } | { kind: 'slow'; delayMs: number };

export interface FaultSwitch {
  readonly mode: FaultMode;
  set(mode: FaultMode): void;
  /** Called before every request is served: throws or waits as the mode says. */
  gate(method: string): Promise<void>;
}

export function createFaultSwitch(initial: FaultMode = { kind: 'none' }): FaultSwitch {
  let mode = initial;
  return {
    get mode() {
      return mode;
    },
    set(next) {
      if (next.kind === 'slow' && !(Number.isInteger(next.delayMs) && next.delayMs >= 0)) {
        throw new RangeError('slow.delayMs must be a non-negative integer');
      }
      mode = next;
    },
    async gate(method) {
      // Read the mode once: a switch mid-call applies to the next call.
      const current = mode;
      switch (current.kind) {
        case 'none':
          return;
        case 'unreachable':
          throw new BackendError('unreachable', `${method}: sandbox backend is switched to unreachable`);
        case 'slow':
          await new Promise<void>((resolve) => setTimeout(resolve, current.delayMs));
          return;
        default:
          return assertNever(current, 'fault mode');
      }
    },
  };
}
