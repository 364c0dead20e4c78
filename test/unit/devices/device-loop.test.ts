import { describe, expect, it } from 'vitest';
import { DeviceLoop, type Connected, type DeviceLoopOptions } from '../../../devices/lifecycle/device-loop';
import { StatusFeed } from '../../../devices/lifecycle/status-feed';
import { PaperThresholds } from '../../../devices/printers/paper-thresholds';
import { ReaderDriver } from '../../../devices/idcard/reader-driver';
import { createReceiptPrinter } from '../../../devices/printers/escpos/receipt-printer';
import { createInvoicePrinter } from '../../../devices/printers/escp/invoice-printer';
import { createA4Printer } from '../../../devices/printers/a4/a4-printer';
import type { DeviceLog } from '../../../devices/device-log';

interface Line {
  level: 'info' | 'warn' | 'error';
  event: string;
  device?: string;
}

function recordingLog(): DeviceLog & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (obj: object) => lines.push({ level, ...(obj as { event: string; device?: string }) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

const until = async (what: string, check: () => boolean): Promise<void> => {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${what} never happened`);
};

/** A scripted device: each connect takes the next answer; each session runs until ended by the test or a stop. */
function scripted(answers: (Connected<number> | Error)[], extra: Partial<DeviceLoopOptions<number>> = {}) {
  const calls: string[] = [];
  const log = recordingLog();
  let endSession: (() => void) | null = null;
  const loop: DeviceLoop<number> = new DeviceLoop<number>({
    device: 'receipt',
    reconnectIntervalMs: 10,
    log,
    async connect() {
      const next = answers.shift() ?? { ok: false, device: 'noDevice', detail: 'script ended' };
      if (next instanceof Error) throw next;
      return next;
    },
    where: (n) => ({ port: `/dev/fake${n}` }),
    async session(n) {
      calls.push(`session ${n}`);
      await new Promise<void>((resolve) => {
        endSession = resolve;
        const poll = async (): Promise<void> => {
          while (!loop.stopping) await loop.sleep(60_000);
          resolve();
        };
        void poll();
      });
    },
    close: async (n) => void calls.push(`close ${n}`),
    interrupt: (n) => void calls.push(`interrupt ${n}`),
    onUnavailable: (failure) => void calls.push(`unavailable ${failure.detail}`),
    onLost: () => void calls.push('lost'),
    onStopped: () => void calls.push('stopped'),
    ...extra,
  });
  return { loop, calls, log, endSession: () => endSession?.() };
}

describe('DeviceLoop: the one lifecycle of every driver', () => {
  it('backs off after a failed connect (a throw is noDevice with its message), then connects', async () => {
    const { loop, calls, log } = scripted([{ ok: false, device: 'noDevice', detail: 'no port' }, new Error('EACCES'), { ok: true, connection: 1 }]);
    loop.start();
    await until('session 1', () => calls.includes('session 1'));
    expect(calls).toEqual(['unavailable no port', 'unavailable EACCES', 'session 1']);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'info', event: 'driver.connected', device: 'receipt' }));
    await loop.stop();
  });

  it('a lost session closes the device, says so, and reconnects after the back-off', async () => {
    const s = scripted([
      { ok: true, connection: 1 },
      { ok: true, connection: 2 },
    ]);
    s.loop.start();
    await until('session 1', () => s.calls.includes('session 1'));
    s.endSession();
    await until('session 2', () => s.calls.includes('session 2'));
    expect(s.calls).toEqual(['session 1', 'close 1', 'lost', 'session 2']);
    expect(s.log.lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'driver.disconnected', device: 'receipt' }));
    await s.loop.stop();
    expect(s.calls.slice(4)).toEqual(['interrupt 2', 'close 2', 'stopped']);
  });

  it('stop() cuts a long back-off short, and a stop before any start still ends in the stopped state', async () => {
    const s = scripted([{ ok: false, device: 'noDevice', detail: 'absent' }], { reconnectIntervalMs: 60_000 });
    await s.loop.stop();
    expect(s.calls).toEqual(['stopped']);
    s.loop.start();
    await until('first attempt', () => s.calls.includes('unavailable absent'));
    await s.loop.stop(); // would wait a minute if the pause were not woken (the test times out first)
    expect(s.calls).toEqual(['stopped', 'unavailable absent', 'stopped']);
  });

  it('a driver bug in the loop is logged as driver.crashed and shown by the driver', async () => {
    let crashed = false;
    const s = scripted([{ ok: false, device: 'noDevice', detail: 'x' }], {
      onUnavailable: () => {
        throw new Error('bug');
      },
      onCrash: () => void (crashed = true),
    });
    s.loop.start();
    await until('crash', () => crashed);
    expect(s.log.lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'driver.crashed', device: 'receipt' }));
    await s.loop.stop();
  });
});

describe('StatusFeed and PaperThresholds', () => {
  it('emits and logs a status once per change', () => {
    const log = recordingLog();
    const seen: string[] = [];
    const feed = new StatusFeed<{ device: string }>({ device: 'invoice', log, initial: { device: 'noDevice' } });
    feed.add((s) => seen.push(s.device));
    for (const device of ['noDevice', 'online', 'online', 'offline', 'offline', 'online']) feed.publish({ device });
    expect(seen).toEqual(['online', 'offline', 'online']);
    expect(log.lines.map((l) => `${l.event} ${l.device ?? ''}`)).toEqual(Array(3).fill('driver.status invoice'));
  });

  it('tells low, out and full once per crossing; a status that says nothing of the paper keeps the level', () => {
    const levels: string[] = [];
    const thresholds = new PaperThresholds('receipt', undefined);
    thresholds.add((level) => levels.push(level));
    for (const paper of ['full', 'low', 'low', 'unknown', 'low', 'out', 'jammed', 'out', 'full', 'full'] as const) thresholds.update(paper);
    expect(levels).toEqual(['low', 'out', 'full']);
  });
});

describe('one log vocabulary for the four drivers', () => {
  it('each says its status as driver.status with its device id', async () => {
    const log = recordingLog();
    const refuse = () => Promise.reject(new Error('no such port'));
    const drivers = [
      new ReaderDriver({ connect: async () => ({ ok: false, device: 'noDevice', detail: 'no reader' }), log }),
      createReceiptPrinter({ port: '/dev/none', open: refuse, log }),
      createInvoicePrinter({ port: '/dev/none', open: refuse, log }),
      createA4Printer({ queue: 'not a queue!', log }),
    ];
    for (const driver of drivers) driver.start();
    await until('four statuses', () => new Set(log.lines.filter((l) => l.event === 'driver.status').map((l) => l.device)).size === 4);
    await Promise.all(drivers.map((driver) => driver.stop()));
    const statusDevices = new Set(log.lines.filter((l) => l.event === 'driver.status').map((l) => l.device));
    expect([...statusDevices].sort()).toEqual(['a4', 'idcard', 'invoice', 'receipt']);
    expect(log.lines.filter((l) => /^(printer|invoicePrinter|idcard)\.status$/.test(l.event))).toEqual([]);
  });
});
