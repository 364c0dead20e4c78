import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Exit codes are a public interface (technicians' scripts branch on them).
 * Add new ones; never renumber.
 */
export const EXIT = {
  ok: 0,
  /** Generic failure, or "nothing there" where a command documents it (e.g. no card before the timeout). */
  failure: 1,
  notFound: 2,
  /** The input was understood and refused (a tax rule, an overlapping stock range, an invalid file). Same number as notFound. */
  refused: 2,
  deviceError: 3,
  protocolError: 4,
  usage: 64,
} as const;

export type ParsedOptions = ParseArgsConfig['options'];

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Lines typed on stdin, for interactive commands (simulators). */
  stdin: NodeJS.ReadableStream;
  /** Resolves when the user or a test asks the command to stop (SIGINT/SIGTERM). */
  stopSignal: AbortSignal;
}

export interface Command {
  /** Words that select it: `['idcard', 'read']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Full help text printed by `--help`. */
  readonly help: string;
  readonly options: NonNullable<ParsedOptions>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: CommandIo): Promise<number>;
}

/** What parseArgs gives for one declared option: a string, a boolean, or a list of either when `multiple`. */
type OptionValue<D> = D extends { type: 'boolean' } ? (D extends { multiple: true } ? boolean[] : boolean) : D extends { multiple: true } ? string[] : string;

/** The parsed flags of a command, typed from its own `options` declaration. */
export type OptionValues<O extends NonNullable<ParsedOptions>> = { readonly [K in keyof O]?: OptionValue<O[K]> };

export interface CommandSpec<O extends NonNullable<ParsedOptions>> extends Omit<Command, 'run' | 'options'> {
  readonly options: O;
  run(values: OptionValues<O>, positionals: string[], io: CommandIo): Promise<number>;
}

/**
 * Declares a command whose `run` sees its flags typed from its options
 * (`values['data-dir']` is `string | undefined`, `values.json` a boolean),
 * instead of a loose record every command re-checks with typeof.
 */
export function defineCommand<const O extends NonNullable<ParsedOptions>>(spec: CommandSpec<O>): Command {
  return {
    path: spec.path,
    summary: spec.summary,
    help: spec.help,
    options: spec.options,
    // parseCommandArgs parsed with exactly these options (strict), so the values have these types.
    run: (values, positionals, io) => spec.run(values as OptionValues<O>, positionals, io),
  };
}

export class UsageError extends Error {}

/**
 * `--dy -2.0` reads naturally to a technician, but node's parseArgs takes
 * `-2.0` for a flag. A negative number right after a string option is its value.
 */
export function joinNegativeValues(options: NonNullable<ParsedOptions>, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Parses a command's flags, strictly: unknown flags and a flag given twice
 * are usage errors (64). node's parseArgs keeps the last of a repeated flag,
 * which turned `stock load --to 00000002 --to 99999999` into 99,999,999
 * forms (issue 14); a flag declared `multiple` may repeat.
 */
export function parseCommandArgs(command: Command, argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(command.options, argv), options: command.options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || command.options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give each flag once`);
    seen.add(token.name);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

export function intOption(values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  }
  return n;
}
