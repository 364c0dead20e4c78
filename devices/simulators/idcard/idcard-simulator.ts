import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import type { IdCard } from '../../../shared/domain/idcard';
import { assertNever } from '../../../shared/assert-never';
import { makeLinkDir } from '../pty-pair';
import { openSimulatedLine } from '../simulated-line';
import { SamCommandDecoder, SW3, encodeResponse, type CommandFrame } from '../../idcard/sam-codec';
import { encodeTextBlock } from '../../idcard/text-block';
import { buildReadResponse } from '../../idcard/read-response';
import { CARD_PROFILES, PROFILE_NAMES, isProfileName, profileCard } from './profiles';

/**
 * A SAM ID-card reader on the far end of a real PTY. It answers the SAM frame
 * protocol from its state (card placed or not, faults), so the kiosk runs its
 * real serialport + codec + driver code against it.
 */
export type SimFault =
  /** Clears every fault. */
  | 'none'
  /** Find card and select answer 80/81 although a card is placed (until cleared). */
  | 'noCard'
  /** The next read answers 41 and the card is gone (lifted mid-read). */
  | 'liftMidRead'
  /** The next read sends half its answer and stops; the card is gone. */
  | 'liftMidFrame'
  /** The next answer has a corrupted checksum. */
  | 'badChecksum'
  /** The next read answer (30 01 / 30 10) has a corrupted checksum. */
  | 'badChecksumOnRead'
  /** Every answer has a corrupted checksum (until cleared): a reader that answers, wrongly. */
  | 'badChecksumAlways'
  /** No answers at all (until cleared). */
  | 'silence';
export const SIM_FAULTS: readonly SimFault[] = [
  'none',
  'noCard',
  'liftMidRead',
  'liftMidFrame',
  'badChecksum',
  'badChecksumOnRead',
  'badChecksumAlways',
  'silence',
];

export interface IdCardSimulatorOptions {
  /** Profile placed at start; none by default. */
  profile?: string;
  /** Directory for the port links; default a fresh temp directory. */
  dir?: string;
  /** Emulate the line speed by pacing writes (bits/s, 10 bits a byte); null = as fast as possible. Defaults to null. */
  paceBaud?: number | null;
  /** Extra or replacement profiles. */
  cards?: Record<string, IdCard>;
}

