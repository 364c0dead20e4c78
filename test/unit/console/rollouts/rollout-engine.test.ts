import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/host/db/database';
import { ROLLOUT_MIGRATIONS } from '../../../../backend/console/rollouts/rollout-migrations';
import { readRollout, rolloutRow } from '../../../../backend/console/rollouts/rollout-read';
import { Rollout, RolloutTarget, type WaveSpec } from '../../../../shared/fleet/console-api';
import { RolloutError } from '../../../../backend/console/rollouts/rollout-engine';
import { FIXTURE_V7, signedBundle } from './bundle-fixtures';
import { kioskOf, publishedKiosks, rig, seededFleet, type Rig } from './rollout-fixtures';

/**
 * The rollout engine with an in-memory database, a recording publish and a
 * clock the test moves: what an administrator watching the rollout page
 * would see (states, counts, halt reasons) and what kiosks would receive.
 */
const SILENT_AFTER = 600;

/** Every kiosk sent the bundle and not yet answered answers as `respond` says; then the timer runs. */
async function answerAndTick(r: Rig, version: number, respond: (kioskId: string) => 'apply' | { refuse: string } | 'silent', answered: Set<string>) {
  for (const kioskId of publishedKiosks(r.published)) {
    if (answered.has(kioskId)) continue;
    answered.add(kioskId);
    const answer = respond(kioskId);
    const kiosk = kioskOf(r.fleet, kioskId);
    if (answer === 'apply') r.engine.onHeartbeat(r.beat(kiosk, version));
    else if (answer !== 'silent') r.engine.onHeartbeat(r.beat(kiosk, version - 1, { version, reason: answer.refuse }));
  }
  await r.engine.tick();
}

function fourWaves(r: Rig): { waves: WaveSpec[]; canaries: string[]; branch: string } {
  const branch = 'BRANCH-01';
  const canaries = r.fleet
    .filter((k) => k.branchId === branch)
    .slice(0, 2)
    .map((k) => k.kioskId);
  return {
    canaries,
    branch,
    waves: [
      { kind: 'kiosks', kioskIds: canaries },
      { kind: 'percentOfBranch', branchId: branch, percent: 10 },
      { kind: 'branch', branchId: branch },
      { kind: 'all' },
    ],
  };
}

