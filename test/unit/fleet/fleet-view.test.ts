import { describe, expect, it } from 'vitest';
import { HEARTBEAT_FORMAT, type Heartbeat } from '../../../shared/fleet/heartbeat';
import { fleetView } from '../../../shared/fleet/fleet-view';
import { switchedOffService } from '../../../electron/host/config/service-switch';

const NOW = new Date('2026-03-01T08:00:00Z');

function beat(kioskId: string, over: Partial<Heartbeat> & { ageMs?: number } = {}): Heartbeat {
  const { ageMs = 10_000, ...rest } = over;
  const printer = { device: 'online', paper: 'full', coverOpen: false, detail: null } as const;
  return {
    format: HEARTBEAT_FORMAT,
    kioskId,
    branchId: 'B1',
    sentAt: new Date(NOW.getTime() - ageMs).toISOString(),
    appVersion: '0.1.0',
    uptimeSeconds: 60,
    config: { version: 5, hash: 'h', refused: null },
    stock: [],
    audit: null,
    devices: { idcard: { device: 'online', media: 'notPresent' }, printers: { receipt: printer, invoice: printer, a4: printer } },
    outbox: { pending: 0, oldestAgeSeconds: null, dead: 0 },
    ...rest,
  };
}

describe('fleet view', () => {
  it('puts a kiosk with a device down first, then stale, parked rows, behind on config, healthy; more issues first within a rank', () => {
    const view = fleetView(
      [
        beat('A-OK'),
        beat('B-BEHIND', { config: { version: 4, hash: 'x', refused: null } }),
        beat('C-STALE', { ageMs: 3 * 60_000 + 1000 }),
        beat('D-READER', { devices: { idcard: { device: 'noDevice', media: 'unknown' }, printers: {} } }),
        beat('E-STALE-BEHIND', { ageMs: 3600_000, config: { version: null, hash: null, refused: null } }),
        beat('F-DEAD', { outbox: { pending: 3, oldestAgeSeconds: 900, dead: 1 } }),
      ],
      NOW,
    );
    expect(view.rows.map((r) => [r.heartbeat.kioskId, r.issues])).toEqual([
      ['D-READER', ['deviceDown']],
      ['E-STALE-BEHIND', ['stale', 'configBehind']],
      ['C-STALE', ['stale']],
      ['F-DEAD', ['outboxDead']],
      ['B-BEHIND', ['configBehind']],
      ['A-OK', []],
    ]);
    expect(view.rows[0]?.devicesDown).toEqual(['idcard: noDevice']);
    expect(view.highestConfigVersion).toBe(5);
  });

  it('keeps only the newest heartbeat of a kiosk, whatever the order they came in', () => {
    const view = fleetView([beat('K', { ageMs: 1000 }), beat('K', { ageMs: 10 * 60_000 })], NOW);
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]?.issues).toEqual([]);
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
