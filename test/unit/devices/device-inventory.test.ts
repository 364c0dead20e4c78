import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../../devices/inventory/device-inventory';
import { LocalConfig } from '../../../shared/config/local-config';

const devicesWith = (ports: { idcard?: string; receipt?: string; invoice?: string }) =>
  LocalConfig.parse({
    devices: {
      mode: 'real',
      idcard: ports.idcard ? { transport: 'serial', port: ports.idcard } : {},
      receiptPrinter: ports.receipt ? { port: ports.receipt } : {},
      invoicePrinter: ports.invoice ? { port: ports.invoice } : {},
    },
  }).devices;

describe('device inventory (kioskctl devices list)', () => {
  it('names a known USB-serial bridge and a HID reader from the model table, and which role points at each', () => {
    const inventory = buildInventory(
      [
        { path: '/dev/ttyUSB0', vendorId: 0x067b, productId: 0x2303, manufacturer: 'Prolific' },
        { path: '/dev/ttyS0', vendorId: null, productId: null, manufacturer: null },
      ],
      [{ path: '/dev/hidraw0', vendorId: 0x0400, productId: 0xc35a, product: 'SAM', manufacturer: 'ACME' }],
      devicesWith({ idcard: '/dev/ttyUSB0', receipt: '/dev/ttyS0' }),
    );
    expect(inventory.devices).toEqual([
      {
        bus: 'serial',
        path: '/dev/ttyUSB0',
        usbId: '0x067b:0x2303',
        description: 'Prolific',
        matched: expect.stringContaining('Prolific PL2303'),
        roles: ['idcard'],
      },
      { bus: 'serial', path: '/dev/ttyS0', usbId: null, description: null, matched: null, roles: ['receiptPrinter'] },
      { bus: 'hid', path: '/dev/hidraw0', usbId: '0x0400:0xc35a', description: 'ACME SAM', matched: expect.stringContaining('ID-card reader'), roles: [] },
    ]);
    expect(inventory.missing).toEqual([]);
  });

  it('reports a configured port the machine does not show, and says whether the path exists at all', () => {
    const inventory = buildInventory([], [], devicesWith({ idcard: '/dev/ttyUSB9', invoice: '/dev/pts/7' }), {
      resolve: (p) => p,
      exists: (p) => p === '/dev/pts/7',
    });
    expect(inventory.missing).toEqual([
      { role: 'idcard', port: '/dev/ttyUSB9', exists: false },
      { role: 'invoicePrinter', port: '/dev/pts/7', exists: true },
    ]);
  });

  it('matches a /dev/serial/by-id symlink in the config to the port the OS lists', () => {
    const byId = '/dev/serial/by-id/usb-Prolific-if00-port0';
    const inventory = buildInventory([{ path: '/dev/ttyUSB0', vendorId: 0x067b, productId: 0x2303, manufacturer: null }], [], devicesWith({ idcard: byId }), {
      resolve: (p) => (p === byId ? '/dev/ttyUSB0' : p),
      exists: () => true,
    });
    expect(inventory.devices[0]?.roles).toEqual(['idcard']);
    expect(inventory.missing).toEqual([]);
  });
});
