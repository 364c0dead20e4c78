import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { FileInputError, readBoundedText } from '../../host/bounded-file';
import { MAX_SIGNED_FILE_BYTES } from '../../host/config/bundle-signature';

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

export { FileInputError };

/**
 * An administrator's JSON input (config build --in, config sign --in): a
 * regular file of at most `maxBytes`, strict UTF-8 (bounded-file.ts). A bundle
 * is at most MAX_SIGNED_FILE_BYTES signed, so its input is too.
 */
export function readJsonFile(file: string, maxBytes: number = MAX_SIGNED_FILE_BYTES): unknown {
  const text = readBoundedText(file, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FileInputError('notJson', `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Write-then-rename: a reader (or a USB stick pulled) never sees half a file. */
export function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
