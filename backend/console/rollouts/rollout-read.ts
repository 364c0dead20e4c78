import type Database from 'better-sqlite3';
import { ConfigTarget } from '../../../shared/config/config-bundle';
import { RolloutState, TargetState, WaveSpec, type Rollout, type RolloutTarget } from '../../../shared/fleet/console-api';
import { HaltPart, refusalCodeOf } from '../../../shared/fleet/console-codes';

/**
 * Reading the rollout tables (rollout-migrations.ts) into the console API's
 * shapes (shared/fleet/console-api.ts). JSON columns are parsed with the
 * contract's schemas on the way out: the database is ours, but a row written
 * by a newer build must fail here, loudly, not reach the page half-read.
 */
export interface RolloutRow {
  id: number;
  config_version: number;
  bundle_hash: string;
  bundle: Buffer;
  target: string;
  state: string;
  halt_reason: string | null;
  /** JSON HaltPart[]; null when there is no halt reason, or for a rollout halted before migration 101. */
  halt_detail: string | null;
  created_by: string;
  created_at: string;
  silent_after_seconds: number;
  max_silent_percent: number;
  current_wave: number;
}

interface WaveRow {
  idx: number;
  spec: string;
  started_at: string | null;
}

export function rolloutRow(db: Database.Database, id: number): RolloutRow | null {
  return (db.prepare('SELECT * FROM rollouts WHERE id = ?').get(id) as RolloutRow | undefined) ?? null;
}

export function targetOf(row: RolloutRow): ConfigTarget {
  return ConfigTarget.parse(JSON.parse(row.target));
}

export function waveSpecs(db: Database.Database, rolloutId: number): WaveSpec[] {
  const rows = db.prepare('SELECT idx, spec, started_at FROM rollout_waves WHERE rollout_id = ? ORDER BY idx').all(rolloutId) as WaveRow[];
  return rows.map((w) => WaveSpec.parse(JSON.parse(w.spec)));
}

export function emptyCounts(): Record<TargetState, number> {
  return { pending: 0, applied: 0, refused: 0, silent: 0 };
}

export function readRollout(db: Database.Database, row: RolloutRow): Rollout {
  const waves = db.prepare('SELECT idx, spec, started_at FROM rollout_waves WHERE rollout_id = ? ORDER BY idx').all(row.id) as WaveRow[];
  const counts = db.prepare('SELECT wave, state, count(*) AS n FROM rollout_targets WHERE rollout_id = ? GROUP BY wave, state').all(row.id) as {
    wave: number;
    state: string;
    n: number;
  }[];
  return {
    id: row.id,
    configVersion: row.config_version,
    bundleHash: row.bundle_hash,
    state: RolloutState.parse(row.state),
    haltReason: row.halt_reason,
    haltDetail: haltDetailOf(row),
    createdBy: row.created_by,
    createdAt: row.created_at,
    silentAfterSeconds: row.silent_after_seconds,
    maxSilentPercent: row.max_silent_percent,
    currentWave: row.current_wave,
    waves: waves.map((w) => {
      const waveCounts = emptyCounts();
      for (const c of counts) if (c.wave === w.idx) waveCounts[TargetState.parse(c.state)] = c.n;
      return { index: w.idx, spec: WaveSpec.parse(JSON.parse(w.spec)), startedAt: w.started_at, counts: waveCounts };
    }),
  };
}

export function readTargets(db: Database.Database, rolloutId: number, state?: TargetState): RolloutTarget[] {
  const rows = (
    state === undefined
      ? db.prepare('SELECT kiosk_id, wave, state, reason, at FROM rollout_targets WHERE rollout_id = ? ORDER BY wave, kiosk_id').all(rolloutId)
      : db
          .prepare('SELECT kiosk_id, wave, state, reason, at FROM rollout_targets WHERE rollout_id = ? AND state = ? ORDER BY wave, kiosk_id')
          .all(rolloutId, state)
  ) as { kiosk_id: string; wave: number; state: string; reason: string | null; at: string | null }[];
  return rows.map((t) => ({
    kioskId: t.kiosk_id,
    wave: t.wave,
    state: TargetState.parse(t.state),
    reason: t.reason,
    reasonCode: refusalCodeOf(t.reason),
    at: t.at,
  }));
}

function haltDetailOf(row: RolloutRow): HaltPart[] | null {
  if (row.halt_detail !== null) return HaltPart.array().parse(JSON.parse(row.halt_detail));
  return row.halt_reason === null ? null : [{ code: 'other', text: row.halt_reason }];
}
