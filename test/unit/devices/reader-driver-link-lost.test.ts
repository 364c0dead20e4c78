import { describe, expect, it } from 'vitest';
import { ReaderDriver, type ConnectResult } from '../../../devices/idcard/reader-driver';
import { TransportError, TransportEvents, type ByteTransport } from '../../../devices/transports/byte-transport';

/**
 * A port that refuses every write as closed but never reports its close (as
 * serialport can when the device vanished with a drain in flight). The driver
 * must treat it as a lost link and reconnect, not retry in a tight loop that
 * starves the event loop (seen as a 4 GB test worker).
 */
function deadPort(): ByteTransport {
  const events = new TransportEvents();
  return {
    path: '/dev/dead',
    write: () => Promise.reject(new TransportError('port closed', { closed: true })),
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    close: async () => undefined,
  };
}

describe('reader driver with a port that died silently', () => {
  it('reports noDevice and reconnects instead of spinning', async () => {
    let connects = 0;
    const driver = new ReaderDriver({
      connect: async (): Promise<ConnectResult> => {
        connects++;
        return { ok: true, connection: { transport: deadPort(), port: '/dev/dead', model: null } };
      },
      pollIntervalMs: 20,
      reconnectIntervalMs: 50,
    });
    const devices: string[] = [];
    driver.onStatus((s) => devices.push(s.device));
    driver.start();
    // If the loop spun on microtasks, this timer would never fire and the test would time out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await driver.stop();
    expect(devices).toContain('noDevice');
    expect(connects).toBeGreaterThanOrEqual(2);
    expect(connects).toBeLessThan(20);
  });
});
