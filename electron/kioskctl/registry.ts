import type { Command } from './command';

/** Every kioskctl command; add yours here (one file per command under `commands/`). */
export const commands: Command[] = [];
