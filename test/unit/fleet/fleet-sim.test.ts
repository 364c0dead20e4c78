import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../shared/prng';
import { Heartbeat } from '../../../shared/fleet/heartbeat';
import { assessKiosk, DEFAULT_THRESHOLDS, type ReasonCode } from '../../../shared/fleet/health';
import { CONFIG_BUNDLE_FORMAT, type ConfigBundle } from '../../../shared/config/config-bundle';
import { signBundle } from '../../../electron/host/config/bundle-signature';
import { bundleHash } from '../../../electron/host/signed-bundles/signed-bundle-verifier';
import { advance, createFleet, heartbeatOf, kioskId, type SimKiosk } from '../../../electron/kioskctl/fleet-sim/sim-kiosk';
import { readPushedBundle, SIMULATED_REFUSAL, takeBundle, type PushedBundle } from '../../../electron/kioskctl/fleet-sim/sim-rollout';
import { EARLY_MS, FleetSimulation } from '../../../electron/kioskctl/fleet-sim/sim-runner';

/** The pure parts of `kioskctl fleet simulate`, from a seed. */
const NOW = new Date('2026-12-07T10:00:00Z');

/** Runs `beats` heartbeats of a fleet and returns every heartbeat, kiosk by kiosk in order. */
function run(seed: number, kiosks: number, beats: number, faultRate: number): { fleet: SimKiosk[]; heartbeats: Heartbeat[] } {
  const fleet = createFleet(kiosks, 3, prng(seed));
  const randoms = fleet.map((_, i) => prng(seed * 1000 + i));
  const heartbeats: Heartbeat[] = [];
  for (let b = 0; b < beats; b++) {
    fleet.forEach((k, i) => {
      advance(k, randoms[i] ?? Math.random, faultRate);
      heartbeats.push(heartbeatOf(k, NOW, '0.1.0'));
    });
  }
  return { fleet, heartbeats };
}

describe('simulated kiosks', () => {
  it('are KIOSK-0001… spread over BRANCH-01… in turn', () => {
    const fleet = createFleet(5, 2, prng(1));
    expect(fleet.map((k) => [k.kioskId, k.branchId])).toEqual([
      ['KIOSK-0001', 'BRANCH-01'],
      ['KIOSK-0002', 'BRANCH-02'],
      ['KIOSK-0003', 'BRANCH-01'],
      ['KIOSK-0004', 'BRANCH-02'],
      ['KIOSK-0005', 'BRANCH-01'],
    ]);
    expect(kioskId(0, 20_000)).toBe('KIOSK-00001');
  });

  it('send valid heartbeat v2 only, with faults that come and clear, stock that drains, and a backlog that ages', () => {
    const { heartbeats } = run(7, 20, 300, 0.05);
    for (const h of heartbeats) expect(Heartbeat.safeParse(h).success).toBe(true);

    const reasons = new Set<ReasonCode>();
    for (const h of heartbeats) for (const r of assessKiosk({ heartbeat: h }, DEFAULT_THRESHOLDS, NOW).reasons) reasons.add(r.code);
    for (const code of ['paperLow', 'paperOut', 'paperJammed', 'coverOpen', 'printerDown', 'readerDown', 'outboxOld', 'outboxDead', 'stockLow'] as const) {
      expect(reasons, code).toContain(code);
    }
    // Paper out reads as the drivers report it: the device offline too.
    const out = heartbeats.find((h) => h.devices.printers.receipt?.paper === 'out');
    expect(out?.devices.printers.receipt?.device).toBe('offline');

    // A kiosk with a fault is ok again a few heartbeats later.
    const ofKiosk = heartbeats.filter((h) => h.kioskId === 'KIOSK-0001').map((h) => assessKiosk({ heartbeat: h }, DEFAULT_THRESHOLDS, NOW).health);
    const firstBad = ofKiosk.findIndex((health) => health !== 'ok');
    expect(firstBad).toBeGreaterThanOrEqual(0);
    expect(ofKiosk.slice(firstBad).indexOf('ok')).toBeGreaterThan(0);

    // Stock goes down between two heartbeats of a kiosk, and the audit head moves on.
    const k1 = heartbeats.filter((h) => h.kioskId === 'KIOSK-0002');
    expect(k1.at(-1)?.stock).not.toEqual(k1[0]?.stock);
    expect(k1.at(-1)?.audit?.seq ?? 0).toBeGreaterThan(k1[0]?.audit?.seq ?? 0);
  });

  it('replay the same life from the same seed, and another from another seed', () => {
    expect(run(3, 10, 50, 0.1).heartbeats).toEqual(run(3, 10, 50, 0.1).heartbeats);
    expect(run(4, 10, 50, 0.1).heartbeats).not.toEqual(run(3, 10, 50, 0.1).heartbeats);
  });

  it('stay healthy without faults', () => {
    const { heartbeats } = run(5, 5, 5, 0);
    const paper = heartbeats.flatMap((h) => Object.values(h.devices.printers).map((p) => p?.paper));
    expect(new Set(paper)).toEqual(new Set(['full']));
  });
});

