import fs from 'node:fs';
import type { LocalConfig } from '../../shared/config/local-config';
import { listAllHidDevices } from '../transports/hid-transport';
import { listSerialPorts } from '../transports/serial-transport';
import { buildInventory, type Inventory, type PathFacts } from './device-inventory';

/** The real filesystem, for `/dev/serial/by-id/...` links and configured ports the OS does not list. */
const FILESYSTEM: PathFacts = {
  resolve(path) {
    try {
      return fs.realpathSync(path);
    } catch {
      return path;
    }
  },
  exists: (path) => fs.existsSync(path),
};

/**
 * Every serial port and HID device this machine shows, matched against the
 * kiosk's device map: what `kioskctl devices list` prints and what both
 * diagnostics bundles (`kioskctl diag bundle`, the diagnostics screen's
 * export) carry as `devices.json`. Enumeration only: nothing is opened or
 * probed, so it is safe while the kiosk has its devices open.
 */
export async function scanInventory(devices: LocalConfig['devices']): Promise<Inventory> {
  return buildInventory(await listSerialPorts(), listAllHidDevices(), devices, FILESYSTEM);
}
