import type { Command } from '../command';
import { outboxRetryCommand } from './outbox-retry';
import { outboxStatusCommand } from './outbox-status';
import { syncCommand } from './sync';

/** The backend queue: delivering the outbox and looking after it (electron/host/sync). */
export const syncCommands: Command[] = [outboxStatusCommand, outboxRetryCommand, syncCommand];
