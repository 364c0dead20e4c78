import { describe, expect, it } from 'vitest';
import { LocalConfig } from '../../../shared/config/local-config';
import { DEFAULT_TIME_ZONE, wallClock, wallDate } from '../../../shared/i18n/clock';
import { deadlineClock } from '../../../renderer/src/flow/issuance-words';
import { createKioskStore } from '../../../renderer/src/store';

/** The kiosk's one time zone: from kiosk.json, Beijing time by default, never the process's zone. */
describe('kiosk time zone', () => {
  it('kiosk.json defaults to Beijing time and refuses a zone nobody knows', () => {
    expect(LocalConfig.parse({}).timeZone).toBe('Asia/Shanghai');
    expect(LocalConfig.parse({ timeZone: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
    expect(LocalConfig.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('reads a moment in the given zone (UTC+8 computed by hand), not the process zone', () => {
    const at = Date.parse('2026-06-01T08:15:59Z');
    expect(wallClock(at, DEFAULT_TIME_ZONE)).toBe('16:15');
    expect(wallClock(at, 'UTC')).toBe('08:15');
    expect(wallClock(Date.parse('2026-06-01T16:05:00Z'), DEFAULT_TIME_ZONE)).toBe('00:05');
    expect(wallDate(Date.parse('2026-06-01T16:05:00Z'), 'zh-CN', DEFAULT_TIME_ZONE)).toContain('6月2日');
  });

  it('the QR deadline is read in the kiosk zone', () => {
    expect(deadlineClock('2026-06-01T08:15:00.000Z', 'Asia/Shanghai')).toBe('16:15');
    expect(deadlineClock('2026-06-01T08:15:00.000Z', 'Europe/London')).toBe('09:15');
    expect(deadlineClock('not a date', 'Asia/Shanghai')).toBe('');
  });

  it('the store keeps Beijing time until the host names a zone, and ignores one it cannot read', () => {
    const store = createKioskStore();
    expect(store.getState().timeZone).toBe('Asia/Shanghai');
    const view = { version: 1, services: { invoiceCollection: true, invoiceIssue: true, iitCertificate: true }, texts: {}, elderlyDefault: false };
    store.getState().applyConfig({ ...view, timeZone: 'Europe/London' });
    expect(store.getState().timeZone).toBe('Europe/London');
    store.getState().applyConfig({ ...view, version: 2, timeZone: 'Nowhere/Else' });
    expect(store.getState().timeZone).toBe('Europe/London');
    store.getState().reset();
    expect(store.getState().timeZone).toBe('Europe/London');
  });
});
