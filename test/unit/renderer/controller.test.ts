import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../../shared/contract/kiosk-api';
import type { Result } from '../../../shared/contract/result';
import { IDLE_SESSION, type SessionView } from '../../../shared/contract/session';
import { createController } from '../../../renderer/src/app/controller';
import { preloadBridge, type Bridge, type BridgeStatus } from '../../../renderer/src/bridge';
import { createKioskStore } from '../../../renderer/src/store';
import type { PrinterKind, PrinterStatus } from '../../../shared/domain/device-status';

const active: SessionView = {
  state: 'active',
  sessionId: 'v1',
  person: { cardType: 'resident', maskedName: '李*明', maskedId: '370102********1234', sex: 'male' },
  rejection: null,
  idle: { deadline: 1_000_000, warnMs: 15_000 },
};

function fakeApi(answers: Record<string, () => unknown>) {
  const calls: string[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  const api: KioskApi = {
    invoke(method) {
      calls.push(method);
      const answer = answers[method];
      const result: Result<unknown> = answer ? { ok: true, value: answer() } : { ok: false, error: { code: 'unknownMethod', message: method } };
      return Promise.resolve(result);
    },
    on(event, listener) {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  return { api, calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function printer(kind: PrinterKind, over: Partial<PrinterStatus> = {}): PrinterStatus {
  return { kind, device: 'online', paper: 'full', coverOpen: false, cutterError: false, port: null, model: null, detail: null, ...over };
}

describe('controller', () => {
  it('syncs app info, session and reader on start', async () => {
    const fake = fakeApi({
      'app.info': () => ({ version: '1', shell: 'electron', defaultLang: 'en', simulators: true, kioskId: 'K9' }),
      'session.get': () => active,
      'devices.status': () => ({
        idcard: { device: 'offline', media: 'unknown', port: null, model: null, detail: null },
        receipt: printer('receipt', { paper: 'out' }),
        invoice: printer('invoice'),
        a4: printer('a4', { device: 'noDevice' }),
      }),
    });
    const store = createKioskStore();
    createController(preloadBridge(fake.api), store);
    await flush();
    expect(store.getState().info?.kioskId).toBe('K9');
    expect(store.getState().session.person?.maskedName).toBe('李*明');
    expect(store.getState().reader?.device).toBe('offline');
    expect(store.getState().printers.receipt?.paper).toBe('out');
    expect(store.getState().printers.invoice?.device).toBe('online');
    expect(store.getState().printers.a4?.device).toBe('noDevice');
    expect(store.getState().host).toBe('open');
  });

  it('follows device.printer events; a slower devices.status answer does not undo a newer event', async () => {
    let answerDevices: (value: unknown) => void = () => undefined;
    const fake = fakeApi({});
    const invoke = fake.api.invoke;
    fake.api.invoke = (method, payload) =>
      method === 'devices.status' ? new Promise((resolve) => (answerDevices = (value) => resolve({ ok: true, value }))) : invoke(method, payload);
    const store = createKioskStore();
    createController(preloadBridge(fake.api), store);
    expect(store.getState().printers).toEqual({ receipt: null, invoice: null, a4: null });
    fake.emit('device.printer', printer('invoice', { coverOpen: true }));
    answerDevices({
      idcard: { device: 'online', media: 'notPresent', port: null, model: null, detail: null },
      receipt: printer('receipt'),
      invoice: printer('invoice'),
      a4: printer('a4'),
    });
    await flush();
    expect(store.getState().printers.invoice?.coverOpen).toBe(true);
    expect(store.getState().printers.receipt?.device).toBe('online');
    fake.emit('device.printer', printer('a4', { paper: 'jammed' }));
    expect(store.getState().printers.a4?.paper).toBe('jammed');
    // An event that fails the contract changes nothing.
    fake.emit('device.printer', { kind: 'laser', device: 'online' });
    expect(Object.keys(store.getState().printers).sort()).toEqual(['a4', 'invoice', 'receipt']);
  });

  it('simulator: sets a printer state through sim.printer.setState', async () => {
    const requests: unknown[] = [];
    const fake = fakeApi({ 'sim.printer.setState': () => ({}) });
    const invoke = fake.api.invoke;
    fake.api.invoke = (method, payload) => {
      if (method === 'sim.printer.setState') requests.push(payload);
      return invoke(method, payload);
    };
    const controller = createController(preloadBridge(fake.api), createKioskStore());
    controller.simPrinterState('a4', 'cover-open');
    controller.simPrinterState('receipt', 'paper-low');
    await flush();
    expect(requests).toEqual([
      { printer: 'a4', state: 'cover-open' },
      { printer: 'receipt', state: 'paper-low' },
    ]);
  });

  it('throttles touches to one per window, and only while active', async () => {
    let now = 0;
    const fake = fakeApi({ 'session.touch': () => active, 'session.get': () => IDLE_SESSION });
    const store = createKioskStore();
    const controller = createController(preloadBridge(fake.api), store, { touchThrottleMs: 2000, now: () => now });
    await flush();
    controller.touch();
    expect(fake.calls.filter((c) => c === 'session.touch')).toHaveLength(0);
    fake.emit('session.changed', active);
    controller.touch();
    now = 1500;
    controller.touch();
    expect(fake.calls.filter((c) => c === 'session.touch')).toHaveLength(1);
    now = 2100;
    controller.touch();
    controller.keepAlive();
    expect(fake.calls.filter((c) => c === 'session.touch')).toHaveLength(3);
  });

  it('an idle event wipes the person', async () => {
    const fake = fakeApi({ 'session.get': () => active });
    const store = createKioskStore();
    createController(preloadBridge(fake.api), store);
    await flush();
    fake.emit('session.changed', IDLE_SESSION);
    expect(store.getState().session).toEqual(IDLE_SESSION);
  });

  it('clears the person when the link to the host is lost, and resyncs on reconnect', async () => {
    const fake = fakeApi({ 'session.get': () => active });
    const statusListeners: ((s: BridgeStatus) => void)[] = [];
    let status: BridgeStatus = 'open';
    const bridge: Bridge = {
      api: fake.api,
      transport: 'websocket',
      status: () => status,
      onStatus: (l) => {
        statusListeners.push(l);
        return () => undefined;
      },
    };
    const set = (s: BridgeStatus) => {
      status = s;
      for (const l of statusListeners) l(s);
    };
    const store = createKioskStore();
    createController(bridge, store);
    await flush();
    expect(store.getState().session.state).toBe('active');
    set('closed');
    expect(store.getState().session).toEqual(IDLE_SESSION);
    expect(store.getState().host).toBe('closed');
    set('open');
    await flush();
    expect(store.getState().session.person?.maskedName).toBe('李*明');
  });

  it('drops events that fail the contract', async () => {
    const fake = fakeApi({});
    const store = createKioskStore();
    createController(preloadBridge(fake.api), store);
    fake.emit('session.changed', { state: 'active', person: { maskedName: 1 } });
    expect(store.getState().session).toEqual(IDLE_SESSION);
  });
});
