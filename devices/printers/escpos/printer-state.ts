import type { CompletionCode, PrinterFault, PrinterStatus } from '../../../shared/domain/device-status';
import { assertNever } from '../../../shared/assert-never';
import type { PrintOutcome } from '../printer-types';
import type { LinkError } from './escpos-link';
import { toPrinterStatus, type EscposStatus } from './status';

/**
 * States of the receipt printer driver, and the status each one shows.
 *
 *   starting → noDevice ⇄ idle (status polled) ⇄ printing
 *                           ↕ noAnswer (port open, printer silent or garbled)
 */
export type PrinterState =
  | { name: 'starting' }
  | { name: 'noDevice'; detail: string }
  | { name: 'noAnswer'; detail: string }
  | { name: 'idle'; last: EscposStatus }
  | { name: 'printing'; last: EscposStatus }
  | { name: 'stopped' };

export function statusOfState(state: PrinterState, port: string, model: string): PrinterStatus {
  const base = { kind: 'receipt' as const, coverOpen: false, cutterError: false, port, model };
  switch (state.name) {
    case 'starting':
      return { ...base, device: 'offline', paper: 'unknown', detail: 'searching for the printer' };
    case 'stopped':
      return { ...base, device: 'offline', paper: 'unknown', detail: 'stopped' };
    case 'noDevice':
      return { ...base, device: 'noDevice', paper: 'unknown', detail: state.detail };
    case 'noAnswer':
      return { ...base, device: 'hardwareError', paper: 'unknown', detail: state.detail };
    case 'idle':
      return toPrinterStatus(state.last, port, model);
    case 'printing': {
      const s = toPrinterStatus(state.last, port, model);
      return { ...s, device: s.device === 'online' ? 'busy' : s.device, detail: 'printing' };
    }
    default:
      return assertNever(state, 'printer state');
  }
}

/** XFS4IoT completion code for a print stopped by `fault`. */
export function completionFor(fault: PrinterFault): CompletionCode {
  switch (fault) {
    case 'paperOut':
    case 'coverOpen':
    case 'offline':
    case 'noDevice':
      return 'deviceNotReady';
    case 'jammed':
    case 'cutterError':
    case 'hardwareError':
      return 'hardwareError';
    default:
      return assertNever(fault, 'printer fault');
  }
}

/** Words for a fault, for logs, kioskctl and `PrintOutcome.detail`. */
export function faultWords(fault: PrinterFault): string {
  switch (fault) {
    case 'paperOut':
      return 'paper out';
    case 'coverOpen':
      return 'cover open';
    case 'jammed':
      return 'paper jammed';
    case 'cutterError':
      return 'cutter error';
    case 'offline':
      return 'printer offline';
    case 'noDevice':
      return 'no printer on the port';
    case 'hardwareError':
      return 'printer hardware error';
    default:
      return assertNever(fault, 'printer fault');
  }
}

/** A print that the link ended: never reported as printed. */
export function linkFailure(error: LinkError, when: 'before' | 'after'): PrintOutcome & { ok: false } {
  const stage = when === 'before' ? 'status before printing' : 'status after printing';
  switch (error.code) {
    case 'disconnected':
      return { ok: false, code: when === 'before' ? 'deviceNotReady' : 'hardwareError', fault: 'noDevice', detail: `${stage}: ${error.detail}` };
    case 'timeOut':
      return { ok: false, code: 'timeOut', fault: 'hardwareError', detail: `${stage}: ${error.detail}` };
    case 'protocol':
      return { ok: false, code: 'hardwareError', fault: 'hardwareError', detail: `${stage}: ${error.detail}` };
    default:
      return assertNever(error, 'link error');
  }
}
