import { describe, expect, it } from 'vitest';
import type { RolloutState, WaveSpec } from '../../../../shared/fleet/console-api';
import { prng } from '../../../../shared/prng';
import { signedBundle } from './bundle-fixtures';
import { rig, seededFleet, type Rig } from './rollout-fixtures';

/**
 * Whatever heartbeats, timer ticks, resumes, aborts and broker outages come in
 * whatever order, no kiosk is ever sent the same rollout twice, a halted or
 * aborted rollout sends nothing, and once every kiosk applies, every rollout
 * still running completes. Each seed replays one sequence.
 */
const SEEDS = Array.from({ length: 25 }, (_, i) => 1000 + i);
const STEPS = 80;

function randomWaves(random: () => number, r: Rig): WaveSpec[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const branches = [...new Set(r.fleet.map((k) => k.branchId))];
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, (): WaveSpec => {
    const kind = pick(['kiosks', 'percentOfBranch', 'branch', 'all'] as const);
    if (kind === 'kiosks') return { kind, kioskIds: [pick(r.fleet).kioskId, pick(r.fleet).kioskId] };
    if (kind === 'percentOfBranch') return { kind, branchId: pick(branches), percent: 1 + Math.floor(random() * 60) };
    if (kind === 'branch') return { kind, branchId: pick(branches) };
    return { kind };
  });
}

describe('rollouts under random sequences of heartbeats, ticks, resumes, aborts and broker outages', () => {
  it.each(SEEDS)('seed %i: no kiosk is sent a rollout twice, and nothing is sent while halted or aborted', async (seed) => {
    const random = prng(seed);
    const r = rig(seededFleet(seed, 3, 60));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    let version = 0;
    const rollouts: { id: number; version: number; body: Buffer }[] = [];
    const sentTo = (body: Buffer) => r.published.filter((p) => p.body.equals(body)).map((p) => p.routingKey);

    for (let step = 0; step < STEPS; step++) {
      const before = new Map(rollouts.map((x) => [x.id, { state: r.engine.get(x.id)?.state as RolloutState, sent: sentTo(x.body).length }]));
      const roll = random();
      if (roll < 0.1) {
        const body = signedBundle(++version);
        const created = await r.engine
          .create(
            { bundle: body, waves: randomWaves(random, r), silentAfterSeconds: 60 + Math.floor(random() * 600), maxSilentPercent: Math.floor(random() * 50) },
            'admin',
          )
          .catch(() => null);
        if (created) rollouts.push({ id: created.id, version, body });
      } else if (roll < 0.55 && version > 0) {
        const kiosk = pick(r.fleet);
        const v = 1 + Math.floor(random() * version);
        if (random() < 0.8) r.engine.onHeartbeat(r.beat(kiosk, v));
        else r.engine.onHeartbeat(r.beat(kiosk, v - 1, { version: v, reason: 'stockRefused: seeded' }));
      } else if (roll < 0.8) {
        r.advance(Math.floor(random() * 700));
        await r.engine.tick();
      } else if (roll < 0.88 && rollouts.length > 0) {
        await r.engine.resume(pick(rollouts).id, 'admin').catch(() => null);
      } else if (roll < 0.93 && rollouts.length > 0) {
        await r.engine.abort(pick(rollouts).id, 'admin').catch(() => null);
      } else {
        r.brokerDown.value = !r.brokerDown.value;
      }

      for (const x of rollouts) {
        const keys = sentTo(x.body);
        expect(new Set(keys).size, `rollout ${x.id} sent twice to a kiosk at step ${step}`).toBe(keys.length);
        const was = before.get(x.id);
        // A rollout halted or aborted before this step sends nothing in it, unless this step resumed it.
        if (was && was.state === 'aborted') expect(keys.length).toBe(was.sent);
        if (was && was.state === 'halted' && r.actions.at(-1)?.action !== 'rollout.resume') expect(keys.length).toBe(was.sent);
        const targets = new Set(r.engine.targets(x.id)?.map((t) => `kiosk.${t.kioskId}`));
        expect(keys.every((k) => targets.has(k))).toBe(true);
      }
    }

    // The broker back and every kiosk at the newest version: whatever still runs completes.
    r.brokerDown.value = false;
    for (let round = 0; round < 8; round++) {
      for (const kiosk of r.fleet) r.engine.onHeartbeat(r.beat(kiosk, version));
      r.advance(1);
      await r.engine.tick();
    }
    for (const x of rollouts) expect(['completed', 'halted', 'aborted']).toContain(r.engine.get(x.id)?.state);
  });
});
