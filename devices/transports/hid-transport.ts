import HID from 'node-hid';
import { frameToReports, HID_MODELS, HidReportReassembler, type HidModel } from '../idcard/hid-models';
import { TransportError, TransportEvents, type ByteTransport } from './byte-transport';

let driverChosen = false;
/** node-hid's libusb backend detaches kernel drivers; hidraw is the safe choice on Linux. */
function chooseDriver(): void {
  if (driverChosen) return;
  driverChosen = true;
  if (process.platform === 'linux') HID.setDriverType('hidraw');
}

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product: string | null;
  model: HidModel;
}

/** Every HID device the OS shows (for `kioskctl devices list`). Never throws: no HID support → []. */
export function listAllHidDevices(): { path: string; vendorId: number; productId: number; product: string | null; manufacturer: string | null }[] {
  try {
    chooseDriver();
    return HID.devices()
      .filter((d): d is typeof d & { path: string } => typeof d.path === 'string' && d.path !== '')
      .map((d) => ({ path: d.path, vendorId: d.vendorId, productId: d.productId, product: d.product ?? null, manufacturer: d.manufacturer ?? null }));
  } catch {
    return [];
  }
}

/** HID devices matching a model in the table. Never throws: no HID support → []. */
export function listHidReaders(models: readonly HidModel[] = HID_MODELS): HidDeviceInfo[] {
  try {
    chooseDriver();
    const found: HidDeviceInfo[] = [];
    for (const d of HID.devices()) {
      const model = models.find((m) => m.vendorId === d.vendorId && m.productId === d.productId);
      if (model && d.path) found.push({ path: d.path, vendorId: d.vendorId, productId: d.productId, product: d.product ?? null, model });
    }
    return found;
  } catch {
    return [];
  }
}

/**
 * Opens a HID reader: SAM frames go out as the model's reports, reports coming
 * in are unwrapped into the SAM byte stream.
 */
export async function openHidTransport(path: string, model: HidModel): Promise<ByteTransport> {
  chooseDriver();
  let device: HID.HIDAsync;
  try {
    device = await HID.HIDAsync.open(path);
  } catch (error) {
    throw new TransportError(`cannot open HID ${path}: ${error instanceof Error ? error.message : String(error)}`, { notFound: true });
  }
  const events = new TransportEvents();
  const reassembler = new HidReportReassembler(model);

  device.on('data', (report: Buffer) => {
    const chunk = reassembler.push(new Uint8Array(report));
    // A malformed report is dropped; the SAM decoder then sees a broken frame and reports it.
    if (chunk.ok) events.emitData(chunk.bytes);
  });
  // node-hid reports a read error when the device is unplugged.
  device.on('error', (error: Error) => {
    events.finish({ disconnected: true, detail: error.message });
    device.close().catch(() => undefined);
  });

  return {
    path,
    async write(bytes) {
      if (events.closeReason) throw new TransportError('HID device closed', { closed: true });
      for (const report of frameToReports(bytes, model)) {
        const out = Buffer.alloc(report.length + 1);
        out[0] = model.reportId;
        out.set(report, 1);
        try {
          await device.write(out);
        } catch (error) {
          throw new TransportError(error instanceof Error ? error.message : String(error), { disconnected: true });
        }
      }
    },
    onData: (listener) => events.onData(listener),
    onClose: (listener) => events.onClose(listener),
    async close() {
      if (events.closeReason) return;
      events.finish({ disconnected: false });
      await device.close().catch(() => undefined);
    },
  };
}
