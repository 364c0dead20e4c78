import type { IdCardDeviceConfig } from '../../shared/config/local-config';
import { TransportError, type ByteTransport } from '../transports/byte-transport';
import { listSerialPorts, openSerialTransport, type SerialPortInfo } from '../transports/serial-transport';
import { listHidReaders, openHidTransport, type HidDeviceInfo } from '../transports/hid-transport';
import { hidModelByKey, HID_MODELS, type HidModel } from './hid-models';
import { READ_SAM_ID, SW3, toHex } from './sam-codec';
import { SamClient } from './sam-client';
import { ReaderDriver, type ConnectResult, type ReaderDriverOptions, type ReaderLog } from './reader-driver';
import type { IdCardReader } from './reader-types';

/**
 * USB-serial bridges found inside SAM readers (EXAMPLES: generic chips, so a
 * match only ranks a port first; the "read SAM id" probe decides).
 */
export const SERIAL_BRIDGE_IDS: readonly { vendorId: number; productId: number; chip: string }[] = [
  { vendorId: 0x067b, productId: 0x2303, chip: 'Prolific PL2303' },
  { vendorId: 0x1a86, productId: 0x7523, chip: 'WCH CH340' },
  { vendorId: 0x10c4, productId: 0xea60, chip: 'Silicon Labs CP210x' },
  { vendorId: 0x0403, productId: 0x6001, chip: 'FTDI FT232' },
];

export interface DiscoveryDeps {
  openSerial?: (path: string, baud: number) => Promise<ByteTransport>;
  listSerialPorts?: () => Promise<SerialPortInfo[]>;
  listHidReaders?: () => HidDeviceInfo[];
  openHid?: (path: string, model: HidModel) => Promise<ByteTransport>;
  /** Ports that belong to other devices (printers): never probed. */
  excludePorts?: readonly string[];
  /** Answer timeout of the SAM-id probe. Defaults to 500 ms. */
  probeTimeoutMs?: number;
  log?: ReaderLog;
  /** Poll intervals, timeouts and the clock, passed to the driver. */
  driver?: Omit<ReaderDriverOptions, 'connect' | 'log'>;
}

const FALLBACK_BAUD = 9600;

/**
 * Asks "read SAM id" (12 FF); a 90 answer with 16 bytes means a SAM reader is
 * there (`samId`). `brokenAnswer`: something answered with a frame that failed
 * its checksum or length: a protocol fault, not a missing reader.
 */
type Probe = { samId: string } | { brokenAnswer: string } | null;
async function probeSam(transport: ByteTransport, timeoutMs: number): Promise<Probe> {
  const client = new SamClient(transport, { timeoutMs });
  try {
    const r = await client.send(READ_SAM_ID);
    if (r.ok) return r.frame.sw3 === SW3.ok ? { samId: toHex(r.frame.data).replaceAll(' ', '') } : null;
    return r.error.code === 'badChecksum' || r.error.code === 'badLength' ? { brokenAnswer: r.error.code } : null;
  } finally {
    client.dispose();
  }
}

const BROKEN_WORDS: Record<string, string> = { badChecksum: 'a bad checksum', badLength: 'a bad length' };

/** Every probe failed: silent is "no SAM answer" (hardware); answered with broken frames is a protocol error. */
function probeFailure(where: string, broken: readonly string[]): Extract<ConnectResult, { ok: false }> {
  if (broken.length === 0) return { ok: false, device: 'hardwareError', detail: `no SAM answer ${where}` };
  const what = [...new Set(broken)].map((b) => BROKEN_WORDS[b] ?? b).join(' or ');
  return { ok: false, device: 'hardwareError', protocolError: true, detail: `protocol error: every SAM answer ${where} had ${what}` };
}

