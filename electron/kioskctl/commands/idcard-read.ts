import { EXIT, UsageError, intOption, type Command } from '../command';
import { createIdCardReader } from '../../../devices/idcard/discovery';
import type { CardChecks, IdCard } from '../../../shared/domain/idcard';
import { rejectionFor } from '../../../shared/domain/card-checks';

const HELP = `Usage: kioskctl idcard read --port PATH [--baud N] [--timeout MS] [--json]

Waits for an ID card on a SAM (GA 450 family) reader, reads it once and prints
every field, with the checks the kiosk runs (GB 11643 check character, birth
date against the number, expiry). This is a technician's tool for their own
reader: it prints the full personal data of the card read. Do not paste it
into tickets.

Options:
  --port PATH     serial port of the reader (/dev/ttyUSB0, /dev/serial/by-id/...)
  --baud N        first baud rate tried, 115200 (default) or 9600; the other is the fallback
  --timeout MS    how long to wait for a card, 100..600000 (default 30000)
  --json          one JSON object on stdout instead of "field: value" lines

Exit codes:
  0  card read (even when a check fails: see "checks")
  2  no card before the timeout
  3  device or transport error (port missing, unplugged, reader not answering: "no SAM answer")
  4  protocol error (bad checksum, SW3 error such as 41 card lifted mid-read; also a reader
     whose every answer fails its checksum)`;

type Outcome = { kind: 'read'; card: IdCard; checks: CardChecks } | { kind: 'exit'; code: number; message: string };

function fieldLines(card: IdCard, checks: CardChecks): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(card)) {
    if (key === 'nation' && value && typeof value === 'object' && 'code' in value && 'name' in value) {
      lines.push(`nation: ${String(value.code)} ${String(value.name)}`);
    } else {
      lines.push(`${key}: ${value === null ? 'null' : String(value)}`);
    }
  }
  lines.push(`checks: checkCharacter=${checks.checkCharacter} birthDateMatchesNumber=${checks.birthDateMatchesNumber} notExpired=${checks.notExpired}`);
  lines.push(`rejection: ${rejectionFor(checks) ?? 'none'}`);
  return lines;
}

export const idcardReadCommand: Command = {
  path: ['idcard', 'read'],
  summary: 'wait for an ID card on a reader and print what was read',
  help: HELP,
  options: {
    port: { type: 'string' },
    baud: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const port = values.port;
    if (typeof port !== 'string' || port === '') throw new UsageError('--port PATH is required');
    const baud = intOption(values, 'baud', 115200, 1, 4_000_000);
    if (baud !== 115200 && baud !== 9600) throw new UsageError('--baud must be 115200 or 9600');
    const timeoutMs = intOption(values, 'timeout', 30_000, 100, 600_000);

    const reader = createIdCardReader({ transport: 'serial', port, baud }, { driver: { pollIntervalMs: 200 } });
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'exit', code: EXIT.notFound, message: `no card within ${timeoutMs} ms` }), timeoutMs);
      const done = (o: Outcome) => {
        clearTimeout(timer);
        resolve(o);
      };
      io.stopSignal.addEventListener('abort', () => done({ kind: 'exit', code: EXIT.failure, message: 'interrupted' }), { once: true });
      reader.onStatus((s) => {
        if (s.device === 'noDevice' || s.device === 'hardwareError') {
          // A reader that answers, but never a well-formed frame, is a protocol error, not a missing one.
          const code = reader.protocolError() ? EXIT.protocolError : EXIT.deviceError;
          done({ kind: 'exit', code, message: `reader ${s.device}: ${s.detail ?? ''}` });
        }
      });
      reader.onCard((event) => {
        if (event.type === 'cardRead') done({ kind: 'read', card: event.card, checks: event.checks });
        else if (event.type === 'readFailed') {
          const code = event.code === 'hardwareError' ? EXIT.deviceError : EXIT.protocolError;
          done({ kind: 'exit', code, message: `read failed (${event.code}): ${event.detail}` });
        } else if (event.type === 'cardFound' && !values.json) io.err('card found, reading…');
      });
      reader.start();
    });
    await reader.stop();

    if (outcome.kind === 'exit') {
      if (values.json) io.out(JSON.stringify({ ok: false, exitCode: outcome.code, error: outcome.message }));
      else io.err(`kioskctl idcard read: ${outcome.message}`);
      return outcome.code;
    }
    const { card, checks } = outcome;
    if (values.json) io.out(JSON.stringify({ ok: true, card, checks, rejection: rejectionFor(checks) }));
    else for (const line of fieldLines(card, checks)) io.out(line);
    return EXIT.ok;
  },
};
