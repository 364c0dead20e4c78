import { describe, expect, it } from 'vitest';
import { assessKiosk, countByHealth, DEFAULT_THRESHOLDS, printerStop, type ReasonCode } from '../../../shared/fleet/health';
import { HEARTBEAT_FORMAT_V1, parseAnyHeartbeat, type Heartbeat } from '../../../shared/fleet/heartbeat';
import { NOW, PRINTER_OK, beat, printers } from './fleet-beat';

/** The one health judgement (console, alerts, kioskctl fleet status), rule by rule. */
function assess(h: Heartbeat, extra: { targetConfigVersion?: number | null; auditRegressed?: boolean } = {}) {
  return assessKiosk({ heartbeat: h, ...extra }, DEFAULT_THRESHOLDS, NOW);
}
const codes = (h: Heartbeat, extra = {}) => assess(h, extra).reasons.map((r) => [r.code, r.subject, r.value]);

describe('health: each reason', () => {
  const cases: Array<[string, Heartbeat, Record<string, unknown>, [ReasonCode, string | null, number | null][]]> = [
    ['a healthy kiosk', beat('K'), {}, []],
    ['no heartbeat for 181 s', beat('K', { ageMs: 181_000 }), {}, [['heartbeatMissed', null, 181]]],
    ['the card reader gone', beat('K', { devices: { idcard: { device: 'noDevice', media: 'unknown' }, printers: {} } }), {}, [['readerDown', 'idcard', null]]],
    ['a printer offline with paper', beat('K', { devices: printers('a4', { device: 'offline' }) }), {}, [['printerDown', 'a4', null]]],
    ['a printer out of paper', beat('K', { devices: printers('receipt', { paper: 'out' }) }), {}, [['paperOut', 'receipt', null]]],
    ['a printer jammed', beat('K', { devices: printers('invoice', { paper: 'jammed' }) }), {}, [['paperJammed', 'invoice', null]]],
    ['a printer cover open', beat('K', { devices: printers('invoice', { coverOpen: true }) }), {}, [['coverOpen', 'invoice', null]]],
    ['paper low', beat('K', { devices: printers('receipt', { paper: 'low' }) }), {}, [['paperLow', 'receipt', null]]],
    ['a form type used up', beat('K', { stock: [{ type: 'special-paper-10', remaining: 0 }] }), {}, [['stockOut', 'special-paper-10', 0]]],
    ['49 forms left', beat('K', { stock: [{ type: 'ordinary-paper-1', remaining: 49 }] }), {}, [['stockLow', 'ordinary-paper-1', 49]]],
    ['the audit head went backwards', beat('K'), { auditRegressed: true }, [['auditRegressed', null, 12]]],
    [
      'a refused bundle',
      beat('K', { config: { version: 5, hash: 'h', refused: { version: 6, reason: 'unknownKey: no pinned key', at: NOW.toISOString() } } }),
      {},
      [['configRefused', null, 6]],
    ],
    ['parked outbox rows', beat('K', { outbox: { pending: 2, oldestAgeSeconds: 60, dead: 2 } }), {}, [['outboxDead', null, 2]]],
    ['an outbox row 30 min old', beat('K', { outbox: { pending: 1, oldestAgeSeconds: 1800, dead: 0 } }), {}, [['outboxOld', null, 30]]],
    ['behind the rollout that targets it', beat('K'), { targetConfigVersion: 6 }, [['configBehind', null, 6]]],
  ];
  it.each(cases)('%s', (_name, h, extra, expected) => {
    expect(codes(h, extra)).toEqual(expected);
  });

  it('stays quiet just inside each threshold', () => {
    expect(codes(beat('K', { ageMs: 180_000 }))).toEqual([]);
    expect(codes(beat('K', { stock: [{ type: 't', remaining: DEFAULT_THRESHOLDS.stockLowForms }] }))).toEqual([]);
    expect(codes(beat('K', { outbox: { pending: 1, oldestAgeSeconds: 1799, dead: 0 } }))).toEqual([]);
  });

  it('is not behind without a rollout, at the target, or when it refused the target (that is the refusal)', () => {
    expect(codes(beat('K'), { targetConfigVersion: null })).toEqual([]);
    expect(codes(beat('K'), { targetConfigVersion: 5 })).toEqual([]);
    const refusedTarget = beat('K', { config: { version: 5, hash: 'h', refused: { version: 6, reason: 'expired: x', at: NOW.toISOString() } } });
    expect(codes(refusedTarget, { targetConfigVersion: 6 })).toEqual([['configRefused', null, 6]]);
  });

  it('lists reasons in the order a technician acts on them', () => {
    const h = beat('K', {
      ageMs: 600_000,
      devices: printers('receipt', { paper: 'low' }),
      stock: [{ type: 't', remaining: 3 }],
      outbox: { pending: 1, oldestAgeSeconds: 7200, dead: 1 },
    });
    expect(assess(h).reasons.map((r) => r.code)).toEqual(['heartbeatMissed', 'outboxDead', 'outboxOld', 'paperLow', 'stockLow']);
  });
});

