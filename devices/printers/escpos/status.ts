import { z } from 'zod';
import { assertNever } from '../../../shared/assert-never';
import type { DeviceState, PaperState, PrinterStatus } from '../../../shared/domain/device-status';

/**
 * Real-time status: `DLE EOT n` (10 04 n), one byte back per request
 * (Epson ESC/POS reference, "DLE EOT"; docs/devices.md). In every answer bit 1
 * and bit 4 are 1, bit 0 and bit 7 are 0: that fixed pattern is how an
 * answer is told from line noise or a stray byte.
 *
 *   n=1 printer:       bit3 offline
 *   n=2 offline cause: bit2 cover open, bit5 stopped by paper end, bit6 error
 *   n=3 error cause:   bit3 autocutter error, bit5 unrecoverable, bit6 auto-recoverable
 *   n=4 paper sensor:  bits 2–3 roll near end, bits 5–6 roll end
 *
 * Out of paper reads n=1 → 1A, n=2 → 32, n=4 → 7E.
 */
export type StatusRequest = 1 | 2 | 3 | 4;
export const STATUS_REQUESTS: readonly StatusRequest[] = [1, 2, 3, 4];

// transmit real-time status: DLE EOT n
export function statusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** Bits 0,1,4,7 of every answer must read 0,1,1,0. */
export const FIXED_MASK = 0x93;
export const FIXED_VALUE = 0x12;

/** One answer byte, checked at the trust boundary (the wire). */
export const StatusByte = z
  .number()
  .int()
  .min(0)
  .max(0xff)
  .refine((b) => (b & FIXED_MASK) === FIXED_VALUE, { message: 'fixed bits 1 and 4 not set (or 0 and 7 set): not a DLE EOT answer' });

export interface PrinterBits {
  offline: boolean;
}
export interface OfflineCauseBits {
  coverOpen: boolean;
  paperEndStop: boolean;
  error: boolean;
}
export interface ErrorCauseBits {
  cutterError: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}
export interface PaperBits {
  nearEnd: boolean;
  end: boolean;
}

export type StatusAnswer = { n: 1; bits: PrinterBits } | { n: 2; bits: OfflineCauseBits } | { n: 3; bits: ErrorCauseBits } | { n: 4; bits: PaperBits };

export type ParseResult = { ok: true; answer: StatusAnswer } | { ok: false; error: 'protocol'; detail: string };

const bit = (b: number, i: number) => (b & (1 << i)) !== 0;

/** Parses the answer to `DLE EOT n`. A byte without the fixed bits is a protocol error, never a status. */
export function parseStatusByte(n: StatusRequest, byte: number): ParseResult {
  const checked = StatusByte.safeParse(byte);
  if (!checked.success) return { ok: false, error: 'protocol', detail: `DLE EOT ${n} answer ${hex(byte)}: ${checked.error.issues[0]?.message ?? 'invalid'}` };
  switch (n) {
    case 1:
      return { ok: true, answer: { n, bits: { offline: bit(byte, 3) } } };
    case 2:
      return { ok: true, answer: { n, bits: { coverOpen: bit(byte, 2), paperEndStop: bit(byte, 5), error: bit(byte, 6) } } };
    case 3:
      return { ok: true, answer: { n, bits: { cutterError: bit(byte, 3), unrecoverable: bit(byte, 5), autoRecoverable: bit(byte, 6) } } };
    case 4:
      // Printers set both bits of a pair; either one is taken as the sensor's word.
      return { ok: true, answer: { n, bits: { nearEnd: (byte & 0x0c) !== 0, end: (byte & 0x60) !== 0 } } };
    default:
      return assertNever(n, 'status request');
  }
}

/** The four answers together. */
export interface EscposStatus {
  printer: PrinterBits;
  offlineCause: OfflineCauseBits;
  errorCause: ErrorCauseBits;
  paper: PaperBits;
}

/**
 * Into the common XFS4IoT-style status.
 * - paper: `out` on roll end (n=4) or a stop by paper end (n=2); `low` on near end.
 *   An autocutter error is, on thermal printers, nearly always paper jammed at
 *   the cutter (Epson TM manuals, "autocutter error"), so paper reads `jammed`
 *   (the taxpayer's message is "paper jam") and `cutterError` is set.
 * - device: `hardwareError` on an error (n=2 bit6, or any n=3 cause), else
 *   `offline` when n=1 says so, else `online`. Paper out and cover open also
 *   set "offline"; `printerFault()` ranks them first, so the fault names the cause.
 */
export function toPrinterStatus(s: EscposStatus, port: string | null, model: string | null): PrinterStatus {
  const e = s.errorCause;
  const paper: PaperState = s.paper.end || s.offlineCause.paperEndStop ? 'out' : e.cutterError ? 'jammed' : s.paper.nearEnd ? 'low' : 'full';
  const anyError = s.offlineCause.error || e.cutterError || e.unrecoverable || e.autoRecoverable;
  const device: DeviceState = anyError ? 'hardwareError' : s.printer.offline ? 'offline' : 'online';
  return { kind: 'receipt', device, paper, coverOpen: s.offlineCause.coverOpen, cutterError: e.cutterError, port, model, detail: describeStatus(s) };
}

/** Words for technicians: "paper out, cover open", or null when all is well. */
export function describeStatus(s: EscposStatus): string | null {
  const words: string[] = [];
  if (s.paper.end || s.offlineCause.paperEndStop) words.push('paper out');
  else if (s.paper.nearEnd) words.push('paper low');
  if (s.offlineCause.coverOpen) words.push('cover open');
  if (s.errorCause.cutterError) words.push('cutter error (paper jammed at the cutter)');
  if (s.errorCause.unrecoverable) words.push('unrecoverable error');
  if (s.errorCause.autoRecoverable) words.push('auto-recoverable error (e.g. head overheated)');
  if (s.offlineCause.error && words.length === 0) words.push('error');
  if (s.printer.offline && words.length === 0) words.push('offline');
  return words.length > 0 ? words.join(', ') : null;
}

/** Puts the four parsed answers together (any order); null when one is missing. */
export function combineAnswers(answers: readonly StatusAnswer[]): EscposStatus | null {
  const s: Partial<EscposStatus> = {};
  for (const a of answers) {
    if (a.n === 1) s.printer = a.bits;
    else if (a.n === 2) s.offlineCause = a.bits;
    else if (a.n === 3) s.errorCause = a.bits;
    else s.paper = a.bits;
  }
  const { printer, offlineCause, errorCause, paper } = s;
  return printer && offlineCause && errorCause && paper ? { printer, offlineCause, errorCause, paper } : null;
}

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
