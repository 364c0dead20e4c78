import fs from 'node:fs';

/**
 * The one way a file from outside is read (issue 14: `config build --in
 * /dev/zero` grew to 16.8 GB; `config verify` read a 600 MB file whole before
 * its 4 MiB check). Every file input — kioskctl's --in/--records/SIGNED, keys,
 * kiosk.json, a bundle from USB — goes through here:
 *
 * - regular files only: a device (/dev/zero), a FIFO (which would block the
 *   open), a socket or a folder is refused. The file is opened non-blocking
 *   and checked with fstat on the descriptor, so a path swapped between a
 *   check and the open cannot slip a FIFO in;
 * - the size is checked before reading;
 * - the read itself stops one byte past the limit, so a file that grows while
 *   it is read, or a /proc-like file that reports size 0, is still bounded;
 * - text is decoded as strict UTF-8 (TextDecoder `fatal`): invalid bytes are
 *   refused, never turned into U+FFFD and then signed and applied.
 */
export type FileInputProblem = 'unreadable' | 'notRegular' | 'tooLarge' | 'notUtf8' | 'notJson';

export class FileInputError extends Error {
  constructor(
    readonly problem: FileInputProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileInputError';
  }
}

const CHUNK = 64 * 1024;

export function readBoundedFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (error) {
    throw new FileInputError('unreadable', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileInputError('notRegular', `${file} is not a regular file (${kindOf(stat)}); only regular files are read`);
    if (stat.size > maxBytes) throw new FileInputError('tooLarge', `${file} is ${stat.size} bytes; the limit is ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new FileInputError('tooLarge', `${file} is more than ${maxBytes} bytes (it grew while read); the limit is ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof FileInputError) throw error;
    throw new FileInputError('unreadable', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Strict UTF-8: a byte sequence that is not UTF-8 is refused with its offset, never replaced. */
export function decodeUtf8Strict(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileInputError('notUtf8', `${what} is not UTF-8 text (first invalid byte at offset ${firstInvalidUtf8(bytes)})`);
  }
}

export function readBoundedText(file: string, maxBytes: number): string {
  return decodeUtf8Strict(readBoundedFile(file, maxBytes), file);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence (for the message only). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlongs, surrogates and values past U+10FFFF: let the decoder say it; point at the lead byte.
    if (need > 0) {
      const slice = bytes.subarray(i, i + need + 1);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(slice);
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return bytes.length;
}