describe('a rollout to 2,000 kiosks in 4 waves', () => {
  it('goes wave by wave and completes once every kiosk applied, each kiosk sent the bundle exactly once', async () => {
    const r = rig(seededFleet(17, 40, 2000));
    const { waves, canaries, branch } = fourWaves(r);
    const bundle = signedBundle(8);
    const created = await r.engine.create({ bundle, waves, silentAfterSeconds: SILENT_AFTER, maxSilentPercent: 5 }, 'admin-a');
    expect(Rollout.parse(created)).toMatchObject({ configVersion: 8, state: 'running', currentWave: 0, createdBy: 'admin-a' });
    // Only the canaries until they answer.
    expect(publishedKiosks(r.published).sort()).toEqual([...canaries].sort());
    await r.engine.tick();
    expect(r.published).toHaveLength(2);

    const answered = new Set<string>();
    const branchSize = r.fleet.filter((k) => k.branchId === branch).length;
    const sentAfterWave: number[] = [];
    for (let step = 0; step < 10 && r.engine.get(created.id)?.state === 'running'; step++) {
      await answerAndTick(r, 8, () => 'apply', answered);
      sentAfterWave.push(r.published.length);
    }
    const done = r.engine.get(created.id);
    expect(done?.state).toBe('completed');
    expect(done?.haltReason).toBeNull();
    expect(done?.waves.map((w) => w.counts.applied)).toEqual([2, Math.ceil(branchSize / 10), branchSize - 2 - Math.ceil(branchSize / 10), 2000 - branchSize]);
    expect(done?.waves.every((w) => w.counts.pending + w.counts.refused + w.counts.silent === 0 && w.startedAt !== null)).toBe(true);
    // Waves started one after the other: 2, then 2 + 10 %, then the branch, then all.
    expect(sentAfterWave.slice(0, 3)).toEqual([2 + Math.ceil(branchSize / 10), branchSize, 2000]);
    // Byte for byte what the administrator signed, to kiosk.<id>, once per kiosk.
    expect(r.published.every((p) => p.body.equals(bundle))).toBe(true);
    expect(new Set(r.published.map((p) => p.routingKey)).size).toBe(2000);
    expect(r.published.every((p) => /^kiosk\.KIOSK-\d{4}$/.test(p.routingKey))).toBe(true);
    expect(r.engine.targets(created.id)?.every((t) => RolloutTarget.parse(t).state === 'applied')).toBe(true);
    expect(r.actions.map((a) => `${a.actor} ${a.action}`)).toEqual(['admin-a rollout.create', 'console rollout.complete']);
    expect(r.engine.targetVersionFor('KIOSK-2000')).toBe(8);
  });

  it('halts at wave 1 when a canary refuses, with its reason, and never sends a later wave', async () => {
    const r = rig(seededFleet(18, 40, 2000));
    const { waves, canaries } = fourWaves(r);
    const rollout = await r.engine.create({ bundle: signedBundle(8), waves, silentAfterSeconds: SILENT_AFTER, maxSilentPercent: 5 }, 'admin-a');
    const [good, bad] = canaries as [string, string];
    await answerAndTick(r, 8, (k) => (k === bad ? { refuse: 'stockRefused: range 037001900111 00000001-00000100 overlaps stock' } : 'apply'), new Set());

    const halted = r.engine.get(rollout.id);
    expect(halted?.state).toBe('halted');
    expect(halted?.haltReason).toBe(`wave 1 of 4: ${bad} refused: stockRefused: range 037001900111 00000001-00000100 overlaps stock`);
    expect(halted?.waves[0]?.counts).toEqual({ pending: 0, applied: 1, refused: 1, silent: 0 });
    expect(halted?.waves.slice(1).every((w) => w.startedAt === null)).toBe(true);
    expect(r.engine.targets(rollout.id, 'refused')).toEqual([
      { kioskId: bad, wave: 0, state: 'refused', reason: expect.stringMatching(/^stockRefused/), reasonCode: 'stockRefused', at: expect.any(String) },
    ]);
    // The same as codes, for the page to say in Chinese or English.
    expect(halted?.haltDetail).toEqual([
      {
        code: 'kioskRefused',
        wave: 1,
        waves: 4,
        kioskId: bad,
        reason: 'stockRefused',
        detail: 'stockRefused: range 037001900111 00000001-00000100 overlaps stock',
      },
    ]);
    expect(r.engine.targets(rollout.id, 'applied')?.map((t) => t.kioskId)).toEqual([good]);
    expect(r.actions.at(-1)).toMatchObject({ actor: 'console', action: 'rollout.halt' });

    // However long nobody looks, nothing more is sent.
    for (let i = 0; i < 5; i++) {
      r.advance(SILENT_AFTER * 2);
      await r.engine.tick();
    }
    expect(publishedKiosks(r.published).sort()).toEqual([...canaries].sort());
  });

  it('resume carries on with the next wave, without sending the halted wave again, and completes', async () => {
    const r = rig(seededFleet(19, 10, 200));
    const { waves, canaries } = fourWaves(r);
    const rollout = await r.engine.create({ bundle: signedBundle(3), waves, silentAfterSeconds: SILENT_AFTER, maxSilentPercent: 5 }, 'admin-a');
    const answered = new Set<string>();
    await answerAndTick(r, 3, (k) => (k === canaries[0] ? { refuse: 'schema: texts.en: too long' } : 'apply'), answered);
    expect(r.engine.get(rollout.id)?.state).toBe('halted');
    await expect(r.engine.abort(999, 'admin-b')).rejects.toMatchObject({ kind: 'notFound' });

    const resumed = await r.engine.resume(rollout.id, 'admin-b');
    expect(resumed).toMatchObject({ state: 'running', haltReason: null, haltDetail: null, currentWave: 1 });
    expect(r.published.length).toBeGreaterThan(2);
    await expect(r.engine.resume(rollout.id, 'admin-b')).rejects.toMatchObject({ kind: 'conflict' });
    for (let step = 0; step < 6 && r.engine.get(rollout.id)?.state === 'running'; step++) await answerAndTick(r, 3, () => 'apply', answered);

    const done = r.engine.get(rollout.id);
    expect(done?.state).toBe('completed');
    expect(done?.waves[0]?.counts.refused).toBe(1);
    expect(r.published).toHaveLength(200);
    expect(new Set(r.published.map((p) => p.routingKey)).size).toBe(200);
    expect(r.actions.map((a) => a.action)).toEqual(['rollout.create', 'rollout.halt', 'rollout.resume', 'rollout.complete']);
    expect(r.actions[2]?.actor).toBe('admin-b');
  });

  it('halts when more kiosks than allowed stay silent past the timeout, and not at the limit itself', async () => {
    const r = rig(seededFleet(20, 2, 40));
    const inBranch = r.fleet.filter((k) => k.branchId === 'BRANCH-02');
    const waves: WaveSpec[] = [{ kind: 'branch', branchId: 'BRANCH-02' }, { kind: 'all' }];
    // 10 % of the branch, rounded down, may be silent; one more halts.
    const allowed = Math.floor(inBranch.length / 10);
    const silent = new Set(inBranch.slice(0, allowed + 1).map((k) => k.kioskId));
    const rollout = await r.engine.create({ bundle: signedBundle(4), waves, silentAfterSeconds: SILENT_AFTER, maxSilentPercent: 10 }, 'admin-a');
    await answerAndTick(r, 4, (k) => (silent.has(k) ? 'silent' : 'apply'), new Set());
    // Before the timeout the silent ones are still pending: the wave is not over.
    expect(r.engine.get(rollout.id)).toMatchObject({ state: 'running', currentWave: 0 });
    r.advance(SILENT_AFTER + 1);
    await r.engine.tick();
    const halted = r.engine.get(rollout.id);
    expect(halted?.state).toBe('halted');
    expect(halted?.haltReason).toContain(`wave 1 of 2: ${allowed + 1} of ${inBranch.length} kiosks silent after 600 s (more than 10 %)`);
    expect(halted?.waves[0]?.counts.silent).toBe(allowed + 1);
    expect(halted?.haltDetail).toEqual([
      {
        code: 'tooManySilent',
        wave: 1,
        waves: 2,
        silent: allowed + 1,
        total: inBranch.length,
        afterSeconds: 600,
        limitPercent: 10,
        kioskIds: [...silent].sort().slice(0, 5),
      },
    ]);

    // One silent kiosk fewer: the same rollout (a new version) goes on to the next wave.
    const r2 = rig(r.fleet);
    const fewer = new Set([...silent].slice(0, allowed));
    const second = await r2.engine.create({ bundle: signedBundle(4), waves, silentAfterSeconds: SILENT_AFTER, maxSilentPercent: 10 }, 'admin-a');
    await answerAndTick(r2, 4, (k) => (fewer.has(k) ? 'silent' : 'apply'), new Set());
    r2.advance(SILENT_AFTER + 1);
    await r2.engine.tick();
    expect(r2.engine.get(second.id)).toMatchObject({ state: 'running', currentWave: 1 });
    // A silent kiosk that applies late is counted applied.
    const late = [...fewer][0];
    if (late !== undefined) {
      r2.engine.onHeartbeat(r2.beat(kioskOf(r2.fleet, late), 4));
      expect(r2.engine.targets(second.id, 'applied')?.some((t) => t.kioskId === late)).toBe(true);
    }
  });

  it('abort stops publishing at once, even in the middle of a wave', async () => {
    const r = rig(seededFleet(21, 4, 100));
    let rolloutId = 0;
    r.afterPublish.hook = () => {
      if (r.published.length === 5) void r.engine.abort(rolloutId, 'admin-c');
    };
    // The id is known before create returns: rollouts are numbered from 1.
    rolloutId = 1;
    const rollout = await r.engine.create(
      { bundle: signedBundle(2), waves: [{ kind: 'all' }], silentAfterSeconds: SILENT_AFTER, maxSilentPercent: 5 },
      'admin-a',
    );
    expect(rollout.id).toBe(1);
    expect(rollout).toMatchObject({ state: 'aborted', haltReason: 'aborted by admin-c', haltDetail: [{ code: 'abortedBy', by: 'admin-c' }] });
    expect(r.published).toHaveLength(5);
    r.advance(SILENT_AFTER * 3);
    await r.engine.tick();
    expect(r.published).toHaveLength(5);
    await expect(r.engine.resume(1, 'admin-a')).rejects.toMatchObject({ kind: 'conflict' });
    await expect(r.engine.abort(1, 'admin-a')).rejects.toMatchObject({ kind: 'conflict' });
    // An aborted rollout wants nothing of its kiosks: they are not "behind".
    expect(r.engine.targetVersionFor(publishedKiosks(r.published)[0] ?? '')).toBeNull();
  });
});

