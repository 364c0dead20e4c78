import type { ConfigPayload } from '../../../shared/config/config-bundle';
import type { TaxConfig } from '../../../shared/config/tax-config';
import type { EffectiveConfig } from './active-config';

/**
 * The config in force, as the sections of a bundle: the same names and shapes
 * `kioskctl config build --in` takes (shared/config/config-bundle.ts), so what
 * a kiosk shows can be edited and built without renaming anything.
 * invoiceStock is not a setting but a delivery (its ranges are added), so it
 * has no "in force" value and is left out.
 */
export type SectionsInForce = Required<Omit<ConfigPayload, 'invoiceStock'>>;

export function sectionsInForce(config: EffectiveConfig, taxRates: TaxConfig): SectionsInForce {
  return {
    taxRates,
    texts: config.texts,
    timeouts: config.timeouts,
    services: config.services,
    deviceMap: config.deviceMap,
  };
}