describe('health: paper first', () => {
  it('names paper out though the driver says offline, then jammed, then the cover, then the device', () => {
    expect(printerStop({ ...PRINTER_OK, device: 'offline', paper: 'out' })).toBe('paperOut');
    expect(printerStop({ ...PRINTER_OK, device: 'offline', paper: 'jammed', coverOpen: true })).toBe('paperJammed');
    expect(printerStop({ ...PRINTER_OK, device: 'hardwareError', coverOpen: true })).toBe('coverOpen');
    expect(printerStop({ ...PRINTER_OK, device: 'offline', paper: 'low' })).toBe('printerDown');
    expect(printerStop({ ...PRINTER_OK, device: 'busy', paper: 'low' })).toBeNull();
  });

  it('does not add paper low to a printer that has stopped for another reason', () => {
    expect(codes(beat('K', { devices: printers('receipt', { paper: 'low', coverOpen: true }) }))).toEqual([['coverOpen', 'receipt', null]]);
  });
});

describe('health: down, visit, stale', () => {
  const allOut = (paper: 'out' | 'full', device: 'online' | 'offline' = 'online'): Heartbeat['devices'] => ({
    idcard: { device: 'online', media: 'notPresent' },
    printers: { receipt: { ...PRINTER_OK, paper, device }, invoice: { ...PRINTER_OK, paper, device }, a4: { ...PRINTER_OK, paper, device } },
  });

  it('one printer stopped: it still serves, someone must go (visit)', () => {
    expect(assess(beat('K', { devices: printers('receipt', { paper: 'out', device: 'offline' }) })).health).toBe('visit');
  });
  it('no printer can print, or no card reader: nobody is served (down)', () => {
    expect(assess(beat('K', { devices: allOut('out', 'offline') })).health).toBe('down');
    expect(assess(beat('K', { devices: { idcard: { device: 'hardwareError', media: 'unknown' }, printers: allOut('full').printers } })).health).toBe('down');
  });
  it('silent past the threshold: stale, whatever its last heartbeat said', () => {
    expect(assess(beat('K', { ageMs: 3600_000, devices: allOut('out') })).health).toBe('stale');
    expect(assess(beat('K', { ageMs: 3600_000 })).health).toBe('stale');
  });
  it('stock low, a refusal or a backlog alone: visit; nothing: ok', () => {
    expect(assess(beat('K', { stock: [{ type: 't', remaining: 1 }] })).health).toBe('visit');
    expect(assess(beat('K', { outbox: { pending: 9, oldestAgeSeconds: 7200, dead: 0 } })).health).toBe('visit');
    expect(assess(beat('K')).health).toBe('ok');
  });
  it('counts every health, zero included', () => {
    expect(countByHealth(['ok', 'ok', 'stale'])).toEqual({ ok: 2, visit: 0, down: 0, stale: 1 });
  });
});

describe('health of a version-1 heartbeat (older builds)', () => {
  it('reads it as v2 with unknown stock and audit head and no refusal, and judges it by the same rules', () => {
    const {
      stock: _stock,
      audit: _audit,
      config,
      format: _format,
      ...rest
    } = beat('OLD', { devices: printers('receipt', { paper: 'out', device: 'offline' }) });
    const v1 = { ...rest, format: HEARTBEAT_FORMAT_V1, config: { version: config.version, hash: config.hash } };
    const read = parseAnyHeartbeat(JSON.parse(JSON.stringify(v1)));
    expect(read).toMatchObject({ kioskId: 'OLD', stock: [], audit: null, config: { version: 5, refused: null } });
    if (read === null) throw new Error('not read');
    expect(assess(read)).toMatchObject({ health: 'visit', reasons: [{ code: 'paperOut', subject: 'receipt', value: null }] });
  });
  it('reads neither a v1 heartbeat carrying v2 fields nor something else', () => {
    const v2 = beat('K');
    expect(parseAnyHeartbeat({ ...v2, format: HEARTBEAT_FORMAT_V1 })).toBeNull();
    expect(parseAnyHeartbeat({ hello: 'world' })).toBeNull();
  });
});