async function connectSerial(path: string, firstBaud: number, deps: DiscoveryDeps): Promise<ConnectResult> {
  const open = deps.openSerial ?? ((p, baudRate) => openSerialTransport({ path: p, baudRate }));
  const bauds = firstBaud === FALLBACK_BAUD ? [FALLBACK_BAUD, 115200] : [firstBaud, FALLBACK_BAUD];
  const broken: string[] = [];
  for (const baud of bauds) {
    let transport: ByteTransport;
    try {
      transport = await open(path, baud);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, device: 'noDevice', detail: error instanceof TransportError && error.flags.notFound ? `${path} not found` : detail };
    }
    const probe = await probeSam(transport, deps.probeTimeoutMs ?? 500);
    if (probe && 'samId' in probe) {
      deps.log?.info({ event: 'idcard.probe', port: path, baud, samId: probe.samId }, 'SAM reader answered');
      return { ok: true, connection: { transport, port: path, model: `SAM reader @${baud}` } };
    }
    if (probe) broken.push(probe.brokenAnswer);
    await transport.close().catch(() => undefined);
  }
  return probeFailure(`on ${path} at ${bauds.join(' or ')} baud`, broken);
}

async function connectHid(info: { path: string; model: HidModel }, deps: DiscoveryDeps): Promise<ConnectResult> {
  const open = deps.openHid ?? openHidTransport;
  let transport: ByteTransport;
  try {
    transport = await open(info.path, info.model);
  } catch (error) {
    return { ok: false, device: 'noDevice', detail: error instanceof Error ? error.message : String(error) };
  }
  const probe = await probeSam(transport, deps.probeTimeoutMs ?? 500);
  if (probe && 'samId' in probe) return { ok: true, connection: { transport, port: info.path, model: info.model.name } };
  await transport.close().catch(() => undefined);
  return probeFailure(`from HID ${info.path}`, probe ? [probe.brokenAnswer] : []);
}

/** Serial ports worth probing: known bridge chips first, then the rest (not the excluded ones). */
function rankPorts(ports: SerialPortInfo[], exclude: readonly string[]): SerialPortInfo[] {
  const known = (p: SerialPortInfo) => SERIAL_BRIDGE_IDS.some((b) => b.vendorId === p.vendorId && b.productId === p.productId);
  const usable = ports.filter((p) => !exclude.includes(p.path));
  return [...usable.filter(known), ...usable.filter((p) => !known(p))];
}

/** One connect attempt per call, as the config says; the driver calls it again after a failure. */
export function makeConnector(config: IdCardDeviceConfig, deps: DiscoveryDeps = {}): () => Promise<ConnectResult> {
  const hidModels = config.model ? [hidModelByKey(config.model)].filter((m): m is HidModel => m !== null) : HID_MODELS;
  const findHid = () => (deps.listHidReaders ?? (() => listHidReaders(hidModels)))();
  return async () => {
    if (config.transport === 'hid') {
      const model = hidModels[0];
      if (config.port && model) return connectHid({ path: config.port, model }, deps);
      const found = findHid()[0];
      return found ? connectHid(found, deps) : { ok: false, device: 'noDevice', detail: 'no HID reader with a known VID/PID' };
    }
    if (config.port) return connectSerial(config.port, config.baud, deps);
    if (config.transport === 'auto') {
      const hid = findHid()[0];
      if (hid) return connectHid(hid, deps);
    }
    const ports = rankPorts(await (deps.listSerialPorts ?? listSerialPorts)(), deps.excludePorts ?? []);
    for (const port of ports) {
      const r = await connectSerial(port.path, config.baud, deps);
      if (r.ok) return r;
    }
    return { ok: false, device: 'noDevice', detail: `no reader found (${ports.length} serial port(s) probed)` };
  };
}

/**
 * What the host calls: a reader for the configured (or discovered) device.
 * `start()` begins discovery and polling; until a reader answers the status is
 * `noDevice`, and a reader unplugged later is looked for again every second.
 */
export function createIdCardReader(config: IdCardDeviceConfig, deps: DiscoveryDeps = {}): IdCardReader & { stateName(): string; protocolError(): boolean } {
  return new ReaderDriver({ ...deps.driver, connect: makeConnector(config, deps), log: deps.log });
}
