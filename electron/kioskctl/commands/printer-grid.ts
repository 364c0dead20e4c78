import { EXIT, UsageError, intOption, defineCommand } from '../command';
import { withDb } from '../with-db';
import { formatTenths, getCalibration } from '../../host/printers/calibration-store';
import { createInvoicePrinter } from '../../../devices/printers/escp/invoice-printer';
import type { PrinterStatus } from '../../../shared/domain/device-status';

const HELP = `Usage: kioskctl printer grid --port PATH [--baud N] [--data-dir DIR] [--json]

Prints the technician's test grid on the invoice printer with the stored
calibration applied: a + every 10 mm with the mm written along the top and
the left edge, and the corners of every field box of the VAT ordinary invoice
template (┌ top-left, ┘ bottom-right). Load a pre-printed form, print, and
read off how far the corner marks sit from the form's own boxes; store that
with kioskctl printer calibrate --dx MM --dy MM and print again.

Options:
  --port PATH     serial port of the invoice printer (/dev/ttyUSB1, /dev/serial/by-id/...)
  --baud N        line speed (default 9600)
  --data-dir DIR  kiosk data directory, for the stored calibration
  --json          one JSON object on stdout

Exit codes:
  0  grid printed (the printer's status after the job is clean)
  1  printer not ready (paper out, cover open, jam, offline): nothing printed, the reason is given
  3  device error (port missing, unplugged, no status answer, fault during the job)`;

export const printerGridCommand = defineCommand({
  path: ['printer', 'grid'],
  summary: 'print the invoice printer test grid with the stored calibration',
  help: HELP,
  options: {
    port: { type: 'string' },
    baud: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const port = values.port;
    if (typeof port !== 'string' || port === '') throw new UsageError('--port PATH is required');
    const baud = intOption(values, 'baud', 9600, 300, 921_600);
    const calibration = await withDb(values['data-dir'], 'write', (db) => getCalibration(db));

    const printer = createInvoicePrinter({ port, baud, calibration: () => calibration, pollIntervalMs: 200, reconnectIntervalMs: 300 });
    const connected = await new Promise<PrinterStatus>((resolve) => {
      const timer = setTimeout(() => done(printer.status()), 3000);
      const off = printer.onStatus((s) => {
        if (s.device !== 'noDevice' || s.detail !== 'not started') done(s);
      });
      function done(s: PrinterStatus) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
      printer.start();
    });
    // The first status settles the connection (found or not); a silent printer is caught by the job's own status check.
    const outcome = connected.device === 'noDevice' && connected.detail !== 'not started' ? null : await printer.printGrid();
    await printer.stop();

    const cal = `dx ${formatTenths(calibration.dxTenthMm)} mm, dy ${formatTenths(calibration.dyTenthMm)} mm`;
    let code: number;
    let message: string;
    if (!outcome) {
      code = EXIT.deviceError;
      message = `no printer on ${port}: ${connected.detail ?? 'noDevice'}`;
    } else if (outcome.ok) {
      code = EXIT.ok;
      message = `grid printed (calibration ${cal})`;
    } else {
      code = outcome.code === 'deviceNotReady' && outcome.fault !== 'noDevice' ? EXIT.failure : EXIT.deviceError;
      message = `${code === EXIT.failure ? 'printer not ready' : 'device error'} (${outcome.fault ?? outcome.code}): ${outcome.detail}`;
    }
    if (values.json)
      io.out(
        JSON.stringify({ ok: code === EXIT.ok, exitCode: code, message, calibration: { dxMm: calibration.dxTenthMm / 10, dyMm: calibration.dyTenthMm / 10 } }),
      );
    else if (code === EXIT.ok) io.out(message);
    else io.err(`kioskctl printer grid: ${message}`);
    return code;
  },
});
