import { z } from 'zod';
import type { Db } from '../db/database';
import type { LockoutState } from './technician-pin';

/**
 * The technician-PIN lockout in SQLite (`diagnostics_lockout`, migration 5):
 * a power cycle must not give a guesser five more tries.
 */
const Row = z.object({ failures: z.number().int().min(0), locked_until: z.number().int().nullable() });

export function loadLockout(db: Db): LockoutState {
  const raw = db.prepare('SELECT failures, locked_until FROM diagnostics_lockout WHERE id = 1').get();
  if (raw === undefined) return { failures: 0, lockedUntil: null };
  const row = Row.parse(raw);
  return { failures: row.failures, lockedUntil: row.locked_until };
}

export function saveLockout(db: Db, state: LockoutState): void {
  db.prepare(
    `INSERT INTO diagnostics_lockout (id, failures, locked_until) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  ).run(state.failures, state.lockedUntil);
}
