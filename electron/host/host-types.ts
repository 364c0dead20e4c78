import type { EventHub, Router } from '../../shared/contract';
import type { LocalConfig } from '../../shared/config/local-config';
import type { Logger } from './logger';

export type ShellKind = 'electron' | 'chromium';

export interface HostOptions {
  /** Data directory: database, logs, local config (`kiosk.json`). */
  dataDir: string;
  shell: ShellKind;
  /** Overrides applied over `kiosk.json` (tests, command-line flags). */
  configOverrides?: Partial<LocalConfig>;
}

/** Everything the main process does, in plain Node; shells only bind it to a window. */
export interface KioskHost {
  readonly router: Router;
  readonly events: EventHub;
  readonly config: LocalConfig;
  readonly log: Logger;
  start(): Promise<void>;
  stop(): Promise<void>;
}
