import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startIdCardSimulator, type IdCardSimulator } from '../../devices/simulators/idcard/idcard-simulator';
import { CARD_PROFILES, PROFILE_NAMES } from '../../devices/simulators/idcard/profiles';
import { rejectionFor } from '../../shared/domain/card-checks';
import { READ_FRAME_BYTES, READ_FRAME_CARD, readTextPhotoFrame } from '../fixtures/sam/read-text-photo-1295';
import { recordingReader, scriptedSamDevice, waitFor } from './idcard-helpers';

let sim: IdCardSimulator | null = null;
let rec: ReturnType<typeof recordingReader> | null = null;

/** Fails with the driver's state instead of a bare hook timeout if a stop ever hangs. */
function within<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms (driver state ${rec?.reader.stateName() ?? '?'})`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

afterEach(async () => {
  await within('reader.stop()', 15_000, rec?.reader.stop() ?? Promise.resolve());
  await within('sim.close()', 15_000, sim?.close() ?? Promise.resolve());
  rec = null;
  sim = null;
});

async function setup(profile?: string) {
  sim = await startIdCardSimulator(profile ? { profile } : {});
  rec = recordingReader(sim.portPath);
  rec.reader.start();
  await waitFor('reader online', () => rec!.reader.status().device === 'online');
  return { sim, rec };
}

const reads = (r: NonNullable<typeof rec>) => r.cards.filter((e) => e.type === 'cardRead');

describe('ID-card reader over a real PTY with the simulator', () => {
  it('reads every profile, with the checks the kiosk acts on', async () => {
    const { sim, rec } = await setup();
    expect(rec.reader.status()).toMatchObject({ device: 'online', media: 'notPresent', port: sim.portPath });
    for (const name of PROFILE_NAMES) {
      const before = rec.cards.length;
      await sim.place(name);
      const read = await waitFor(`read of ${name}`, () => rec.cards.slice(before).find((e) => e.type === 'cardRead'));
      expect(read.type === 'cardRead' && read.card).toEqual(CARD_PROFILES[name]);
      const rejection = read.type === 'cardRead' ? rejectionFor(read.checks) : 'x';
      const expected = name === 'resident-expired' ? 'expired' : name === 'resident-bad-check' ? 'badCheckCharacter' : null;
      expect(rejection).toBe(expected);
      expect(rec.reader.status().media).toBe('present');
      await sim.lift();
      await waitFor(`removal of ${name}`, () => rec.cards.slice(before).some((e) => e.type === 'cardRemoved'));
      expect(rec.cards.slice(before).map((e) => e.type)).toEqual(['cardFound', 'cardRead', 'cardRemoved']);
    }
    expect(rec.reader.status().media).toBe('notPresent');
  });

  it('does not read a card left on the reader twice, and sees a lift within a second', async () => {
    const { sim, rec } = await setup('resident');
    await waitFor('read', () => reads(rec).length === 1);
    // The card stays: the halted card fails find-card (80) but still answers select.
    await new Promise((r) => setTimeout(r, 600));
    expect(reads(rec)).toHaveLength(1);
    expect(rec.cards.some((e) => e.type === 'cardRemoved')).toBe(false);
    await sim.lift();
    // How fast the lift is seen is a figure for `npm run bench`, not an assertion here.
    await waitFor('removal', () => rec.cards.some((e) => e.type === 'cardRemoved'));
  });

  it('taps frames with a summary and without personal data', async () => {
    const { sim, rec } = await setup();
    await sim.place('resident');
    await waitFor('read', () => reads(rec).length === 1);
    const summary = rec.frames.find((f) => f.direction === 'rx' && f.summary.startsWith('read text+photo'));
    expect(summary?.summary).toContain('text 256 B, photo 1024 B');
    const all = rec.frames.map((f) => f.summary + Buffer.from(f.bytes).toString('utf16le') + Buffer.from(f.bytes.subarray(1)).toString('utf16le')).join('|');
    for (const secret of ['测试甲', '11010519491231002X', '示例路']) expect(all).not.toContain(secret);
    expect(rec.frames.some((f) => f.direction === 'tx' && Buffer.from(f.bytes).toString('hex') === 'aaaaaa966900032001' + '22')).toBe(true);
  });

  it('reports a card lifted mid-read (41) as readFailed userError, never data, then recovers', async () => {
    const { sim, rec } = await setup();
    sim.fault('liftMidRead');
    await sim.place('resident');
    const failed = await waitFor('readFailed', () => rec.cards.find((e) => e.type === 'readFailed'));
    expect(failed).toMatchObject({ type: 'readFailed', code: 'userError' });
    expect(reads(rec)).toHaveLength(0);
    await waitFor('removed', () => rec.cards.some((e) => e.type === 'cardRemoved'));
    await sim.place('resident');
    await waitFor('read after recovery', () => reads(rec).length === 1);
    expect(rec.reader.status().device).toBe('online');
  });

  it('reports a read cut off mid-frame as readFailed userError (timeout), then reads again', async () => {
    const { sim, rec } = await setup();
    sim.fault('liftMidFrame');
    await sim.place('resident-long-term');
    const failed = await waitFor('readFailed', () => rec.cards.find((e) => e.type === 'readFailed'));
    expect(failed).toMatchObject({ type: 'readFailed', code: 'userError' });
    expect(rec.reader.status().device).toBe('userError');
    await waitFor('removed', () => rec.cards.some((e) => e.type === 'cardRemoved'));
    await sim.place('resident-long-term');
    const read = await waitFor('read', () => reads(rec)[0]);
    expect(read.type === 'cardRead' && read.card.validTo).toBeNull();
  });

  it('reports a corrupted checksum on the read as readFailed invalidData, never data', async () => {
    const { sim, rec } = await setup();
    sim.fault('badChecksumOnRead');
    await sim.place('resident');
    const failed = await waitFor('readFailed', () => rec.cards.find((e) => e.type === 'readFailed'));
    expect(failed).toMatchObject({ code: 'invalidData' });
    expect(reads(rec)).toHaveLength(0);
    expect(rec.frames.some((f) => f.summary.startsWith('bad checksum'))).toBe(true);
    await sim.lift();
    await waitFor('removed', () => rec.cards.some((e) => e.type === 'cardRemoved'));
    await sim.place('resident');
    await waitFor('read after a clean answer', () => reads(rec).length === 1);
  });

  it('shrugs off one corrupted poll answer: stays online', async () => {
    const { sim, rec } = await setup();
    const before = rec.frames.length;
    sim.fault('badChecksum');
    await waitFor('bad frame seen', () => rec.frames.slice(before).some((f) => f.summary.startsWith('bad checksum')));
    await new Promise((r) => setTimeout(r, 200));
    expect(rec.reader.status().device).toBe('online');
    expect(rec.cards).toHaveLength(0);
  });

  it('goes to hardwareError when the reader falls silent, and back online when it answers', async () => {
    const { sim, rec } = await setup();
    sim.fault('silence');
    await waitFor('hardwareError', () => rec.reader.status().device === 'hardwareError');
    expect(rec.reader.status().detail).toContain('does not answer');
    sim.fault('none');
    await waitFor('online again', () => rec.reader.status().device === 'online');
    await sim.place('foreign-2023');
    await waitFor('read', () => reads(rec).length === 1);
  });

  it('reports noDevice on unplug and finds the reader again on replug without a restart', async () => {
    const { sim, rec } = await setup();
    await sim.unplug();
    await waitFor('noDevice', () => rec.reader.status().device === 'noDevice');
    expect(fs.existsSync(sim.portPath)).toBe(false);
    await new Promise((r) => setTimeout(r, 500)); // a few failed reconnect attempts
    expect(rec.reader.status().device).toBe('noDevice');
    await sim.replug();
    await waitFor('online after replug', () => rec.reader.status().device === 'online');
    await sim.place('hk-macau-taiwan');
    const read = await waitFor('read', () => reads(rec)[0]);
    expect(read.type === 'cardRead' && read.card.cardType).toBe('hkMacauTaiwanPermit');
  });

  it('reports noDevice for a port that does not exist', async () => {
    rec = recordingReader('/tmp/no-such-idcard-port');
    rec.reader.start();
    await waitFor('noDevice', () => rec!.reader.status().device === 'noDevice');
  });

  it('paces the read answer like a 115200 line when asked', async () => {
    sim = await startIdCardSimulator({ paceBaud: 115200 });
    rec = recordingReader(sim.portPath);
    rec.reader.start();
    await waitFor('online', () => rec!.reader.status().device === 'online');
    await sim.place('resident');
    await waitFor('read', () => rec!.cards.some((e) => e.type === 'cardRead'));
    const tx = rec.frames.find((f) => f.direction === 'tx' && f.summary === 'read text+photo');
    const rx = rec.frames.find((f) => f.direction === 'rx' && f.summary.startsWith('read text+photo'));
    expect(rx!.at - tx!.at).toBeGreaterThanOrEqual(100);
  });
});

describe('ID-card reader against literal frames (no codec on the device side)', () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replaceAll(' ', ''), 'hex'));
  let device: Awaited<ReturnType<typeof scriptedSamDevice>> | null = null;
  afterEach(async () => {
    await device?.close();
    device = null;
  });

  it('reads a real-size 1,295-byte text+photo answer (LEN 05 08, checksum 39) into the card it carries', async () => {
    // Requests and answers as docs/devices.md writes them; checksums worked out by hand.
    device = await scriptedSamDevice({
      // read SAM id → 90 + 16 bytes 01..10 (CHK = 14 ^ 90 ^ 10 = 94)
      'AA AA AA 96 69 00 03 12 FF EE': hex('AA AA AA 96 69 00 14 00 00 90 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 94'),
      // find card → 9F + 4 bytes once, then 80 (no card: the card was lifted after the read)
      'AA AA AA 96 69 00 03 20 01 22': [hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'), hex('AA AA AA 96 69 00 04 00 00 80 84')],
      // select card → 90 + 8 bytes once, then 81
      'AA AA AA 96 69 00 03 20 02 21': [hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'), hex('AA AA AA 96 69 00 04 00 00 81 85')],
      // read text + photo → the hand-built 1,295-byte answer
      'AA AA AA 96 69 00 03 30 01 32': readTextPhotoFrame(),
    });
    rec = recordingReader(device.portPath);
    rec.reader.start();
    const read = await waitFor('the card read', () => rec!.cards.find((e) => e.type === 'cardRead' || e.type === 'readFailed'), 8000);
    expect(read).toMatchObject({ type: 'cardRead', card: READ_FRAME_CARD });
    expect(read.type === 'cardRead' && rejectionFor(read.checks)).toBeNull();
    const rx = rec.frames.find((f) => f.direction === 'rx' && f.summary.startsWith('read text+photo'));
    expect(rx?.summary).toContain('text 256 B, photo 1024 B');
    expect(rec.frames.some((f) => f.summary.startsWith('bad checksum'))).toBe(false);
    expect(device.served).toContain('AA AA AA 96 69 00 03 30 01 32');
    expect(device.unknown).toEqual([]);
    expect(READ_FRAME_BYTES).toBe(1295);
  });
});

describe('no leftovers', () => {
  it('leaves no socat running after the tests above', () => {
    let out: string;
    try {
      out = execFileSync('pgrep', ['-P', String(process.pid), 'socat']).toString();
    } catch {
      out = '';
    }
    expect(out.trim()).toBe('');
  });
});
