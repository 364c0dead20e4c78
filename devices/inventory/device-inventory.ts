import type { LocalConfig } from '../../shared/config/local-config';
import { SERIAL_BRIDGE_IDS } from '../idcard/discovery';
import { hidModelFor } from '../idcard/hid-models';

/**
 * What a technician needs to see when a device is "not found": every serial
 * port and HID device the OS shows, which of them the kiosk's device map
 * points at, and what the kiosk recognises each as (by VID/PID). Pure: the
 * enumeration is passed in, so the matching is tested on plain data.
 */

export type DeviceRole = 'idcard' | 'receiptPrinter' | 'invoicePrinter';

export interface SeenSerialPort {
  path: string;
  vendorId: number | null;
  productId: number | null;
  manufacturer: string | null;
}

export interface SeenHidDevice {
  path: string;
  vendorId: number;
  productId: number;
  product: string | null;
  manufacturer: string | null;
}

export interface InventoryEntry {
  bus: 'serial' | 'hid';
  path: string;
  /** `0x067b:0x2303` style, null when the OS does not say (a plain UART, a PTY). */
  usbId: string | null;
  /** Manufacturer or product string as the OS reports it. */
  description: string | null;
  /** What the kiosk recognises it as, or null. */
  matched: string | null;
  /** Roles in the device map that point at this path. */
  roles: DeviceRole[];
}

export interface Inventory {
  devices: InventoryEntry[];
  /**
   * Roles whose configured port the OS does not enumerate: the first thing to
   * check on site. `exists` is true when the path is there all the same (a
   * pseudo-terminal of a simulator, or a port the OS does not list).
   */
  missing: { role: DeviceRole; port: string; exists: boolean }[];
}

export interface PathFacts {
  /** Follows symlinks (`/dev/serial/by-id/...` → `/dev/ttyUSB0`); the path itself when it cannot. */
  resolve(path: string): string;
  exists(path: string): boolean;
}

const NO_FILESYSTEM: PathFacts = { resolve: (p) => p, exists: () => false };

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

function usbId(vendorId: number | null, productId: number | null): string | null {
  return vendorId === null || productId === null ? null : `${hex4(vendorId)}:${hex4(productId)}`;
}

/** The configured port per role (only those that name a port). */
export function configuredPorts(devices: LocalConfig['devices']): { role: DeviceRole; port: string }[] {
  const out: { role: DeviceRole; port: string }[] = [];
  if (devices.idcard.port) out.push({ role: 'idcard', port: devices.idcard.port });
  if (devices.receiptPrinter.port) out.push({ role: 'receiptPrinter', port: devices.receiptPrinter.port });
  if (devices.invoicePrinter.port) out.push({ role: 'invoicePrinter', port: devices.invoicePrinter.port });
  return out;
}

export function buildInventory(
  serial: readonly SeenSerialPort[],
  hid: readonly SeenHidDevice[],
  devices: LocalConfig['devices'],
  paths: PathFacts = NO_FILESYSTEM,
): Inventory {
  const wanted = configuredPorts(devices).map((w) => ({ ...w, real: paths.resolve(w.port) }));
  const rolesOf = (path: string) => wanted.filter((w) => w.port === path || w.real === path).map((w) => w.role);
  const entries: InventoryEntry[] = [];
  for (const port of serial) {
    const bridge = SERIAL_BRIDGE_IDS.find((b) => b.vendorId === port.vendorId && b.productId === port.productId);
    entries.push({
      bus: 'serial',
      path: port.path,
      usbId: usbId(port.vendorId, port.productId),
      description: port.manufacturer,
      matched: bridge ? `USB-serial bridge ${bridge.chip} (ID-card reader candidate)` : null,
      roles: rolesOf(port.path),
    });
  }
  for (const device of hid) {
    const model = hidModelFor(device.vendorId, device.productId);
    entries.push({
      bus: 'hid',
      path: device.path,
      usbId: usbId(device.vendorId, device.productId),
      description: [device.manufacturer, device.product].filter((s): s is string => !!s).join(' ') || null,
      matched: model ? `ID-card reader: ${model.name}${model.verified ? '' : ' (table row not yet verified on hardware)'}` : null,
      roles: rolesOf(device.path),
    });
  }
  const seen = new Set(entries.map((e) => e.path));
  const missing = wanted.filter((w) => !seen.has(w.port) && !seen.has(w.real)).map((w) => ({ role: w.role, port: w.port, exists: paths.exists(w.port) }));
  return { devices: entries, missing };
}
