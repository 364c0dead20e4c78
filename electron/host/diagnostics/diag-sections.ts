import type { Db } from '../db/database';
import type { DiagSection } from './diag-bundle';

/**
 * The sections other parts of the kiosk add to the diagnostics bundle
 * (outbox summary, audit entries, applied config version). One list, so the
 * command and the diagnostics screen export the same bundle.
 */
export function diagSections(_db: Db): DiagSection[] {
  return [];
}
