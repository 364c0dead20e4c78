import { describe, expect, it } from 'vitest';
import { prng } from '../../../../shared/prng';
import { resolveWave } from '../../../../backend/console/rollouts/wave-resolution';
import { signedBundle } from './bundle-fixtures';
import { publishedKiosks, rig, seededFleet } from './rollout-fixtures';

/**
 * "10 % of a branch" must pick the same kiosks every time the same rollout is
 * looked at (a restart, a second console reading the same database), and
 * other kiosks for another rollout, so the same few kiosks are not always the
 * first to get every change.
 */
const fleet = seededFleet(31, 5, 500);
const branch = 'BRANCH-03';
const inBranch = fleet.filter((k) => k.branchId === branch);
const spec = { kind: 'percentOfBranch', branchId: branch, percent: 10 } as const;
const ids = (list: { kioskId: string }[]) => list.map((k) => k.kioskId).sort();

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('percentOfBranch', () => {
  it('takes ceil(N %) of the branch, the same kiosks whatever order the console lists its fleet in', () => {
    const picked = resolveWave(spec, fleet, { all: true }, new Set(), 7);
    expect(picked).toHaveLength(Math.ceil(inBranch.length / 10));
    expect(picked.every((k) => k.branchId === branch)).toBe(true);
    for (const seed of [1, 2, 3]) expect(ids(resolveWave(spec, shuffled(fleet, seed), { all: true }, new Set(), 7))).toEqual(ids(picked));
  });

  it('picks other kiosks for another rollout', () => {
    const a = ids(resolveWave(spec, fleet, { all: true }, new Set(), 7));
    const b = ids(resolveWave(spec, fleet, { all: true }, new Set(), 8));
    expect(b).not.toEqual(a);
  });

  it('skips kiosks an earlier wave took and still takes N % of the branch', () => {
    const first = resolveWave(spec, fleet, { all: true }, new Set(), 7);
    const taken = new Set(first.slice(0, 2).map((k) => k.kioskId));
    const again = resolveWave(spec, fleet, { all: true }, taken, 7);
    expect(again).toHaveLength(first.length);
    expect(again.some((k) => taken.has(k.kioskId))).toBe(false);
  });

  it('one rollout in two consoles on the same fleet sends to the same kiosks', async () => {
    const sent: string[][] = [];
    for (const order of [fleet, shuffled(fleet, 9)]) {
      const r = rig(order);
      await r.engine.create({ bundle: signedBundle(2), waves: [spec], silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a');
      sent.push(publishedKiosks(r.published).sort());
    }
    expect(sent[0]).toHaveLength(Math.ceil(inBranch.length / 10));
    expect(sent[1]).toEqual(sent[0]);
  });
});
