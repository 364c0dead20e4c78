import type { DeviceState, PaperState, PrinterStatus } from '../../../shared/domain/device-status';
import { describeStatus, type EscposStatus } from '../escpos/status';

/**
 * Status of the invoice printer: real-time `DLE EOT n` (10 04 n), the same
 * request and one-byte answers as the receipt printer, parsed by the shared
 * pure code in ../escpos/status.ts.
 *
 * Why DLE EOT on an ESC/P printer: plain ESC/P has no status request on a
 * serial line (Epson's LQ/LX impact printers report status only through
 * IEEE 1284 nibble mode or the EJL/"@BDC ST" packet channel on USB and
 * bidirectional parallel, e.g. the LX-300+II service manual, "Packet
 * commands"). Epson's serial impact printers answer DLE EOT n on the serial
 * line even while offline or with a full buffer (TM-U295 specification,
 * "DLE EOT n: real-time status transmission"). For the Chinese tax-invoice
 * printers (Jolimark/映美, Dascom/得实, Epson LQ-630K/735K) we found no public
 * serial status reference: DLE EOT is the request to confirm per model when
 * one is installed. Where a model answers nothing the driver reports
 * `hardwareError` ("printer does not answer status"), never "printed".
 *
 * Mapping (an impact printer has no cutter):
 * - paper `out` on paper end (n=4 bits 5–6) or a stop by paper end (n=2 bit5);
 *   `jammed` on the mechanical error bit (n=3 bit3, the autocutter bit on a
 *   receipt printer; carriage/paper-feed error on an impact one); `low` on near end.
 * - device `hardwareError` on any error bit, else `offline` when n=1 says so, else `online`.
 */
export function toInvoicePrinterStatus(s: EscposStatus, port: string | null, model: string | null): PrinterStatus {
  const e = s.errorCause;
  const paper: PaperState = s.paper.end || s.offlineCause.paperEndStop ? 'out' : e.cutterError ? 'jammed' : s.paper.nearEnd ? 'low' : 'full';
  const anyError = s.offlineCause.error || e.cutterError || e.unrecoverable || e.autoRecoverable;
  const device: DeviceState = anyError ? 'hardwareError' : s.printer.offline ? 'offline' : 'online';
  const detail = describeStatus(s)?.replace('cutter error (paper jammed at the cutter)', 'paper jam (mechanical error)') ?? null;
  return { kind: 'invoice', device, paper, coverOpen: s.offlineCause.coverOpen, cutterError: false, port, model, detail };
}