describe('what a rollout sends and to whom', () => {
  it('carries on after a console restart from what its database holds, without sending anyone the bundle again', async () => {
    const r = rig(seededFleet(27, 3, 60));
    const { waves } = fourWaves(r);
    const rollout = await r.engine.create({ bundle: signedBundle(5), waves, silentAfterSeconds: 60, maxSilentPercent: 0 }, 'admin-a');
    const answered = new Set<string>();
    await answerAndTick(r, 5, () => 'apply', answered);
    r.restart();
    for (let step = 0; step < 6 && r.engine.get(rollout.id)?.state === 'running'; step++) await answerAndTick(r, 5, () => 'apply', answered);
    expect(r.engine.get(rollout.id)?.state).toBe('completed');
    expect(r.published).toHaveLength(60);
    expect(new Set(r.published.map((p) => p.routingKey)).size).toBe(60);
  });

  it('a kiosk already at the version or newer counts as applied at once and is not sent the bundle', async () => {
    const r = rig(seededFleet(22, 2, 10));
    const [ahead, same, behind] = r.fleet as [(typeof r.fleet)[0], (typeof r.fleet)[0], (typeof r.fleet)[0]];
    r.engine.onHeartbeat(r.beat(ahead, 9));
    r.engine.onHeartbeat(r.beat(same, 5));
    r.engine.onHeartbeat(r.beat(behind, 4));
    const rollout = await r.engine.create(
      {
        bundle: signedBundle(5),
        waves: [{ kind: 'kiosks', kioskIds: [ahead.kioskId, same.kioskId, behind.kioskId] }],
        silentAfterSeconds: 60,
        maxSilentPercent: 0,
      },
      'admin-a',
    );
    expect(publishedKiosks(r.published)).toEqual([behind.kioskId]);
    expect(rollout.waves[0]?.counts).toEqual({ pending: 1, applied: 2, refused: 0, silent: 0 });
    // The kiosk refuses a second delivery as a rollback after applying: still applied.
    r.engine.onHeartbeat(r.beat(behind, 5, { version: 5, reason: 'rollback: version 5 is not above the applied 5' }));
    await r.engine.tick();
    expect(r.engine.get(rollout.id)?.state).toBe('completed');
  });

  it('sends a branch-only bundle only to its branch: other branches are not behind it', async () => {
    const r = rig(seededFleet(23, 3, 30));
    const rollout = await r.engine.create(
      { bundle: signedBundle(6, { branch: 'BRANCH-02' }), waves: [{ kind: 'all' }], silentAfterSeconds: 60, maxSilentPercent: 0 },
      'admin-a',
    );
    const branch2 = r.fleet.filter((k) => k.branchId === 'BRANCH-02').map((k) => k.kioskId);
    expect(publishedKiosks(r.published).sort()).toEqual(branch2.sort());
    expect(r.engine.targetVersionFor(branch2[0] ?? '')).toBe(6);
    expect(r.engine.targetVersionFor(r.fleet.find((k) => k.branchId === 'BRANCH-01')?.kioskId ?? '')).toBeNull();
    expect(r.engine.targetVersions().size).toBe(branch2.length);
    expect(rollout.waves[0]?.counts.pending).toBe(branch2.length);
  });

  it('keeps unsent kiosks while the broker is away and sends them once it is back', async () => {
    const r = rig(seededFleet(24, 2, 20));
    r.brokerDown.value = true;
    const rollout = await r.engine.create(
      { bundle: signedBundle(2), waves: [{ kind: 'branch', branchId: 'BRANCH-01' }], silentAfterSeconds: 60, maxSilentPercent: 0 },
      'admin-a',
    );
    expect(r.published).toHaveLength(0);
    r.advance(3600);
    await r.engine.tick();
    // Never sent is not silent.
    expect(r.engine.get(rollout.id)?.waves[0]?.counts.silent).toBe(0);
    r.brokerDown.value = false;
    await r.engine.tick();
    await r.engine.tick();
    const branch1 = r.fleet.filter((k) => k.branchId === 'BRANCH-01').length;
    expect(r.published).toHaveLength(branch1);
    expect(new Set(r.published.map((p) => p.routingKey)).size).toBe(branch1);
  });

  it('sends the rest of a wave past a kiosk the broker cannot route to, and that kiosk once it can', async () => {
    const r = rig(seededFleet(26, 1, 12));
    const [first, second] = r.fleet.map((k) => `kiosk.${k.kioskId}`) as [string, string];
    r.unroutable.add(first);
    r.unroutable.add(second);
    const rollout = await r.engine.create({ bundle: signedBundle(2), waves: [{ kind: 'all' }], silentAfterSeconds: 60, maxSilentPercent: 0 }, 'admin-a');
    expect(r.published.map((p) => p.routingKey).sort()).toEqual(r.fleet.slice(2).map((k) => `kiosk.${k.kioskId}`));
    r.unroutable.clear();
    await r.engine.tick();
    expect(r.published.map((p) => p.routingKey).sort()).toEqual(r.fleet.map((k) => `kiosk.${k.kioskId}`).sort());
    expect(r.engine.get(rollout.id)?.waves[0]?.counts.pending).toBe(12);
  });
});

