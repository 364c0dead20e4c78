import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/kioskctl/main';
import type { CommandIo } from '../../../electron/kioskctl/command';
import { FrameTrace } from '../../../electron/host/diagnostics/frame-trace';
import { removableMounts } from '../../../electron/host/diagnostics/export-targets';
import { verifyPin } from '../../../electron/host/diagnostics/technician-pin';
import { DiagnosticsService, STALE_AFTER_MS } from '../../../electron/host/diagnostics/diagnostics-service';
import { openDatabase } from '../../../electron/host/db/database';
import { AuditLog } from '../../../electron/host/audit/audit-log';
import { silentLogger } from '../../../electron/host/logger';
import type { SessionService } from '../../../electron/host/session/session-service';
import type { ConfigService } from '../../../electron/host/config/config-service';
import { LocalConfig } from '../../../shared/config/local-config';
import { DEMO_TECHNICIAN_PIN } from '../../../shared/contract/services/diagnostics';
import { addTap, DIAG_WINDOW_MS } from '../../../renderer/src/flow/diag-gesture';

describe('frame trace', () => {
  it('keeps the last 50 frames per device and never an ID-card answer’s payload', () => {
    const trace = new FrameTrace();
    // An ID-card read answer: header + SW1–SW3, then text (name, ID number) and photo.
    const answer = new Uint8Array(1295).fill(0x41);
    answer.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x05, 0x08, 0x00, 0x00, 0x90]);
    for (let i = 0; i < 60; i++) trace.record('idcard', { direction: 'rx', bytes: answer, summary: 'read text+photo ← SW 90 ok, 1295 bytes', at: i });
    const frames = trace.frames('idcard');
    expect(frames).toHaveLength(50);
    expect(frames.at(-1)!.at).toBe(new Date(59).toISOString());
    expect(frames[0]!.hex).toBe('aa aa aa 96 69 05 08 00 00 90 …');
    expect(frames[0]!.length).toBe(1295);
    expect(trace.frames('receipt')).toEqual([]);
  });
});

describe('export targets', () => {
  it('finds USB media mounted under /media and /run/media, decoding spaces', () => {
    const mounts = [
      '/dev/sda1 / ext4 rw 0 0',
      '/dev/sdb1 /media/kiosk/USB\\040STICK vfat rw 0 0',
      '/dev/sdc1 /run/media/tech/DIAG vfat rw 0 0',
      'proc /proc proc rw 0 0',
    ].join('\n');
    expect(removableMounts(mounts)).toEqual(['/media/kiosk/USB STICK', '/run/media/tech/DIAG']);
  });
});

describe('hidden gesture', () => {
  it('opens on the fifth tap within 3 s, and slow taps never add up', () => {
    let taps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = addTap(taps, i * 500);
      expect(r.complete).toBe(false);
      taps = r.taps;
    }
    expect(addTap(taps, 2000).complete).toBe(true);
    let slow: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = addTap(slow, i * (DIAG_WINDOW_MS / 4 + 100));
      expect(r.complete).toBe(false);
      slow = r.taps;
    }
  });
});

describe('kioskctl diag pin-hash', () => {
  async function run(stdinText: string): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const stdin = new PassThrough();
    stdin.end(stdinText);
    const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin, stopSignal: new AbortController().signal };
    return { code: await main(['diag', 'pin-hash'], io), out, err };
  }

  it('prints a hash that verifies the PIN and never the PIN itself', async () => {
    const r = await run('48151623\n');
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).not.toContain('48151623');
    expect(verifyPin('48151623', r.out[0]!)).toBe(true);
    expect(LocalConfig.parse({ diagnostics: { pinHash: r.out[0] } }).diagnostics.pinHash).toBe(r.out[0]);
  }, 20_000);

  it('refuses what is not a 6–12 digit PIN (exit 64)', async () => {
    expect((await run('12ab\n')).code).toBe(64);
    expect((await run('')).code).toBe(64);
  });
});

describe('diagnostics without a configured PIN', () => {
  function service(mode: 'sim' | 'real') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-unit-'));
    const db = openDatabase(dataDir);
    let ended: string | null = null;
    let clock = Date.parse('2026-03-01T02:00:00Z');
    const session = { end: (reason: string) => (ended = reason) } as unknown as SessionService;
    const svc = new DiagnosticsService({
      db,
      dataDir,
      config: () => LocalConfig.parse({ devices: { mode } }),
      audit: new AuditLog(db),
      session,
      devices: () => null,
      configs: {} as ConfigService,
      log: silentLogger(),
      backendLink: () => ({ connected: null, detail: null }),
      now: () => new Date(clock),
    });
    return { svc, ended: () => ended, advance: (ms: number) => (clock += ms), close: () => (db.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
  }

  it('refuses on a real kiosk as not configured, even the demo PIN', () => {
    const s = service('real');
    expect(s.svc.enter(DEMO_TECHNICIAN_PIN)).toEqual({ outcome: 'notConfigured' });
    expect(s.svc.isOpen()).toBe(false);
    expect(() => s.svc.status()).toThrow(/not open/);
    expect(s.ended()).toBeNull();
    s.close();
  });

  it('accepts the documented demo PIN on a simulator kiosk, and says so', () => {
    const s = service('sim');
    expect(s.svc.enter(DEMO_TECHNICIAN_PIN)).toEqual({ outcome: 'accepted', demoPin: true });
    expect(s.ended()).toBe('diagnostics');
    s.close();
  });

  it('closes by itself when the screen stops calling (reloaded, crashed): cards start visits again', () => {
    const s = service('sim');
    expect(s.svc.enter(DEMO_TECHNICIAN_PIN).outcome).toBe('accepted');
    s.advance(STALE_AFTER_MS - 1000);
    expect(s.svc.isOpen()).toBe(true);
    s.svc.guard();
    s.advance(STALE_AFTER_MS + 1);
    expect(s.svc.isOpen()).toBe(false);
    expect(() => s.svc.guard()).toThrow(/not open/);
    s.close();
  });
});
