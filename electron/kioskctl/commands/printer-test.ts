import { EXIT, type Command } from '../command';
import { PRINTER_OPTIONS, exitForFault, faultSentence, openAndSettle, printerArgs } from './printer-status';

const HELP = `Usage: kioskctl printer test --port PATH --model escpos|escp [--baud N] [--json]

Prints the printer's test page: for escpos a receipt with the model, port,
date, a column ruler, Chinese sample text (国家税务总局 测试页) with full-width
aligned amounts, and a QR code; for escp the invoice printer's calibration
grid. The printer's status is checked before (nothing is sent when it is not
ready) and after the page.

Options:
  --port PATH     serial port of the printer
  --model M       escpos (80 mm receipt printer) or escp (24-pin invoice printer)
  --baud N        line speed (default 9600)
  --json          one JSON object on stdout: {"ok", "code", "fault", "detail"}

Exit codes:
  0  test page printed (status clean after the page)
  1  not printed: reachable but not ready (paper out, cover open, jam, offline), or it ran out mid-page
  3  device or transport error (no printer, unplugged mid-page, not answering, hardware error)`;

export const printerTestCommand: Command = {
  path: ['printer', 'test'],
  summary: 'print a test page on a receipt or invoice printer',
  help: HELP,
  options: PRINTER_OPTIONS,
  async run(values, _positionals, io) {
    const args = printerArgs(values);
    const printer = await openAndSettle(args);
    let outcome;
    try {
      outcome = await printer.printTestPage();
    } finally {
      await printer.stop();
    }
    if (outcome.ok) {
      if (values.json) io.out(JSON.stringify({ ok: true, code: 'success', fault: null, detail: outcome.detail ?? null }));
      else io.out(`test page printed on ${args.port}${outcome.detail ? ` (${outcome.detail})` : ''}`);
      return EXIT.ok;
    }
    const code = outcome.fault ? exitForFault(outcome.fault) : EXIT.failure;
    if (values.json) io.out(JSON.stringify({ ok: false, code: outcome.code, fault: outcome.fault, detail: outcome.detail }));
    const why = outcome.fault ? faultSentence(outcome.fault, null) : outcome.code;
    io.err(`kioskctl printer test: not printed, ${why} (${outcome.code}: ${outcome.detail})`);
    return code;
  },
};