export interface IdCardSimulator {
  /** The port the kiosk opens; the same path after replug. */
  readonly portPath: string;
  readonly profiles: readonly string[];
  placed(): string | null;
  place(profile: string): Promise<void>;
  lift(): Promise<void>;
  fault(kind: SimFault): void;
  /** Kills the PTY: the kiosk side sees a disconnect and the port path vanishes. */
  unplug(): Promise<void>;
  /** Brings the PTY back on the same port path. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** 16-byte SAM id: fictional. */
const SAM_ID = Uint8Array.from({ length: 16 }, (_, i) => (0x05 + i * 17) & 0xff);
/** Stand-in for the 1024-byte WLT photo: a fixed pattern, not an image. */
const DUMMY_PHOTO = Uint8Array.from({ length: 1024 }, (_, i) => (i * 31 + 7) & 0xff);

export async function startIdCardSimulator(options: IdCardSimulatorOptions = {}): Promise<IdCardSimulator> {
  const cards: Record<string, IdCard> = {};
  for (const name of PROFILE_NAMES) cards[name] = profileCard(name);
  Object.assign(cards, options.cards ?? {});
  const ownDir = options.dir ? null : makeLinkDir('kiosk-idcard-');
  const dir = options.dir ?? ownDir ?? '';
  const portPath = path.join(dir, 'idcard');
  const devicePath = path.join(dir, 'idcard-device');

  let placed: string | null = null;
  /** After a read the card is halted: it answers find card again only after a select. */
  let halted = false;
  let sticky: { noCard: boolean; silence: boolean; badChecksumAlways: boolean } = { noCard: false, silence: false, badChecksumAlways: false };
  let oneShot: 'liftMidRead' | 'liftMidFrame' | 'badChecksum' | 'badChecksumOnRead' | null = null;
  let writing: Promise<void> = Promise.resolve();

  const setPlaced = (name: string | null) => {
    if (name !== null && !Object.hasOwn(cards, name)) throw new Error(`unknown profile "${name}" (known: ${Object.keys(cards).join(', ')})`);
    placed = name;
    halted = false;
  };
  if (options.profile !== undefined) setPlaced(options.profile);

  const write = (bytes: Uint8Array) => {
    const p = line.port();
    if (!p) return;
    writing = writing.then(() => pacedWrite(p, bytes, options.paceBaud ?? null)).catch(() => undefined);
  };

  function respond(sw3: number, data?: Uint8Array): void {
    const frame = encodeResponse(sw3, data);
    if (oneShot === 'badChecksum' || sticky.badChecksumAlways) {
      if (oneShot === 'badChecksum') oneShot = null;
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
    }
    write(frame);
  }

  function handle(cmd: CommandFrame): void {
    if (sticky.silence) return;
    const present = placed !== null && !sticky.noCard;
    const op = (cmd.cmd << 8) | cmd.para;
    switch (op) {
      case 0x10ff: // reset SAM
      case 0x11ff: // SAM status
        return respond(SW3.ok);
      case 0x12ff: // read SAM id
        return respond(SW3.ok, SAM_ID);
      case 0x2001: // find card: a halted card does not answer
        return present && !halted ? respond(SW3.cardFound, new Uint8Array(4)) : respond(SW3.noCard);
      case 0x2002: // select card wakes a halted card
        if (!present) return respond(SW3.selectFailed);
        halted = false;
        return respond(SW3.ok, new Uint8Array(8));
      case 0x3001: // read text + photo
      case 0x3010: // read text + photo + fingerprint (no fingerprint stored: fpLen 0)
        return read(present, op === 0x3010);
      case 0x3003: // read added address: none on our cards
        return present ? respond(SW3.noSuchItem) : respond(SW3.readFailed);
      case 0x6000:
      case 0x6004: // set baud: a PTY has no line speed
        return respond(SW3.ok);
      default:
        return respond(SW3.badCommand);
    }
  }

  function read(present: boolean, withFingerprint: boolean): void {
    if (!present || placed === null) return respond(SW3.readFailed);
    const card = cards[placed];
    if (!card) return respond(SW3.readFailed);
    if (oneShot === 'liftMidRead') {
      oneShot = null;
      setPlaced(null);
      return respond(SW3.readFailed);
    }
    let data = buildReadResponse(encodeTextBlock(card), DUMMY_PHOTO);
    if (withFingerprint) {
      const fp = new Uint8Array(data.length + 2);
      fp.set(data.subarray(0, 4), 0);
      fp.set(data.subarray(4), 6);
      data = fp;
    }
    if (oneShot === 'liftMidFrame') {
      oneShot = null;
      setPlaced(null);
      const frame = encodeResponse(SW3.ok, data);
      return write(frame.subarray(0, Math.floor(frame.length / 2)));
    }
    halted = true;
    if (oneShot === 'badChecksumOnRead') oneShot = 'badChecksum';
    respond(SW3.ok, data);
  }

  function attach(p: SerialPort): void {
    const decoder = new SamCommandDecoder();
    p.on('data', (chunk: Buffer) => {
      for (const item of decoder.push(new Uint8Array(chunk))) {
        if (item.kind === 'command') handle(item);
        else if (item.error === 'badChecksum' && !sticky.silence) respond(0x10);
        else if (item.error === 'badLength' && !sticky.silence) respond(0x11);
      }
    });
  }

  const line = await openSimulatedLine({ portPath, devicePath, baudRate: 115200, attach });

  return {
    portPath,
    profiles: Object.keys(cards),
    placed: () => placed,
    async place(profile) {
      setPlaced(profile);
    },
    async lift() {
      setPlaced(null);
    },
    fault(kind) {
      switch (kind) {
        case 'none':
          sticky = { noCard: false, silence: false, badChecksumAlways: false };
          oneShot = null;
          return;
        case 'noCard':
        case 'silence':
        case 'badChecksumAlways':
          sticky = { ...sticky, [kind]: true };
          return;
        case 'liftMidRead':
        case 'liftMidFrame':
        case 'badChecksum':
        case 'badChecksumOnRead':
          oneShot = kind;
          return;
        default:
          assertNever(kind, 'simulator fault');
      }
    },
    unplug: () => line.unplug(),
    replug: () => line.replug(),
    async close() {
      await line.close();
      if (ownDir) fs.rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

/** Writes in slices timed like a real line (10 bits a byte) when `baud` is set. */
async function pacedWrite(port: SerialPort, bytes: Uint8Array, baud: number | null): Promise<void> {
  const slice = baud ? 64 : bytes.length;
  for (let at = 0; at < bytes.length; at += slice) {
    const part = Buffer.from(bytes.subarray(at, at + slice));
    await new Promise<void>((resolve, reject) => port.write(part, (e) => (e ? reject(e) : port.drain(() => resolve()))));
    if (baud) await new Promise((r) => setTimeout(r, Math.ceil((part.length * 10 * 1000) / baud)));
  }
}

export { CARD_PROFILES, isProfileName };
