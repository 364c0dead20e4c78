import fs from 'node:fs';
import { EXIT, UsageError, type Command, type CommandIo } from '../command';
import { serveControlLines } from '../control-lines';
import { PRINTER_MODELS, isPrinterModel } from '../../../devices/printers/open-printer';
import type { PrinterSimulator, SimPrinterState } from '../../../devices/printers/printer-types';
import { SIM_PRINTER_STATES, startEscposSimulator } from '../../../devices/simulators/escpos/escpos-simulator';
import { startEscpSimulator } from '../../../devices/simulators/escp/escp-simulator';
import type { PrintedReceipt } from '../../../devices/simulators/escpos/escpos-interpreter';
import type { EscpPage } from '../../../devices/simulators/escp/escp-interpreter';

const HELP = `Usage: kioskctl sim printer --model escpos|escp [--state STATE] [--out FILE]

Runs a printer simulator on a real pseudo-terminal. The first line on stdout is
"port: /path": point the kiosk (or "kioskctl printer status --port") at it.
It answers the real-time status request DLE EOT n from its state and writes
what it prints as text:
  escpos  each cut receipt: its lines (QR codes as "[QR: data]"), then "--- cut ---"
  escp    each form fed: "page N", one "x,y mm: text" line per placed text, then "--- form fed ---"

Options:
  --model M       escpos (80 mm receipt printer) or escp (24-pin invoice printer)
  --state STATE   ${SIM_PRINTER_STATES.join(' | ')} (default ready)
  --out FILE      append the printed text to FILE instead of stdout

Commands on stdin, one per line, each answered with one line "ok …" or "error …":
  state STATE     change the state (paper-out, cover-open, jam and offline print nothing)
  unplug          kill the PTY: the kiosk sees the printer vanish
  replug          bring the PTY back on the same path
  quit            stop the simulator

Runs until "quit", SIGINT or SIGTERM.`;

const isState = (v: unknown): v is SimPrinterState => typeof v === 'string' && (SIM_PRINTER_STATES as readonly string[]).includes(v);

export function receiptText(receipt: PrintedReceipt): string[] {
  return [...receipt.lines, '--- cut ---'];
}

export function pageText(page: EscpPage, index: number): string[] {
  return [`page ${index}`, ...page.runs.map((r) => `${r.xMm.toFixed(1)},${r.yMm.toFixed(1)} mm: ${r.text}`), '--- form fed ---'];
}

async function execute(sim: PrinterSimulator, line: string): Promise<{ reply: string; quit: boolean }> {
  const [word, arg, ...extra] = line.trim().split(/\s+/);
  const ok = (text: string) => ({ reply: `ok ${text}`, quit: false });
  const error = (text: string) => ({ reply: `error ${text}`, quit: false });
  if (extra.length > 0) return error(`too many arguments for "${word}"`);
  switch (word) {
    case 'state':
      if (!isState(arg)) return error(`state needs one of: ${SIM_PRINTER_STATES.join(' ')}`);
      sim.setState(arg);
      return ok(`state ${arg}`);
    case 'unplug':
      await sim.unplug();
      return ok('unplugged');
    case 'replug':
      await sim.replug();
      return ok(`replugged ${sim.portPath}`);
    case 'quit':
      return { reply: 'ok bye', quit: true };
    default:
      return error(`unknown command "${word ?? ''}" (state, unplug, replug, quit)`);
  }
}

function serve(sim: PrinterSimulator, io: CommandIo): Promise<void> {
  return serveControlLines(io, (line) => execute(sim, line));
}

export const simPrinterCommand: Command = {
  path: ['sim', 'printer'],
  summary: 'run a receipt (escpos) or invoice (escp) printer simulator on a pseudo-terminal',
  help: HELP,
  options: {
    model: { type: 'string' },
    state: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (!isPrinterModel(values.model)) throw new UsageError(`--model must be one of: ${PRINTER_MODELS.join(', ')}`);
    const state = values.state ?? 'ready';
    if (!isState(state)) throw new UsageError(`--state must be one of: ${SIM_PRINTER_STATES.join(', ')}`);
    const outFile = typeof values.out === 'string' ? values.out : null;
    const emit = (lines: string[]) => {
      if (outFile) fs.appendFileSync(outFile, lines.map((l) => `${l}\n`).join(''));
      else for (const l of lines) io.out(l);
    };
    let sim: PrinterSimulator;
    try {
      if (values.model === 'escpos') {
        const s = await startEscposSimulator({ state });
        s.onPrinted((receipt) => emit(receiptText(receipt)));
        sim = s;
      } else {
        const s = await startEscpSimulator({ state });
        let pages = 0;
        s.onPage((page) => emit(pageText(page, ++pages)));
        sim = s;
      }
    } catch (error) {
      io.err(`kioskctl sim printer: ${error instanceof Error ? error.message : String(error)}`);
      return EXIT.deviceError;
    }
    io.out(`port: ${sim.portPath}`);
    try {
      await serve(sim, io);
    } finally {
      await sim.close();
    }
    return EXIT.ok;
  },
};
