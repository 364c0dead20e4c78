import type { CardReaderStatus } from '../../shared/domain/device-status';
import { assertNever } from '../../shared/assert-never';

/**
 * States of the reader driver's state machine, and the XFS4IoT-style status
 * each one shows (device online|noDevice|hardwareError|userError, media
 * present|notPresent|unknown).
 */
export type DriverState =
  | { name: 'starting' }
  | { name: 'noDevice'; detail: string }
  | { name: 'idlePolling' }
  /** `protocolError`: the reader answered, but every answer was broken (bad checksum or length). */
  | { name: 'hardwareError'; detail: string; protocolError?: boolean }
  | { name: 'cardFound' }
  | { name: 'reading' }
  | { name: 'cardPresent'; outcome: 'read' | 'failed' }
  | { name: 'stopped' };

export function localToday(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

export function statusOf(state: DriverState, port: string | null, model: string | null): CardReaderStatus {
  const base = { port, model };
  switch (state.name) {
    case 'starting':
      return { ...base, device: 'offline', media: 'unknown', detail: 'searching for the reader' };
    case 'stopped':
      return { ...base, device: 'offline', media: 'unknown', detail: 'stopped' };
    case 'noDevice':
      return { port: null, model: null, device: 'noDevice', media: 'unknown', detail: state.detail };
    case 'hardwareError':
      return { ...base, device: 'hardwareError', media: 'unknown', detail: state.detail };
    case 'idlePolling':
      return { ...base, device: 'online', media: 'notPresent', detail: null };
    case 'cardFound':
    case 'reading':
      return { ...base, device: 'online', media: 'present', detail: 'reading' };
    case 'cardPresent':
      return state.outcome === 'read'
        ? { ...base, device: 'online', media: 'present', detail: null }
        : { ...base, device: 'userError', media: 'present', detail: 'read failed: lift the card and place it again' };
    default:
      return assertNever(state, 'driver state');
  }
}
