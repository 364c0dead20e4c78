import type { LocalConfig } from '../../../shared/config/local-config';
import type { ServicesSection, TextsSection } from '../../../shared/config/config-bundle';
import type { TaxConfig } from '../../../shared/config/tax-config';
import type { ConfigView } from '../../../shared/contract/services/config';
import { translateWith, type Lang, type MessageKey, type ParamsArg } from '../../../shared/i18n';
import type { Db } from '../db/database';
import { appliedBundle, readActiveTaxConfig, readAppliedSections } from './config-store';

/**
 * The config in force in the host: kiosk.json with the applied bundles laid
 * over it, and a change notification, so rates, texts, timeouts, services and
 * the device map take effect without a restart.
 *
 * `refresh()` re-reads when the applied version changed (after an apply in
 * this process, or — through `watch` — one made by `kioskctl config apply` in
 * another process on the same database) and tells the listeners. Tax rates are
 * read per call instead (`taxConfig()`), because a pushed rate may wait for its
 * effectiveFrom date: the quote after midnight must see it with no apply at all.
 */
export interface EffectiveConfig {
  /** The applied bundle's version and hash; null before the first bundle. */
  version: number | null;
  hash: string | null;
  /** Named as the bundle section that sets them (kiosk.json calls them `session`). */
  timeouts: LocalConfig['session'];
  /** Named as the bundle section that sets it (kiosk.json calls it `devices`). */
  deviceMap: LocalConfig['devices'];
  services: ServicesSection;
  /** Text overrides per language, laid over the catalogues by whoever shows the text. */
  texts: TextsSection;
}

export type ConfigListener = (config: EffectiveConfig, previous: EffectiveConfig) => void;

const ALL_SERVICES_ON: ServicesSection = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };

export class ActiveConfig {
  private state: EffectiveConfig;
  private readonly listeners = new Set<ConfigListener>();
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly local: LocalConfig,
    options: { now?: () => Date; onListenerError?: (error: unknown) => void } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.onListenerError = options.onListenerError ?? (() => {});
    this.state = this.read();
  }

  private readonly onListenerError: (error: unknown) => void;

  current(): EffectiveConfig {
    return this.state;
  }

  timeouts(): LocalConfig['session'] {
    return this.state.timeouts;
  }

  /** What the screen is told (`config.get`, `config.changed`). */
  view(): ConfigView {
    const { version, services, texts, timeouts } = this.state;
    return { version, services, texts, elderlyDefault: timeouts.elderlyByDefault, timeZone: this.local.timeZone };
  }

  /** A catalogue text with the applied overrides laid over it: the lookup of what the host prints. */
  text<K extends MessageKey>(lang: Lang, key: K, ...args: ParamsArg<K>): string {
    return translateWith(this.state.texts, lang, key, ...args);
  }

  /** The tax config in force now (see the class comment: read per call). */
  taxConfig(): TaxConfig {
    return readActiveTaxConfig(this.db, this.now());
  }

  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads if the applied version changed; true (and listeners told) when it did. */
  refresh(): boolean {
    const head = appliedBundle(this.db);
    if ((head?.version ?? null) === this.state.version && (head?.hash ?? null) === this.state.hash) return false;
    const previous = this.state;
    this.state = this.read();
    for (const listener of this.listeners) {
      try {
        listener(this.state, previous);
      } catch (error) {
        this.onListenerError(error);
      }
    }
    return true;
  }

  /** Polls for applies made by another process; returns the stop function. */
  watch(intervalMs: number): () => void {
    const timer = setInterval(() => this.refresh(), intervalMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private read(): EffectiveConfig {
    const head = appliedBundle(this.db);
    const sections = readAppliedSections(this.db);
    return {
      version: head?.version ?? null,
      hash: head?.hash ?? null,
      timeouts: { ...this.local.session, ...definedOnly(sections.timeouts ?? {}) },
      deviceMap: { ...this.local.devices, ...definedOnly(sections.deviceMap ?? {}) },
      services: sections.services ?? ALL_SERVICES_ON,
      texts: sections.texts ?? {},
    };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
