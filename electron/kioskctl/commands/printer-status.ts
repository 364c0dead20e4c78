import { EXIT, UsageError, intOption, type Command } from '../command';
import { printerFault, type PrinterFault, type PrinterStatus } from '../../../shared/domain/device-status';
import { assertNever } from '../../../shared/assert-never';
import { PRINTER_MODELS, isPrinterModel, openPrinterByModel, type PrinterModel } from '../../../devices/printers/open-printer';
import type { PrinterDriver } from '../../../devices/printers/printer-types';

const HELP = `Usage: kioskctl printer status --port PATH --model escpos|escp [--baud N] [--json]

Asks a printer for its status now (ESC/POS and the invoice printer: real-time
DLE EOT n) and prints it in the kiosk's status model (after XFS4IoT).

Options:
  --port PATH     serial port of the printer (/dev/ttyUSB0, /dev/serial/by-id/...)
  --model M       escpos (80 mm receipt printer) or escp (24-pin invoice printer)
  --baud N        line speed (default 9600)
  --json          one JSON object on stdout instead of "field: value" lines

Fields: kind, device, paper, coverOpen, cutterError, port, model, detail
(plus ready and fault in --json).

Exit codes:
  0  ready to print (paper low still prints)
  1  reachable but not ready: paper out, cover open, paper jam, cutter error, offline (said in words)
  3  device or transport error (no printer on the port, unplugged, not answering, hardware error)`;

/* Shared with `printer test` (printer-test.ts). */

/** What `printer status` and `printer test` share: options, opening, exit codes. */
export const PRINTER_OPTIONS = {
  port: { type: 'string' },
  model: { type: 'string' },
  baud: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function printerArgs(values: Record<string, string | boolean | undefined>): { port: string; model: PrinterModel; baud: number } {
  const port = values.port;
  if (typeof port !== 'string' || port === '') throw new UsageError('--port PATH is required');
  if (!isPrinterModel(values.model)) throw new UsageError(`--model must be one of: ${PRINTER_MODELS.join(', ')}`);
  return { port, model: values.model, baud: intOption(values, 'baud', 9600, 1, 4_000_000) };
}

/**
 * Opens the driver and waits for its first word on the printer (a status
 * event: found and answered, or not there). Short intervals: a technician waits.
 */
export async function openAndSettle(args: { port: string; model: PrinterModel; baud: number }): Promise<PrinterDriver> {
  const printer = openPrinterByModel(args.model, { port: args.port, baud: args.baud, pollIntervalMs: 60_000, statusTimeoutMs: 800 });
  const first = new Promise<void>((resolve) => {
    const off = printer.onStatus(() => {
      off();
      resolve();
    });
    setTimeout(resolve, 5000);
  });
  printer.start();
  await first;
  return printer;
}

/** Exit code for a fault: 3 when the device is missing or broken, 1 when reachable but not ready. */
export function exitForFault(fault: PrinterFault | null): number {
  if (fault === null) return EXIT.ok;
  switch (fault) {
    case 'noDevice':
    case 'hardwareError':
      return EXIT.deviceError;
    case 'paperOut':
    case 'coverOpen':
    case 'jammed':
    case 'cutterError':
    case 'offline':
      return EXIT.failure;
    default:
      return assertNever(fault, 'printer fault');
  }
}

/** The reason a technician reads, in words. */
export function faultSentence(fault: PrinterFault, status: PrinterStatus | null): string {
  const detail = status?.detail ? ` (${status.detail})` : '';
  switch (fault) {
    case 'paperOut':
      return `out of paper: load a new roll or forms${detail}`;
    case 'coverOpen':
      return `the cover is open: close it${detail}`;
    case 'jammed':
      return `paper jammed: open the cover and clear it${detail}`;
    case 'cutterError':
      return `cutter error${detail}`;
    case 'offline':
      return `the printer is offline: check its panel${detail}`;
    case 'noDevice':
      return `no printer on the port${detail}`;
    case 'hardwareError':
      return `the printer reports a hardware error or does not answer${detail}`;
    default:
      return assertNever(fault, 'printer fault');
  }
}

export const printerStatusCommand: Command = {
  path: ['printer', 'status'],
  summary: 'ask a receipt or invoice printer for its status',
  help: HELP,
  options: PRINTER_OPTIONS,
  async run(values, _positionals, io) {
    const args = printerArgs(values);
    const printer = await openAndSettle(args);
    let status;
    try {
      status = await printer.refreshStatus();
    } finally {
      await printer.stop();
    }
    const fault = printerFault(status);
    const code = exitForFault(fault);
    const fields = {
      kind: status.kind,
      device: status.device,
      paper: status.paper,
      coverOpen: status.coverOpen,
      cutterError: status.cutterError,
      port: status.port,
      model: status.model ?? args.model,
      detail: status.detail,
    };
    if (values.json) {
      io.out(JSON.stringify({ ...fields, ready: fault === null, fault }));
    } else {
      for (const [key, value] of Object.entries(fields)) io.out(`${key}: ${value === null ? 'null' : String(value)}`);
      io.out(`ready: ${fault === null ? 'yes' : 'no'}`);
    }
    if (fault !== null) {
      const kind = code === EXIT.deviceError ? 'device error' : 'not ready';
      io.err(`kioskctl printer status: ${kind}: ${faultSentence(fault, status)}`);
    }
    return code;
  },
};
