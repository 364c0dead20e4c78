import { EXIT, UsageError, type Command, type CommandIo } from '../command';
import { serveControlLines } from '../control-lines';
import { SIM_FAULTS, startIdCardSimulator, type IdCardSimulator, type SimFault } from '../../../devices/simulators/idcard/idcard-simulator';

const HELP = `Usage: kioskctl sim idcard [--profile NAME] [--pace]

Runs the ID-card reader simulator on a real pseudo-terminal. The first line on
stdout is "port: /path": point the kiosk (or "kioskctl idcard read --port") at it.
It speaks the SAM frame protocol and holds a card you place and lift.

Options:
  --profile NAME  card placed at start (default: none)
  --pace          pace answers like a 115200 baud line (a read then takes ~115 ms)

Commands on stdin, one per line, each answered with one line "ok …" or "error …":
  place NAME      put a card profile on the reader
  lift            take the card off
  fault KIND      ${SIM_FAULTS.join(' | ')}
                  (noCard and silence last until "fault none"; the others hit the next answer)
  unplug          kill the PTY: the kiosk sees the reader disconnect
  replug          bring the PTY back on the same path
  profiles        list the profile names
  quit            stop the simulator

Runs until "quit", SIGINT or SIGTERM.`;

async function execute(sim: IdCardSimulator, line: string): Promise<{ reply: string; quit: boolean }> {
  const [word, arg, ...extra] = line.trim().split(/\s+/);
  const ok = (text: string) => ({ reply: `ok ${text}`, quit: false });
  const error = (text: string) => ({ reply: `error ${text}`, quit: false });
  if (extra.length > 0) return error(`too many arguments for "${word}"`);
  switch (word) {
    case 'place':
      if (!arg) return error('place needs a profile name');
      if (!sim.profiles.includes(arg)) return error(`unknown profile "${arg}" (profiles: ${sim.profiles.join(' ')})`);
      await sim.place(arg);
      return ok(`placed ${arg}`);
    case 'lift':
      await sim.lift();
      return ok('lifted');
    case 'fault':
      if (!arg || !(SIM_FAULTS as readonly string[]).includes(arg)) return error(`fault needs one of: ${SIM_FAULTS.join(' ')}`);
      sim.fault(arg as SimFault);
      return ok(`fault ${arg}`);
    case 'unplug':
      await sim.unplug();
      return ok('unplugged');
    case 'replug':
      await sim.replug();
      return ok(`replugged ${sim.portPath}`);
    case 'profiles':
      return ok(sim.profiles.join(' '));
    case 'quit':
      return { reply: 'ok bye', quit: true };
    default:
      return error(`unknown command "${word ?? ''}" (place, lift, fault, unplug, replug, profiles, quit)`);
  }
}

function serve(sim: IdCardSimulator, io: CommandIo): Promise<void> {
  return serveControlLines(io, (line) => execute(sim, line));
}

export const simIdcardCommand: Command = {
  path: ['sim', 'idcard'],
  summary: 'run the ID-card reader simulator on a pseudo-terminal',
  help: HELP,
  options: {
    profile: { type: 'string' },
    pace: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const profile = typeof values.profile === 'string' ? values.profile : undefined;
    let sim: IdCardSimulator;
    try {
      sim = await startIdCardSimulator({ profile, paceBaud: values.pace ? 115200 : null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.startsWith('unknown profile')) throw new UsageError(message);
      io.err(`kioskctl sim idcard: ${message}`);
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
