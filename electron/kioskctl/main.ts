import { commands } from './registry';
import { DatabaseSchemaError } from '../host/db/database';
import { EXIT, UsageError, parseCommandArgs, type Command, type CommandIo } from './command';

/**
 * kioskctl: the technicians' and administrators' tool. Its commands, flags,
 * JSON fields and exit codes are a public interface: keep them stable.
 */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: { command: Command; rest: string[] } | null = null;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((word, i) => argv[i] === word)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return [
    'kioskctl: diagnostics and administration for the tax kiosk',
    '',
    'Usage: kioskctl <command> [options]   (kioskctl <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Common options: --data-dir DIR (or KIOSK_DATA_DIR), --json for machine output.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`kioskctl: unknown command "${argv.join(' ')}"\n\n${overview()}`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    return await command.run(values as Record<string, string | boolean | undefined>, positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kioskctl ${command.path.join(' ')}: ${error.message}\n\n${command.help}`);
      return EXIT.usage;
    }
    if (error instanceof DatabaseSchemaError) {
      // No database where one was expected, or one this tool must not touch: refused, nothing changed.
      io.err(`kioskctl ${command.path.join(' ')}: ${error.message}`);
      return EXIT.refused;
    }
    throw error;
  }
}
