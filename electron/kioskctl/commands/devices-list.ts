import { EXIT, type Command } from '../command';
import { resolveDataDir } from '../../host/data-dir';
import { ConfigError, loadLocalConfig } from '../../host/local-config';
import type { Inventory } from '../../../devices/inventory/device-inventory';
import { scanInventory } from '../../../devices/inventory/scan-inventory';

const HELP = `Usage: kioskctl devices list [--data-dir DIR] [--json]

Lists every serial port and HID device this machine shows, what the kiosk
recognises each as (by USB vendor/product id), and which role of the kiosk's
device map (kiosk.json "devices") points at it. Configured ports the machine
does not show are listed under "missing" — check the cable and the port name.
Nothing is opened or probed: safe while the kiosk is running.

Options:
  --data-dir DIR  kiosk data directory, for kiosk.json (default: KIOSK_DATA_DIR or the app data folder)
  --json          one JSON object: {"devices":[{"bus","path","usbId","description","matched","roles"}],
                  "missing":[{"role","port","exists"}]}
                  bus is "serial" or "hid"; usbId "0x067b:0x2303" or null; matched a
                  description or null; roles from "idcard", "receiptPrinter", "invoicePrinter".

Exit codes:
  0   listed, every configured port is present
  1   listed, but a configured port is missing
  2   kiosk.json is invalid (the reason is printed)
  64  unknown flag`;

function printTable(inventory: Inventory, out: (line: string) => void): void {
  if (inventory.devices.length === 0) out('no serial ports or HID devices found');
  for (const d of inventory.devices) {
    const roles = d.roles.length > 0 ? `  [${d.roles.join(', ')}]` : '';
    out(`${d.bus.padEnd(6)} ${d.path}  ${d.usbId ?? '-'}  ${d.description ?? ''}${roles}`.trimEnd());
    if (d.matched) out(`       → ${d.matched}`);
  }
  for (const m of inventory.missing) {
    out(
      `missing: ${m.role} is configured on ${m.port}${m.exists ? ' (the path exists but is not an enumerated device: a simulator PTY?)' : ', which this machine does not show'}`,
    );
  }
}

export const devicesListCommand: Command = {
  path: ['devices', 'list'],
  summary: 'list serial ports and HID devices, what each matched, and the device map',
  help: HELP,
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    let devicesConfig;
    try {
      devicesConfig = loadLocalConfig(resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined)).devices;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return EXIT.refused;
    }
    const inventory = await scanInventory(devicesConfig);
    if (values.json) io.out(JSON.stringify(inventory));
    else printTable(inventory, io.out);
    return inventory.missing.some((m) => !m.exists) ? EXIT.failure : EXIT.ok;
  },
};
