import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../shared/contract/session';
import { SLICE_VISITS, createKioskStore, type KioskState, type KioskStore } from '../../../renderer/src/store';

const SELLER = { id: '92110101L000000116', name: '东城区示例便利店', kind: 'individual', asAgent: false } as const;
const info = { version: '1', shell: 'electron', defaultLang: 'zh-CN', simulators: false, kioskId: 'K1' } as const;

function visit(sessionId: string, maskedName: string): SessionView {
  return {
    state: 'active',
    sessionId,
    person: { cardType: 'resident', maskedName, maskedId: '110105********002X', sex: 'male' },
    rejection: null,
    idle: { deadline: Date.now() + 90_000, warnMs: 15_000 },
  };
}

/** Visit A types a buyer for 发票代开: the buyer's name is A's data. */
function storeWithIssuanceOf(buyerName: string): KioskStore {
  const store = createKioskStore();
  store.getState().setInfo(info);
  store.getState().applySession(visit('visit-A', '张*三'));
  store.getState().startIssuance();
  store.getState().issuanceEvent({ type: 'begun', result: { outcome: 'ok', sellers: [SELLER], unfinished: [], maxLines: 8, limitFen: 9_999_999 } });
  store.getState().issuanceEvent({ type: 'sellerChecked', taxpayerId: SELLER.id, result: { outcome: 'ok' } });
  store.getState().issuanceEvent({ type: 'buyerTyped', value: buyerName });
  expect(store.getState().issuance).toMatchObject({ name: 'buyer', draft: { buyer: { name: buyerName } } });
  return store;
}

describe('the next person sees nothing of the last visit', () => {
  it('visit A → visit B with no idle in between: B starts without A’s 发票代开 (buyer, lines)', () => {
    const store = storeWithIssuanceOf('甲方采购');
    store.getState().applySession(visit('visit-B', '李*四'));
    expect(store.getState().issuance).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain('甲方采购');
  });

  it('visit A → idle → visit B: the same (the idle path)', () => {
    const store = storeWithIssuanceOf('甲方采购');
    store.getState().applySession({ state: 'idle', sessionId: null, person: null, rejection: null, idle: null });
    store.getState().applySession(visit('visit-B', '李*四'));
    expect(store.getState().issuance).toBeNull();
  });
});

/** Every field of the store that is data, not an action. */
function dataKeys(state: KioskState): string[] {
  return Object.keys(state).filter((key) => typeof state[key as keyof KioskState] !== 'function');
}

const kioskFacts = new Set<string>(SLICE_VISITS.flatMap((slice) => slice.kioskFacts as readonly string[]));

/** A store whose kiosk facts are set, then every other field overwritten with a trace of the last person. */
function dirtied(): KioskStore {
  const store = createKioskStore();
  store.getState().setInfo({ ...info, defaultLang: 'en' });
  store.getState().setElderlyDefault(true);
  store.getState().applySession(visit('visit-A', '张*三'));
  const traces = Object.fromEntries(
    dataKeys(store.getState())
      .filter((key) => !kioskFacts.has(key))
      .map((key) => [key, { trace: `last person's ${key}` }]),
  );
  store.setState(traces as Partial<KioskState>);
  return store;
}

describe('every slice declares what a visit leaves behind (store/visit.ts)', () => {
  it('names each data field once, as a record, a choice or a kiosk fact', () => {
    const state = createKioskStore().getState();
    const declared = SLICE_VISITS.flatMap((slice) => [
      ...Object.keys(slice.records),
      ...Object.keys(slice.choices?.(state) ?? {}),
      ...(slice.kioskFacts as readonly string[]),
    ]);
    expect([...declared].sort()).toEqual(dataKeys(state).sort());
  });

  it('reset() puts back every field but the kiosk facts, whatever slice it is in', () => {
    const fresh = createKioskStore();
    fresh.getState().setInfo({ ...info, defaultLang: 'en' });
    fresh.getState().setElderlyDefault(true);
    const store = dirtied();
    store.getState().reset();
    for (const key of dataKeys(fresh.getState()).filter((k) => !kioskFacts.has(k))) {
      expect({ key, value: store.getState()[key as keyof KioskState] }).toEqual({ key, value: fresh.getState()[key as keyof KioskState] });
    }
    expect(store.getState()).toMatchObject({ lang: 'en', elderly: true, muted: false });
    expect(JSON.stringify(store.getState())).not.toContain('last person');
  });

  it('another visit after a visit puts back the same; a visit after the attract screen keeps the choices made there', () => {
    const store = dirtied();
    store.getState().applySession(visit('visit-B', '李*四'));
    expect(JSON.stringify({ ...store.getState(), session: null })).not.toContain('last person');
    expect(store.getState().session.sessionId).toBe('visit-B');

    const fromAttract = createKioskStore();
    fromAttract.getState().setInfo(info);
    fromAttract.getState().setLang('en');
    fromAttract.getState().setElderly(true);
    fromAttract.getState().toggleMuted();
    fromAttract.getState().showNotice('active.comingSoon.notice');
    // A reading screen names no person yet: what was chosen before it still belongs to the card being read.
    fromAttract.getState().applySession({ state: 'reading', sessionId: 'reading-1', person: null, rejection: null, idle: null });
    fromAttract.getState().applySession(visit('visit-C', '王*五'));
    expect(fromAttract.getState()).toMatchObject({ lang: 'en', elderly: true, muted: true, notice: null });
  });

  it('an idle word from the host while nothing but the attract screen is up (diagnostics opened, a card left) keeps the choices made there', () => {
    const store = createKioskStore();
    store.getState().setInfo(info);
    store.getState().setLang('en');
    store.getState().setElderly(true);
    store.getState().applySession({ state: 'idle', sessionId: null, person: null, rejection: null, idle: null });
    expect(store.getState()).toMatchObject({ lang: 'en', elderly: true });
    // The host's word on the card still shows, and goes when the host says it has gone.
    store.getState().applySession({ state: 'idle', sessionId: null, person: null, rejection: null, idle: null, cardLeft: true });
    expect(store.getState().session.cardLeft).toBe(true);
    store.getState().applySession({ state: 'idle', sessionId: null, person: null, rejection: null, idle: null });
    expect(store.getState().session.cardLeft).toBeUndefined();
    expect(store.getState()).toMatchObject({ lang: 'en', elderly: true });
    // After a visit, idle puts the choices back to the kiosk's defaults, as before.
    store.getState().applySession(visit('visit-D', '赵*六'));
    store.getState().applySession({ state: 'idle', sessionId: null, person: null, rejection: null, idle: null });
    expect(store.getState()).toMatchObject({ lang: 'zh-CN', elderly: false });
  });
});
