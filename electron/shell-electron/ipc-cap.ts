import { MAX_WIRE_MESSAGE_BYTES } from '../../shared/contract/wire';
import { exceedsWireCap } from '../../shared/contract/wire-size';
import type { Result } from '../../shared/contract/result';

/**
 * The IPC path's half of the bridge's message cap (issue 14 item 8): a call
 * larger than the WebSocket bridge would carry is answered `invalidRequest`
 * before the router sees it, so both shells take the same calls.
 */
export function refuseOversizedCall(method: unknown, payload: unknown): Result<never> | null {
  if (!exceedsWireCap({ method, payload }, MAX_WIRE_MESSAGE_BYTES)) return null;
  return { ok: false, error: { code: 'invalidRequest', message: `the call is larger than the ${MAX_WIRE_MESSAGE_BYTES} bytes a call may carry` } };
}
