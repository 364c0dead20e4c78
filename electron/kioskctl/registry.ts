import type { Command } from './command';
import { idcardReadCommand } from './commands/idcard-read';
import { simIdcardCommand } from './commands/sim-idcard';

/** Every kioskctl command; add yours here (one file per command under `commands/`). */
export const commands: Command[] = [idcardReadCommand, simIdcardCommand];
