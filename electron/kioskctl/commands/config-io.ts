import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../command';
import { resolveDataDir } from '../../host/data-dir';

/** Shared plumbing of the config, keys and audit commands. */
export function dataDirOf(values: Record<string, string | boolean | undefined>): string {
  return resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
}

export function requiredString(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** Who ran the command, for audit entries: `kioskctl:<os user>`. */
export function kioskctlActor(): string {
  return `kioskctl:${os.userInfo().username}`;
}

export class FileInputError extends Error {}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new FileInputError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FileInputError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Write-then-rename: a reader (or a USB stick pulled) never sees half a file. */
export function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
