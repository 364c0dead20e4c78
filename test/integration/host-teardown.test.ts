import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost, hostInternals } from '../../electron/host/host';

/**
 * host.ts registers each part as it makes it; stop() disposes them newest
 * first (electron/host/disposable-store.ts). A part made later than this
 * list is caught by the first assertion until it is added here too.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-teardown-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('host teardown', () => {
  it('registers every part it makes, and stop() leaves none registered', async () => {
    const host = await createHost({ dataDir, shell: 'chromium' });
    const internals = hostInternals(host);
    expect(internals.parts()).toEqual([
      'log',
      'database',
      'configWatch',
      'taxBackend',
      'delivery',
      'configConsumer',
      'session',
      'heartbeat',
      'heartbeatOnConfig',
      'heartbeatOnRefusal',
      'diagnostics',
      'devices',
      'deviceReopen',
      'configEvents',
    ]);
    await host.start();
    expect(internals.simulators()).not.toBeNull();
    await host.stop();
    expect(internals.parts()).toEqual([]);
    // The database is closed: the log's last line says the host stopped.
    const log = fs
      .readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(log.at(-1) ?? '{}')).toMatchObject({ event: 'host.stop' });
    await host.stop(); // a second stop is harmless
  }, 30_000);
});
