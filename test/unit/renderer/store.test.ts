import { beforeEach, describe, expect, it } from 'vitest';
import { IDLE_SESSION, type SessionView } from '../../../shared/contract/session';
import { createKioskStore, type KioskStore } from '../../../renderer/src/store';

const active: SessionView = {
  state: 'active',
  sessionId: 'visit-1',
  person: { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' },
  rejection: null,
  idle: { deadline: Date.now() + 90_000, warnMs: 15_000 },
};
const info = { version: '1', shell: 'electron', defaultLang: 'zh-CN', simulators: false, kioskId: 'K1' } as const;

let store: KioskStore;
beforeEach(() => {
  store = createKioskStore();
  store.getState().setInfo(info);
  store.getState().setReader({ device: 'online', media: 'notPresent', port: '/dev/ttyUSB0', model: 'X', detail: null });
});

function personTraces(): string {
  const { session, notice, lang } = store.getState();
  return JSON.stringify({ session, notice, lang });
}

describe('kiosk store', () => {
  it('keeps the masked person while the visit is active', () => {
    store.getState().applySession(active);
    expect(store.getState().session.person?.maskedName).toBe('张*三');
  });

  it('reset() clears every trace of the person and the visit', () => {
    store.getState().applySession(active);
    store.getState().setLang('en');
    store.getState().showNotice('active.comingSoon.notice');
    store.getState().reset();
    const state = store.getState();
    expect(state.session).toEqual(IDLE_SESSION);
    expect(state.notice).toBeNull();
    expect(state.lang).toBe('zh-CN');
    expect(personTraces()).not.toMatch(/张|110105|002X/);
    // Kiosk facts survive.
    expect(state.info?.kioskId).toBe('K1');
    expect(state.reader?.device).toBe('online');
  });

  it('an idle session from the host resets the store', () => {
    store.getState().applySession(active);
    store.getState().setLang('en');
    store.getState().applySession({ ...IDLE_SESSION, idle: { deadline: 1, warnMs: 1 } });
    expect(store.getState().session).toEqual(IDLE_SESSION);
    expect(store.getState().lang).toBe('zh-CN');
  });

  it('an idle session keeps the host’s word on the card (left on the reader, just lifted), nothing of the person', () => {
    store.getState().applySession(active);
    store.getState().applySession({ ...IDLE_SESSION, cardLeft: true });
    expect(store.getState().session).toEqual({ ...IDLE_SESSION, cardLeft: true });
    store.getState().applySession({ ...IDLE_SESSION, cardLifted: true });
    expect(store.getState().session).toEqual({ ...IDLE_SESSION, cardLifted: true });
    store.getState().applySession(IDLE_SESSION);
    expect(store.getState().session).toEqual(IDLE_SESSION);
  });

  it('a new visit starts without the last visit’s notice', () => {
    store.getState().applySession(active);
    store.getState().showNotice('active.comingSoon.notice');
    store.getState().applySession({ ...active, idle: { deadline: Date.now() + 1000, warnMs: 500 } });
    expect(store.getState().notice).toBe('active.comingSoon.notice');
    store.getState().applySession({ ...active, sessionId: 'visit-2' });
    expect(store.getState().notice).toBeNull();
  });

  it('takes the default language from app.info only once', () => {
    const fresh = createKioskStore();
    fresh.getState().setInfo({ ...info, defaultLang: 'en' });
    expect(fresh.getState().lang).toBe('en');
    fresh.getState().setLang('zh-CN');
    fresh.getState().setInfo({ ...info, defaultLang: 'en' });
    expect(fresh.getState().lang).toBe('zh-CN');
    fresh.getState().reset();
    expect(fresh.getState().lang).toBe('en');
  });
});
