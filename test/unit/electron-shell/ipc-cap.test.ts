import { describe, expect, it } from 'vitest';
import { MAX_WIRE_MESSAGE_BYTES } from '../../../shared/contract/wire';
import { exceedsWireCap } from '../../../shared/contract/wire-size';
import { refuseOversizedCall } from '../../../electron/shell-electron/ipc-cap';

/**
 * Issue 14 item 8: the Electron IPC path takes no more than the WebSocket
 * bridge (256 KiB a message), measured on the structured clone it carries.
 */
describe('the IPC message cap', () => {
  it('refuses what the bridge would refuse, as a typed invalidRequest before the router', () => {
    expect(refuseOversizedCall('session.get', { note: 'x'.repeat(300_000) })).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(refuseOversizedCall('session.get', { note: '税'.repeat(100_000) })).not.toBeNull(); // 300,000 UTF-8 bytes
    expect(refuseOversizedCall('session.get', new Uint8Array(MAX_WIRE_MESSAGE_BYTES + 1))).not.toBeNull();
    expect(refuseOversizedCall('session.get', { list: Array.from({ length: 20_000 }, (_, i) => i) })).not.toBeNull();
    expect(refuseOversizedCall('session.get', { note: 'x'.repeat(1000), n: [1, 2, 3] })).toBeNull();
  });

  it('counts keys, Maps and Sets, and treats cycles and absurd nesting as too large', () => {
    const wide = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`key${i}`, 1]));
    expect(exceedsWireCap(wide, MAX_WIRE_MESSAGE_BYTES)).toBe(true);
    expect(exceedsWireCap(new Map([['a', 'x'.repeat(300_000)]]), MAX_WIRE_MESSAGE_BYTES)).toBe(true);
    expect(exceedsWireCap(new Set(['x'.repeat(300_000)]), MAX_WIRE_MESSAGE_BYTES)).toBe(true);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(exceedsWireCap(cycle, MAX_WIRE_MESSAGE_BYTES)).toBe(true);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(exceedsWireCap(deep, MAX_WIRE_MESSAGE_BYTES)).toBe(true);
    const shared = { a: 1 };
    expect(exceedsWireCap({ x: shared, y: shared }, MAX_WIRE_MESSAGE_BYTES)).toBe(false);
  });
});