describe('what create refuses, with a message the administrator can act on', () => {
  const fleet = seededFleet(25, 3, 30);
  const all: WaveSpec[] = [{ kind: 'all' }];
  const make = () => rig(fleet);

  it('a bundle that does not verify', async () => {
    const tampered = Buffer.from(signedBundle(3).toString('utf8').replace('"version": 3', '"version": 30'));
    await expect(make().engine.create({ bundle: tampered, waves: all, silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a')).rejects.toThrow(
      /the bundle does not verify: badSignature/,
    ); // And as a code with the kiosk refusal reason, for the page.
    await expect(make().engine.create({ bundle: tampered, waves: all, silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a')).rejects.toMatchObject({
      code: 'bundleUnverified',
      params: { reason: 'badSignature', detail: expect.stringMatching(/^badSignature/) },
    });
  });

  it('no wave, or a wave naming a kiosk the console does not know or the bundle does not target', async () => {
    const r = make();
    await expect(r.engine.create({ bundle: signedBundle(3), waves: [], silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a')).rejects.toBeInstanceOf(
      RolloutError,
    );
    await expect(
      r.engine.create({ bundle: signedBundle(3), waves: [{ kind: 'kiosks', kioskIds: ['KIOSK-9999'] }], silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a'),
    ).rejects.toThrow('wave 1: kiosk KIOSK-9999 is not known to the console');
    await expect(
      r.engine.create({ bundle: FIXTURE_V7, waves: [{ kind: 'branch', branchId: 'BRANCH-01' }], silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a'),
    ).rejects.toThrow('wave 1: branch BRANCH-01 is not a target of the bundle');
    expect(r.engine.list()).toEqual([]);
    expect(r.published).toHaveLength(0);
  });

  it('a version not above a running or halted rollout, until that one is aborted', async () => {
    const r = make();
    const first = await r.engine.create({ bundle: signedBundle(5), waves: all, silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a');
    await expect(r.engine.create({ bundle: signedBundle(5), waves: all, silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a')).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(`rollout ${first.id} of version 5 is still running or halted`),
    });
    await r.engine.abort(first.id, 'a');
    const second = await r.engine.create({ bundle: signedBundle(5), waves: all, silentAfterSeconds: 60, maxSilentPercent: 0 }, 'a');
    expect(r.engine.list().map((x) => [x.id, x.state])).toEqual([
      [second.id, 'running'],
      [first.id, 'aborted'],
    ]);
  });
});

describe('halt reasons stored before they had codes (migration 101)', () => {
  it('read as one `other` part carrying the stored text', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      ROLLOUT_MIGRATIONS.filter((m) => m.version < 101),
    );
    db.prepare(
      `INSERT INTO rollouts (config_version, bundle_hash, bundle, target, state, halt_reason, created_by, created_at, silent_after_seconds, max_silent_percent)
       VALUES (3, ?, x'00', '{}', 'halted', 'wave 1 of 2: KIOSK-0001 refused: expired: 2029', 'a', '2030-01-01T00:00:00.000Z', 60, 0)`,
    ).run('a'.repeat(64));
    migrate(db, ROLLOUT_MIGRATIONS);
    const row = rolloutRow(db, 1);
    expect(row && readRollout(db, row)).toMatchObject({
      haltReason: 'wave 1 of 2: KIOSK-0001 refused: expired: 2029',
      haltDetail: [{ code: 'other', text: 'wave 1 of 2: KIOSK-0001 refused: expired: 2029' }],
    });
  });
});
