import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../../shared/contract/kiosk-api';
import type { Result } from '../../../shared/contract/result';
import { IDLE_SESSION, type SessionView } from '../../../shared/contract/session';
import { createController } from '../../../renderer/src/app/controller';
import { preloadBridge } from '../../../renderer/src/bridge';
import { createKioskStore } from '../../../renderer/src/store';

/** 长辈模式 in the renderer: the switch, the host told while a visit is on, and the visit's end. */
const visit = (id: string, deadline = 1_000_000): SessionView => ({
  state: 'active',
  sessionId: id,
  person: { cardType: 'resident', maskedName: '李*明', maskedId: '370102********1234', sex: 'male' },
  rejection: null,
  idle: { deadline, warnMs: 15_000 },
});

function fakeHost(elderlyDefault?: boolean) {
  const calls: { method: string; payload: unknown }[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  let session: SessionView = IDLE_SESSION;
  const answers: Record<string, (payload: unknown) => unknown> = {
    'app.info': () => ({
      version: '1',
      shell: 'electron',
      defaultLang: 'zh-CN',
      simulators: false,
      kioskId: 'K1',
      ...(elderlyDefault === undefined ? {} : { elderlyDefault }),
    }),
    'session.get': () => session,
    'session.setElderly': (p) => (session = { ...session, idle: { deadline: (p as { elderly: boolean }).elderly ? 2_000_000 : 1_000_000, warnMs: 15_000 } }),
  };
  const api: KioskApi = {
    invoke(method, payload) {
      calls.push({ method, payload });
      const answer = answers[method];
      const result: Result<unknown> = answer ? { ok: true, value: answer(payload) } : { ok: false, error: { code: 'unknownMethod', message: method } };
      return Promise.resolve(result);
    },
    on(event, listener) {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  const emit = (view: SessionView) => {
    session = view;
    listeners.get('session.changed')?.(view);
  };
  return { api, calls, emit, elderlyCalls: () => calls.filter((c) => c.method === 'session.setElderly').map((c) => c.payload) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('elderly mode (长辈模式)', () => {
  it('chosen on the attract screen: the screen at once, the host when the visit starts (longer idle timeout)', async () => {
    const host = fakeHost();
    const store = createKioskStore();
    const controller = createController(preloadBridge(host.api), store);
    await flush();
    controller.setElderly(true);
    expect(store.getState().elderly).toBe(true);
    expect(host.elderlyCalls()).toEqual([]); // no visit yet: nothing for the host to time
    host.emit(visit('v1'));
    await flush();
    expect(host.elderlyCalls()).toEqual([{ elderly: true }]);
    expect(store.getState().session.idle?.deadline).toBe(2_000_000);
  });

  it('switched on the menu: the host is told at once; off again, too', async () => {
    const host = fakeHost();
    const store = createKioskStore();
    const controller = createController(preloadBridge(host.api), store);
    await flush();
    host.emit(visit('v1'));
    await flush();
    expect(host.elderlyCalls()).toEqual([]);
    controller.setElderly(true);
    controller.setElderly(false);
    await flush();
    expect(host.elderlyCalls()).toEqual([{ elderly: true }, { elderly: false }]);
  });

  it('the visit ends: back to normal, and the next visit starts normal', async () => {
    const host = fakeHost();
    const store = createKioskStore();
    const controller = createController(preloadBridge(host.api), store);
    await flush();
    host.emit(visit('v1'));
    controller.setElderly(true);
    host.emit(IDLE_SESSION);
    expect(store.getState().elderly).toBe(false);
    host.emit(visit('v2'));
    await flush();
    expect(host.elderlyCalls()).toEqual([{ elderly: true }]);
  });

  it('a kiosk whose default is elderly mode starts and ends every visit in it', async () => {
    const host = fakeHost(true);
    const store = createKioskStore();
    const controller = createController(preloadBridge(host.api), store);
    await flush();
    expect(store.getState().elderly).toBe(true);
    host.emit(visit('v1'));
    await flush();
    expect(host.elderlyCalls()).toEqual([]); // the host starts the visit in it by itself
    controller.setElderly(false);
    host.emit(IDLE_SESSION);
    expect(store.getState().elderly).toBe(true);
  });
});
