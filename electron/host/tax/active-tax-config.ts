import { defaultTaxConfig, type TaxConfig } from '../../../shared/config/tax-config';

/**
 * The tax config in force on this kiosk. For now the defaults of
 * tax-rules.md; the config-push work will read the administrators' signed
 * config from `dataDir` here (verify the signature, pick the newest version
 * whose effectiveFrom has come, parse with TaxConfig) so callers need not change.
 * Async because that will be a file read.
 */
export async function loadActiveTaxConfig(_dataDir: string): Promise<TaxConfig> {
  return defaultTaxConfig();
}