describe('config pushes to simulated kiosks', () => {
  const pushed = (version: number, target: ConfigBundle['target'], expiresAt = '2027-01-01T00:00:00Z'): PushedBundle => ({
    version,
    hash: crypto.createHash('sha256').update(`v${version}`).digest('hex'),
    target,
    expiresAt,
  });

  it('are taken by the kiosks the routing key reaches, applied, or refused with a reason', () => {
    const fleet = createFleet(6, 3, prng(1));
    const v2 = pushed(2, { branch: 'BRANCH-01' });
    const decisions = takeBundle(fleet, 'branch.BRANCH-01', v2, new Set(['KIOSK-0004']), NOW);
    expect(decisions).toEqual([
      { kioskId: 'KIOSK-0001', outcome: 'applied' },
      { kioskId: 'KIOSK-0004', outcome: 'refused', reason: SIMULATED_REFUSAL },
    ]);
    expect(fleet[0]?.config).toEqual({ version: 2, hash: v2.hash, refused: null });
    expect(fleet[3]?.config).toEqual({ version: null, hash: null, refused: { version: 2, reason: SIMULATED_REFUSAL, at: NOW.toISOString() } });
    expect(fleet[1]?.config.version).toBeNull();

    // Delivered again (one message per routing key): nothing new to report.
    expect(takeBundle(fleet, 'branch.BRANCH-01', v2, new Set(['KIOSK-0004']), NOW)).toEqual([]);

    // A later good bundle applies on the refusing kiosk too once it no longer refuses, and clears the refusal.
    const v3 = pushed(3, { all: true });
    expect(takeBundle(fleet, 'all', v3, new Set(), NOW).map((d) => d.outcome)).toEqual(Array(6).fill('applied'));
    expect(fleet[3]?.config).toMatchObject({ version: 3, refused: null });
  });

  it('refuse like a kiosk: a signed target elsewhere, an expired bundle, a rollback', () => {
    const fleet = createFleet(2, 1, prng(1));
    expect(takeBundle(fleet, 'kiosk.KIOSK-0001', pushed(2, { kioskIds: ['KIOSK-0002'] }), new Set(), NOW)).toEqual([
      { kioskId: 'KIOSK-0001', outcome: 'refused', reason: expect.stringMatching(/^wrongTarget: /) },
    ]);
    expect(takeBundle(fleet, 'all', pushed(3, { all: true }, '2026-01-01T00:00:00Z'), new Set(), NOW)[0]).toMatchObject({
      reason: expect.stringMatching(/^expired: /),
    });
    takeBundle(fleet, 'all', pushed(5, { all: true }), new Set(), NOW);
    expect(takeBundle(fleet, 'all', pushed(4, { all: true }), new Set(), NOW)[0]).toMatchObject({ reason: expect.stringMatching(/^rollback: /) });
  });

  it('reads a signed config bundle from the pushed bytes, and nothing from anything else', () => {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const bundle: ConfigBundle = {
      format: CONFIG_BUNDLE_FORMAT,
      version: 9,
      issuedAt: '2026-12-01T00:00:00Z',
      expiresAt: '2027-12-01T00:00:00Z',
      target: { branch: 'BRANCH-02' },
      payload: { services: { invoiceCollection: true, invoiceIssue: false, iitCertificate: true } },
    };
    const bytes = Buffer.from(JSON.stringify(signBundle(bundle, privateKey)));
    expect(readPushedBundle(bytes)).toEqual({ version: 9, target: { branch: 'BRANCH-02' }, expiresAt: bundle.expiresAt, hash: bundleHash(bundle) });
    expect(readPushedBundle(Buffer.from('not json'))).toBeNull();
    expect(readPushedBundle(Buffer.from(JSON.stringify({ bundle: { format: 'other' }, signature: JSON.parse(bytes.toString()).signature })))).toBeNull();
  });
});

