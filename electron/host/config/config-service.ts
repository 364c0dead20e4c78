import type { LocalConfig } from '../../../shared/config/local-config';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { ActiveConfig } from './active-config';
import { pinnedKeysOrNone } from './bundle-keys';
import { applyConfigBundle, applyConfigFile, type ApplyContext, type ApplyOutcome } from './config-apply';

/**
 * The host's config: the effective config with its change notification, and
 * the apply entry point for a bundle from a file (USB, diagnostics mode) or
 * the broker (`source: 'amqp'`, for the delivery work). Pinned keys are read
 * at each apply, so a rotation (a key file added or removed) needs no restart.
 */
export interface ConfigServiceDeps {
  db: Db;
  dataDir: string;
  local: LocalConfig;
  audit: AuditLog;
  log: Logger;
  now?: () => Date;
}

/** How often the host looks for an apply made by another process (kioskctl). */
export const CONFIG_WATCH_MS = 2000;

export class ConfigService {
  readonly active: ActiveConfig;
  /** Told of every refusal made through this service (the heartbeat reports it within seconds). */
  private readonly refusedListeners = new Set<() => void>();

  constructor(private readonly deps: ConfigServiceDeps) {
    this.active = new ActiveConfig(deps.db, deps.local, {
      now: deps.now,
      onListenerError: (error) => deps.log.error({ err: error }, 'config change listener failed'),
    });
  }

  /** A bundle file (USB): read within bounds, never whole whatever its size (config-apply.ts applyConfigFile). */
  onRefused(listener: () => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  applyFile(file: string, actor = 'technician'): ApplyOutcome {
    return this.report(applyConfigFile(file, this.applyContext('file', actor)));
  }

  applyBytes(bytes: Buffer, source: string, actor = 'kiosk'): ApplyOutcome {
    return this.report(applyConfigBundle(bytes, this.applyContext(source, actor)));
  }

  private applyContext(source: string, actor: string): ApplyContext {
    const { db, audit, local } = this.deps;
    return {
      db,
      audit,
      keys: pinnedKeysOrNone(this.deps.dataDir, (detail) => this.deps.log.error({ event: 'config.keys', detail }, 'pinned config keys unusable')),
      kiosk: { kioskId: local.kioskId, branchId: local.branchId },
      source,
      actor,
      now: this.deps.now,
    };
  }

  private report(outcome: ApplyOutcome): ApplyOutcome {
    const { log } = this.deps;
    if (outcome.outcome === 'applied') {
      log.info(
        {
          event: 'config.applied',
          version: outcome.version,
          previous: outcome.previousVersion,
          hash: outcome.hash,
          keyId: outcome.keyId,
          sections: outcome.sections,
        },
        'config bundle applied',
      );
      this.active.refresh();
    } else {
      log.warn({ event: 'config.refused', reason: outcome.reason, version: outcome.version, detail: outcome.detail }, 'config bundle refused');
      for (const listener of this.refusedListeners) {
        try {
          listener();
        } catch (error) {
          log.error({ err: error }, 'config refusal listener failed');
        }
      }
    }
    return outcome;
  }
}
