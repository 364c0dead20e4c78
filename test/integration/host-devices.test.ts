import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import type { EventName } from '../../shared/contract';
import type { PrinterStatus } from '../../shared/domain/device-status';
import { serviceAvailability } from '../../shared/domain/service-availability';
import { hostCalls } from './host-calls';
import { waitFor } from './sync-helpers';

/** The host in simulator mode: every device on a real PTY, driven through the contract. */
let host: KioskHost;
const { call } = hostCalls(() => host);
let dataDir: string;
const seen: { name: EventName; payload: unknown }[] = [];
const ctx = { shell: 'test' } as const;

type Statuses = { receipt: PrinterStatus; invoice: PrinterStatus; a4: PrinterStatus; idcard: { device: string } };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  host = await createHost({ dataDir, shell: 'chromium' });
  host.events.subscribe((name, payload) => seen.push({ name, payload }));
  await host.start();
});
afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kiosk host with simulated devices', () => {
  it('finds the reader and all three printers online', async () => {
    const statuses = await waitFor(async () => {
      const s = (await call('devices.status')) as Statuses;
      return [s.idcard, s.receipt, s.invoice, s.a4].every((d) => d.device === 'online') ? s : undefined;
    });
    expect(statuses.receipt.paper).toBe('full');
    for (const service of ['invoiceCollection', 'invoiceIssue', 'iitCertificate'] as const) {
      expect(serviceAvailability(service, statuses)).toEqual({ available: true });
    }
  });

  it('reports paper out on the receipt printer and switches off the services that need it', async () => {
    await call('sim.printer.setState', { printer: 'receipt', state: 'paper-out' });
    const event = await waitFor(() =>
      seen.find((e) => e.name === 'device.printer' && (e.payload as PrinterStatus).kind === 'receipt' && (e.payload as PrinterStatus).paper === 'out'),
    );
    expect(event).toBeDefined();
    const s = (await call('devices.status')) as Statuses;
    expect(serviceAvailability('invoiceIssue', s)).toEqual({ available: false, printer: 'receipt', fault: 'paperOut' });
    expect(serviceAvailability('iitCertificate', s)).toEqual({ available: false, printer: 'receipt', fault: 'paperOut' });
    await call('sim.printer.setState', { printer: 'receipt', state: 'ready' });
    await waitFor(async () => (((await call('devices.status')) as Statuses).receipt.paper === 'full' ? true : undefined));
  });

  it('turns off only the certificate when the A4 printer is offline', async () => {
    await call('sim.printer.setState', { printer: 'a4', state: 'offline' });
    const s = (await call('devices.status')) as Statuses;
    expect(serviceAvailability('iitCertificate', s)).toEqual({ available: false, printer: 'a4', fault: 'offline' });
    expect(serviceAvailability('invoiceCollection', s)).toEqual({ available: true });
    await call('sim.printer.setState', { printer: 'a4', state: 'ready' });
  });

  it('refuses simulator control with a typed error when the input is bad', async () => {
    const result = await host.router.call('sim.printer.setState', { printer: 'fax', state: 'ready' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
  });
});