describe('the simulation schedule', () => {
  function fakeBroker(accept: () => boolean = () => true) {
    const sent: Heartbeat[] = [];
    const channel = {
      publish: (_exchange: string, routingKey: string, content: Buffer) => {
        const h = Heartbeat.parse(JSON.parse(content.toString('utf8')));
        expect(routingKey).toBe(`kiosk.${h.kioskId}`);
        sent.push(h);
        return accept();
      },
    };
    return { sent, channel };
  }

  it('spreads the kiosks over the interval, and sends an extra heartbeat soon after a push without advancing their life', () => {
    let now = 1_000_000;
    const sim = new FleetSimulation({
      kiosks: 4,
      branches: 2,
      seed: 1,
      intervalMs: 10_000,
      faultRate: 0,
      refuse: new Set(['KIOSK-0003']),
      appVersion: '0.1.0',
      now: () => now,
    });
    const { sent, channel } = fakeBroker();
    sim.usePublisher(channel);
    sim.publishDue();
    expect(sent.map((h) => h.kioskId)).toEqual(['KIOSK-0001']);
    now += 8000;
    sim.publishDue();
    expect(sent.map((h) => h.kioskId)).toEqual(['KIOSK-0001', 'KIOSK-0002', 'KIOSK-0003', 'KIOSK-0004']);
    now += 2000;
    sim.publishDue();
    expect(sent.at(-1)).toMatchObject({ kioskId: 'KIOSK-0001', uptimeSeconds: 120 });

    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const signed = signBundle(
      {
        format: CONFIG_BUNDLE_FORMAT,
        version: 2,
        issuedAt: '2026-01-01T00:00:00Z',
        expiresAt: '2099-01-01T00:00:00Z',
        target: { branch: 'BRANCH-01' },
        payload: { services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: true } },
      },
      privateKey,
    );
    sim.onPush({ content: Buffer.from(JSON.stringify(signed)), fields: { routingKey: 'branch.BRANCH-01' } as never });
    expect(sim.stats).toMatchObject({ applied: 1, refused: 1, bundles: 1, ignored: 0 });
    const before = sent.length;
    now += EARLY_MS;
    sim.publishDue();
    // Only the two of BRANCH-01 report, early, still in the same simulated minute.
    const early = sent.slice(before);
    expect(early.map((h) => [h.kioskId, h.config.version, h.config.refused?.reason ?? null, h.uptimeSeconds])).toEqual([
      ['KIOSK-0001', 2, null, 120],
      ['KIOSK-0003', null, SIMULATED_REFUSAL, 60],
    ]);
  });

  it('stops publishing while the broker pushes back, and goes on after the drain', () => {
    let now = 0;
    const sim = new FleetSimulation({ kiosks: 3, branches: 1, seed: 1, intervalMs: 30, faultRate: 0, refuse: new Set(), appVersion: '0.1.0', now: () => now });
    const { sent, channel } = fakeBroker(() => false);
    sim.usePublisher(channel);
    now = 100;
    sim.publishDue();
    expect(sent).toHaveLength(1);
    sim.publishDue();
    expect(sent).toHaveLength(1);
    sim.drained();
    sim.publishDue();
    expect(sent).toHaveLength(2);
    expect(sim.stats.heartbeats).toBe(2);
  });

  it('between links skips the heartbeats due (not queued) while the kiosks live on, and publishes on the next link', () => {
    let now = 0;
    const sim = new FleetSimulation({ kiosks: 2, branches: 1, seed: 1, intervalMs: 100, faultRate: 0, refuse: new Set(), appVersion: '0.1.0', now: () => now });
    const first = fakeBroker();
    sim.usePublisher(first.channel);
    sim.publishDue();
    expect(first.sent.map((h) => h.kioskId)).toEqual(['KIOSK-0001']);
    sim.detach(first.channel);
    for (now = 50; now <= 350; now += 50) sim.publishDue();
    expect(first.sent).toHaveLength(1);
    expect(sim.stats).toMatchObject({ heartbeats: 1, skipped: 7 });
    // A stale channel's close does not detach the next link.
    const next = fakeBroker();
    sim.usePublisher(next.channel);
    sim.detach(first.channel);
    now = 400;
    sim.publishDue();
    // No backlog: one heartbeat, whose simulated life went on (5 minutes for KIOSK-0001).
    expect(next.sent.map((h) => [h.kioskId, h.uptimeSeconds])).toEqual([['KIOSK-0001', 300]]);
  });

  it('skips, and stops using, a channel that throws on publish (closed under it)', () => {
    let now = 0;
    const sim = new FleetSimulation({ kiosks: 1, branches: 1, seed: 1, intervalMs: 100, faultRate: 0, refuse: new Set(), appVersion: '0.1.0', now: () => now });
    let calls = 0;
    sim.usePublisher({
      publish: () => {
        calls += 1;
        throw new Error('Channel closed');
      },
    });
    sim.publishDue();
    now = 100;
    sim.publishDue();
    expect(calls).toBe(1);
    expect(sim.stats).toMatchObject({ heartbeats: 0, skipped: 2 });
  });
});
