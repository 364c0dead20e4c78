import crypto from 'node:crypto';
import { targetMatches, type ConfigTarget } from '../../../shared/config/config-bundle';
import type { WaveSpec } from '../../../shared/fleet/console-api';

/** A kiosk the console knows, as the rollout engine is told it. */
export interface FleetKiosk {
  kioskId: string;
  branchId: string;
}

/**
 * Which kiosks a wave sends the bundle to, decided when the wave starts (a
 * kiosk first seen after the rollout was created still gets a later "all"
 * wave). Only kiosks the bundle's own signed target covers: any other would
 * refuse it as wrongTarget and halt the rollout for nothing. Kiosks an earlier
 * wave already targeted are left out, so no wave sends a kiosk the bundle twice.
 */
export function resolveWave(
  spec: WaveSpec,
  fleet: readonly FleetKiosk[],
  target: ConfigTarget,
  alreadyTargeted: ReadonlySet<string>,
  rolloutId: number,
): FleetKiosk[] {
  const covered = uniqueByKiosk(fleet).filter((k) => targetMatches(target, k).ok);
  const fresh = (k: FleetKiosk) => !alreadyTargeted.has(k.kioskId);
  switch (spec.kind) {
    case 'kiosks': {
      const named = new Set(spec.kioskIds);
      return covered.filter((k) => named.has(k.kioskId) && fresh(k));
    }
    case 'branch':
      return covered.filter((k) => k.branchId === spec.branchId && fresh(k));
    case 'all':
      return covered.filter(fresh);
    case 'percentOfBranch': {
      // N % of the whole branch, picked in an order fixed by the rollout id (the same rollout
      // always picks the same kiosks; another rollout picks others), skipping those an earlier
      // wave took: 10 % of 20 kiosks is 2 kiosks, whether or not a canary stood among them.
      const branch = covered.filter((k) => k.branchId === spec.branchId);
      const count = Math.ceil((branch.length * spec.percent) / 100);
      return [...branch]
        .sort((a, b) => compare(pickOrder(rolloutId, a.kioskId), pickOrder(rolloutId, b.kioskId)) || compare(a.kioskId, b.kioskId))
        .filter(fresh)
        .slice(0, count);
    }
  }
}

/** Why a wave cannot be part of a rollout of a bundle with this target, in this fleet; null when it can. */
export function waveProblem(spec: WaveSpec, fleet: readonly FleetKiosk[], target: ConfigTarget): string | null {
  const known = new Map(fleet.map((k) => [k.kioskId, k]));
  if (spec.kind === 'kiosks') {
    for (const id of spec.kioskIds) {
      const kiosk = known.get(id);
      if (!kiosk) return `kiosk ${id} is not known to the console`;
      const match = targetMatches(target, kiosk);
      if (!match.ok) return `kiosk ${id} is not a target of the bundle (it is ${match.detail})`;
    }
    return null;
  }
  if (spec.kind === 'branch' || spec.kind === 'percentOfBranch') {
    const inBranch = fleet.filter((k) => k.branchId === spec.branchId);
    if (inBranch.length === 0) return `branch ${spec.branchId} has no kiosk known to the console`;
    if (!inBranch.some((k) => targetMatches(target, k).ok)) return `branch ${spec.branchId} is not a target of the bundle`;
  }
  return null;
}

function pickOrder(rolloutId: number, kioskId: string): string {
  return crypto.createHash('sha256').update(`${rolloutId}:${kioskId}`).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueByKiosk(fleet: readonly FleetKiosk[]): FleetKiosk[] {
  const seen = new Map<string, FleetKiosk>();
  for (const k of fleet) if (!seen.has(k.kioskId)) seen.set(k.kioskId, k);
  return [...seen.values()];
}
