import { describe, expect, it } from 'vitest';
import { fleetView, filterRows } from '../../../shared/fleet/fleet-view';
import { switchedOffService } from '../../../electron/host/config/service-switch';
import { NOW, beat, printers } from './fleet-beat';

describe('fleet view (kioskctl fleet status)', () => {
  it('lists down kiosks first, then those needing a visit, then stale, then ok', () => {
    const view = fleetView(
      [
        beat('A-OK'),
        beat('C-STALE', { ageMs: 3 * 60_000 + 1000 }),
        beat('D-READER', { devices: { idcard: { device: 'noDevice', media: 'unknown' }, printers: {} } }),
        beat('F-DEAD', { outbox: { pending: 3, oldestAgeSeconds: 900, dead: 1 } }),
        beat('G-PAPER', { devices: printers('receipt', { paper: 'out', device: 'offline' }) }),
      ],
      NOW,
    );
    expect(view.rows.map((r) => [r.heartbeat.kioskId, r.health, r.issues])).toEqual([
      ['D-READER', 'down', ['deviceDown']],
      ['G-PAPER', 'visit', ['deviceDown']],
      ['F-DEAD', 'visit', ['outboxDead']],
      ['C-STALE', 'stale', ['stale']],
      ['A-OK', 'ok', []],
    ]);
    expect(view.rows[0]?.devicesDown).toEqual(['idcard: noDevice']);
    expect(view.highestConfigVersion).toBe(5);
  });

  it('shows a printer out of paper as paper out, not offline, though its driver reports it offline', () => {
    const [row] = fleetView([beat('K', { devices: printers('receipt', { paper: 'out', device: 'offline' }) })], NOW).rows;
    expect(row?.devicesDown).toEqual(['receipt: paper out']);
    expect(row?.reasons.map((r) => [r.code, r.subject])).toEqual([['paperOut', 'receipt']]);
  });

  it('makes paper low visible: the kiosk needs a visit before it runs out', () => {
    const [row] = fleetView([beat('K', { devices: printers('invoice', { paper: 'low' }) })], NOW).rows;
    expect(row?.health).toBe('visit');
    expect(row?.reasons).toEqual([{ code: 'paperLow', subject: 'invoice', value: null }]);
    expect(row?.issues).toEqual([]);
  });

  it('does not read a 2-hour-old outbox backlog as ok', () => {
    const [row] = fleetView([beat('K', { outbox: { pending: 40, oldestAgeSeconds: 7200, dead: 0 } })], NOW).rows;
    expect(row?.health).toBe('visit');
    expect(row?.reasons).toEqual([{ code: 'outboxOld', subject: null, value: 120 }]);
  });

  it('after a branch-only push, the kiosks of other branches are not behind on config (kioskctl knows no rollout)', () => {
    const view = fleetView(
      [
        beat('K-PUSHED', { branchId: 'B1', config: { version: 6, hash: 'x', refused: null } }),
        beat('K-OTHER-BRANCH', { branchId: 'B2', config: { version: 5, hash: 'y', refused: null } }),
        beat('K-NEVER', { branchId: 'B2', config: { version: null, hash: null, refused: null } }),
      ],
      NOW,
    );
    expect(view.rows.map((r) => [r.heartbeat.kioskId, r.health, r.issues])).toEqual([
      ['K-NEVER', 'ok', []],
      ['K-OTHER-BRANCH', 'ok', []],
      ['K-PUSHED', 'ok', []],
    ]);
    expect(view.highestConfigVersion).toBe(6);
  });

  it('keeps only the newest heartbeat of a kiosk, whatever the order they came in', () => {
    const view = fleetView([beat('K', { ageMs: 1000 }), beat('K', { ageMs: 10 * 60_000 })], NOW);
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]?.health).toBe('ok');
  });

  it('counts by health, by branch and by reason, and filters by branch and state', () => {
    const view = fleetView(
      [
        beat('K1', { branchId: 'B1' }),
        beat('K2', { branchId: 'B1', devices: printers('receipt', { paper: 'low' }) }),
        beat('K3', { branchId: 'B2', ageMs: 3600_000 }),
        beat('K4', { branchId: 'B2', devices: { idcard: { device: 'hardwareError', media: 'unknown' }, printers: {} } }),
      ],
      NOW,
    );
    expect(view.summary).toEqual({
      kiosks: 4,
      byHealth: { ok: 1, visit: 1, down: 1, stale: 1 },
      byBranch: [
        { branchId: 'B1', kiosks: 2, byHealth: { ok: 1, visit: 1, down: 0, stale: 0 } },
        { branchId: 'B2', kiosks: 2, byHealth: { ok: 0, visit: 0, down: 1, stale: 1 } },
      ],
      byReason: { paperLow: 1, heartbeatMissed: 1, readerDown: 1 },
    });
    const ids = (rows: { heartbeat: { kioskId: string } }[]) => rows.map((r) => r.heartbeat.kioskId);
    expect(ids(filterRows(view.rows, { branches: ['B2'], states: [] }))).toEqual(['K4', 'K3']);
    expect(ids(filterRows(view.rows, { branches: [], states: ['visit', 'stale'] }))).toEqual(['K2', 'K3']);
    expect(ids(filterRows(view.rows, { branches: ['B1'], states: ['down'] }))).toEqual([]);
  });
});

describe('switched-off services', () => {
  const issueOff = { invoiceCollection: true, invoiceIssue: false, iitCertificate: true };
  it('refuses the calls that start the service, not those that finish a paid invoice or belong to others', () => {
    expect(switchedOffService('issuance.pay', issueOff)).toBe('invoiceIssue');
    expect(switchedOffService('issuance.begin', issueOff)).toBe('invoiceIssue');
    expect(switchedOffService('issuance.resume', issueOff)).toBeNull();
    expect(switchedOffService('issuance.print', issueOff)).toBeNull();
    expect(switchedOffService('collection.collect', issueOff)).toBeNull();
    expect(switchedOffService('certificate.print', { ...issueOff, iitCertificate: false })).toBe('iitCertificate');
  });
});
