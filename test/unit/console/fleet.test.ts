import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Alerts, type AlertEvent } from '../../../backend/console/alerts';
import { Fleet } from '../../../backend/console/fleet';
import { openConsoleDb } from '../../../backend/console/store/console-db';
import { Webhooks } from '../../../backend/console/webhooks';
import type { Db } from '../../../electron/host/db/database';
import { heartbeat, testClock, withPaper } from '../../support/console-fixtures';

/**
 * What the console makes of heartbeats, without a broker: the newest per
 * kiosk, health by the shared judgement, a timeline of changes only, alerts
 * raised and cleared, audit continuity.
 */
let dir: string;
let db: Db;
let clock: ReturnType<typeof testClock>;
let webhooks: Webhooks;
let alerts: Alerts;
let fleet: Fleet;
const logged: string[] = [];

function open(): void {
  db = openConsoleDb(dir);
  webhooks = new Webhooks((level, message, fields) => logged.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`));
  alerts = new Alerts(db, webhooks);
  fleet = new Fleet(db, alerts, clock.now);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-fleet-'));
  clock = testClock();
  logged.length = 0;
  open();
});
afterEach(async () => {
  await webhooks.stop();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const timelineKinds = (kioskId: string) => fleet.timelineOf(kioskId, 100).map((t) => `${t.kind} ${t.detail}`);

describe('the fleet model', () => {
  it('writes a timeline of changes only, not a row per heartbeat', () => {
    for (let i = 0; i < 5; i++) {
      fleet.ingest([heartbeat('K-1', clock.now())]);
      clock.advance(60_000);
    }
    expect(timelineKinds('K-1')).toEqual(['health ok', 'seen BRANCH-JN-01 0.1.0']);
    fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'low')]);
    clock.advance(60_000);
    fleet.ingest([heartbeat('K-1', clock.now(), { config: { version: 4, hash: 'cd'.repeat(32), refused: null } })]);
    // Newest first.
    expect(timelineKinds('K-1')).toEqual([
      'alert cleared paperLow receipt',
      'reasonOff paperLow receipt',
      'health ok',
      'config applied v4',
      'alert raised paperLow receipt',
      'reasonOn paperLow receipt',
      'health visit',
      'health ok',
      'seen BRANCH-JN-01 0.1.0',
    ]);
  });

  it('keeps the newest heartbeat: an older one arriving late changes nothing', () => {
    const late = withPaper(heartbeat('K-1', new Date(clock.now().getTime() - 30_000)), 'receipt', 'out');
    expect(fleet.ingest([heartbeat('K-1', clock.now()), late])).toBe(1);
    expect(fleet.kiosks.get('K-1')?.health).toBe('ok');
    expect(fleet.kiosks.get('K-1')?.heartbeat.sentAt).toBe(clock.now().toISOString());
  });

  it('a kiosk whose clock ran ahead and was corrected is not ignored until it catches up', () => {
    fleet.ingest([heartbeat('K-1', new Date(clock.now().getTime() + 3_600_000))]);
    clock.advance(60_000);
    fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out')]);
    expect(fleet.kiosks.get('K-1')?.health).toBe('visit');
    // A little ahead is normal drift: an older heartbeat is still late then.
    fleet.ingest([heartbeat('K-2', new Date(clock.now().getTime() + 60_000))]);
    fleet.ingest([withPaper(heartbeat('K-2', clock.now()), 'receipt', 'out')]);
    expect(fleet.kiosks.get('K-2')?.health).toBe('ok');
  });

  it('paper out on one of two printers means a visit and a paperOut alert, both out means down', () => {
    const base = heartbeat('K-1', clock.now());
    fleet.ingest([withPaper(base, 'receipt', 'out')]);
    expect(fleet.kiosks.get('K-1')).toMatchObject({ health: 'visit', reasons: [{ code: 'paperOut', subject: 'receipt' }] });
    clock.advance(1000);
    fleet.ingest([withPaper(withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out'), 'invoice', 'out')]);
    expect(fleet.kiosks.get('K-1')?.health).toBe('down');
    expect(alerts.list({ open: true, limit: 10, offset: 0 }).alerts.map((a) => [a.kind, a.subject])).toEqual([
      ['paperOut', 'invoice'],
      ['paperOut', 'receipt'],
    ]);
  });

  it('one open alert per kiosk, kind and subject; cleared alerts are kept', () => {
    for (let i = 0; i < 3; i++) {
      fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out')]);
      clock.advance(1000);
    }
    expect(alerts.list({ open: true, limit: 10, offset: 0 }).total).toBe(1);
    fleet.ingest([heartbeat('K-1', clock.now())]);
    const all = alerts.list({ limit: 10, offset: 0 }).alerts;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'paperOut', clearedAt: clock.now().toISOString() });
    expect(alerts.openCount()).toBe(0);
  });

  it('a kiosk that stops sending turns stale on the sweep, with a heartbeatMissed alert that clears on the next heartbeat', () => {
    fleet.ingest([heartbeat('K-1', clock.now())]);
    clock.advance(179_000);
    fleet.sweep();
    expect(fleet.kiosks.get('K-1')?.health).toBe('ok');
    clock.advance(2_000);
    fleet.sweep();
    expect(fleet.kiosks.get('K-1')?.health).toBe('stale');
    expect(alerts.list({ open: true, limit: 10, offset: 0 }).alerts.map((a) => a.kind)).toEqual(['heartbeatMissed']);
    fleet.ingest([heartbeat('K-1', clock.now())]);
    expect(fleet.kiosks.get('K-1')?.health).toBe('ok');
    expect(alerts.openCount()).toBe(0);
  });

  it('an audit head that goes backwards or forks marks the chain not continuous, for good', () => {
    fleet.ingest([heartbeat('K-1', clock.now(), { audit: { seq: 10, hash: 'a'.repeat(64) } })]);
    clock.advance(1000);
    fleet.ingest([heartbeat('K-1', clock.now(), { audit: { seq: 12, hash: 'b'.repeat(64) } })]);
    expect(fleet.kiosks.get('K-1')?.auditContinuous).toBe(true);
    clock.advance(1000);
    fleet.ingest([heartbeat('K-1', clock.now(), { audit: { seq: 12, hash: 'c'.repeat(64) } })]);
    expect(fleet.kiosks.get('K-1')).toMatchObject({ auditContinuous: false, reasons: [{ code: 'auditRegressed' }], health: 'visit' });
    clock.advance(1000);
    fleet.ingest([heartbeat('K-1', clock.now(), { audit: { seq: 13, hash: 'd'.repeat(64) } })]);
    expect(fleet.kiosks.get('K-1')?.auditContinuous).toBe(false);

    fleet.ingest([heartbeat('K-2', clock.now(), { audit: { seq: 50, hash: 'a'.repeat(64) } })]);
    clock.advance(1000);
    fleet.ingest([heartbeat('K-2', clock.now(), { audit: { seq: 3, hash: 'e'.repeat(64) } })]);
    expect(fleet.kiosks.get('K-2')?.auditContinuous).toBe(false);
  });

  it('a config refusal is on the timeline with its reason and raises configRefused', () => {
    fleet.ingest([heartbeat('K-1', clock.now())]);
    clock.advance(1000);
    const refused = { version: 7, reason: 'signature does not verify', at: clock.now().toISOString() };
    fleet.ingest([heartbeat('K-1', clock.now(), { config: { version: 3, hash: 'ab'.repeat(32), refused } })]);
    expect(timelineKinds('K-1')).toContain('config refused v7: signature does not verify');
    expect(alerts.list({ open: true, limit: 10, offset: 0 }).alerts.map((a) => a.kind)).toEqual(['configRefused']);
  });

  it('state survives reopening the database', () => {
    fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out')]);
    fleet.ingest([heartbeat('K-2', clock.now(), { audit: { seq: 9, hash: 'f'.repeat(64) } })]);
    db.close();
    open();
    expect([...fleet.kiosks.keys()].sort()).toEqual(['K-1', 'K-2']);
    expect(fleet.kiosks.get('K-1')?.health).toBe('visit');
    expect(fleet.kiosks.get('K-2')?.auditHead).toEqual({ seq: 9, hash: 'f'.repeat(64) });
    // The open alert is known again: the same condition raises no second one.
    clock.advance(1000);
    fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out')]);
    expect(alerts.list({ limit: 10, offset: 0 }).total).toBe(1);
  });

  it('a disabled rule raises nothing; a changed threshold changes the judgement', () => {
    alerts.updateRule('paperOut', { enabled: false });
    fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out')]);
    expect(alerts.openCount()).toBe(0);
    expect(fleet.kiosks.get('K-1')?.health).toBe('visit');

    fleet.ingest([heartbeat('K-2', clock.now(), { stock: [{ type: 'vat-normal', remaining: 80 }] })]);
    expect(fleet.kiosks.get('K-2')?.health).toBe('ok');
    expect(alerts.updateRule('stockLow', { threshold: 100 })).toMatchObject({ threshold: 100 });
    fleet.sweep();
    expect(fleet.kiosks.get('K-2')).toMatchObject({ health: 'visit', reasons: [{ code: 'stockLow', subject: 'vat-normal', value: 80 }] });
    // Enabled again: the kiosk that is out of paper now gets its alert; disabled: cleared at once.
    alerts.updateRule('paperOut', { enabled: true });
    fleet.sweep(true);
    expect(
      alerts
        .list({ open: true, limit: 10, offset: 0 })
        .alerts.map((a) => a.kind)
        .sort(),
    ).toEqual(['paperOut', 'stockLow']);
    alerts.updateRule('paperOut', { enabled: false });
    fleet.sweep(true);
    expect(alerts.list({ open: true, limit: 10, offset: 0 }).alerts.map((a) => a.kind)).toEqual(['stockLow']);
    expect(alerts.updateRule('heartbeatMissed', { threshold: 5 })).toMatch(/threshold of heartbeatMissed/);
    expect(alerts.updateRule('paperOut', { threshold: 5 })).toMatch(/no threshold/);
  });

  it('posts raised and cleared events to the rule webhook; a dead webhook is logged and changes nothing', async () => {
    const received: AlertEvent[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as AlertEvent);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      alerts.updateRule('paperOut', { webhookUrl: `http://127.0.0.1:${port}/page` });
      alerts.updateRule('paperLow', { webhookUrl: 'http://127.0.0.1:1/dead' });
      fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'out')]);
      clock.advance(1000);
      fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'low')]);
      await webhooks.idle();
      expect(received.map((e) => [e.event, e.alert.kind, e.alert.kioskId])).toEqual([
        ['raised', 'paperOut', 'K-1'],
        ['cleared', 'paperOut', 'K-1'],
      ]);
      expect(logged.some((line) => line.startsWith('warn webhook failed') && line.includes('127.0.0.1:1'))).toBe(true);
      expect(alerts.list({ open: true, limit: 10, offset: 0 }).alerts.map((a) => a.kind)).toEqual(['paperLow']);
    } finally {
      server.close();
    }
  });
  it('keeps the timeline of the last days only', () => {
    fleet.ingest([heartbeat('K-1', clock.now())]);
    clock.advance(15 * 86_400_000);
    fleet.ingest([withPaper(heartbeat('K-1', clock.now()), 'receipt', 'low')]);
    expect(fleet.pruneTimeline(14)).toBe(2);
    expect(timelineKinds('K-1')).toEqual(['alert raised paperLow receipt', 'reasonOn paperLow receipt', 'health visit']);
  });
});
