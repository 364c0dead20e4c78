import { defaultTaxConfig, type TaxConfig } from '../../../shared/config/tax-config';
import { readActiveTaxConfig, readExistingDb } from '../config/config-store';

/**
 * The tax config in force on this kiosk: the rates of the newest applied
 * config bundle whose effectiveFrom has come (electron/host/config), else the
 * defaults of docs/tax-rules.md. Read from the database at every call, so a bundle
 * applied a moment ago (by the host or by `kioskctl config apply`) is used by
 * the next quote without a restart. Never creates a data directory.
 */
export async function loadActiveTaxConfig(dataDir: string, at: Date = new Date()): Promise<TaxConfig> {
  return readExistingDb(dataDir, (db) => readActiveTaxConfig(db, at), defaultTaxConfig);
}
