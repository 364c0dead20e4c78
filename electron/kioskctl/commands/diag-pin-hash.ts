import { EXIT, type Command } from '../command';
import { PIN_PATTERN, hashPin } from '../../host/diagnostics/technician-pin';

const HELP = `Usage: kioskctl diag pin-hash [--json] < pin.txt

Reads a technician PIN (6 to 12 digits) from the first line of stdin and
prints its slow salted hash (scrypt) for kiosk.json:
  "diagnostics": { "pinHash": "scrypt$32768$8$1$…" }
The PIN itself is never printed or stored. Each run gives a different hash
(a new salt); any of them verifies the same PIN.

Options:
  --json   one JSON object: {"pinHash": "…"}

Exit codes:
  0   hash printed
  64  no PIN on stdin, or not 6 to 12 digits`;

/** A PIN line is a dozen bytes: stdin from /dev/zero or a big file stops here, not at the end of memory. */
const MAX_STDIN_BYTES = 1024;

async function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('latin1');
    if (text.includes('\n') || text.length > MAX_STDIN_BYTES) break;
  }
  return (text.split('\n')[0] ?? '').trim();
}

export const diagPinHashCommand: Command = {
  path: ['diag', 'pin-hash'],
  summary: 'hash a technician PIN read from stdin, for diagnostics.pinHash in kiosk.json',
  help: HELP,
  options: { json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const pin = await firstLine(io.stdin);
    if (!PIN_PATTERN.test(pin)) {
      io.err('kioskctl diag pin-hash: a technician PIN is 6 to 12 digits, on the first line of stdin');
      return EXIT.usage;
    }
    const pinHash = hashPin(pin);
    io.out(values.json ? JSON.stringify({ pinHash }) : pinHash);
    return EXIT.ok;
  },
};
