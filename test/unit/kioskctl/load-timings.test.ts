import { describe, expect, it } from 'vitest';
import { CallTimings } from '../../../electron/kioskctl/commands/load-timings';
import type { Call } from '../../../electron/kioskctl/commands/load-visits';

describe('kioskctl load: the contract calls a screen waits on', () => {
  it('reports count, median, p99, the slowest call and its method; sim.* calls are not timed', async () => {
    const timings = new CallTimings();
    for (let i = 1; i <= 100; i++) timings.add('session.get', i);
    timings.add('certificate.print', 900);
    expect(timings.summary()).toEqual({ count: 101, p50Ms: 51, p99Ms: 100, maxMs: 900, slowest: 'certificate.print' });

    const slow: Call = (method) => new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: method }), 30));
    const timed = new CallTimings();
    const call = timed.wrap(slow);
    await call('sim.idcard.place', {});
    await call('taxpayers.list', {});
    const summary = timed.summary();
    expect(summary.count).toBe(1);
    expect(summary.slowest).toBe('taxpayers.list');
    expect(summary.maxMs).toBeGreaterThanOrEqual(25);
  });

  it('answers zeros before any call', () => {
    expect(new CallTimings().summary()).toEqual({ count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0, slowest: null });
  });
});
