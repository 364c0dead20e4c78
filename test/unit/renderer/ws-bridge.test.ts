import { describe, expect, it } from 'vitest';
import { createWsBridge, type SocketLike } from '../../../renderer/src/bridge/ws-bridge';
import { bridgeUrl, takeTokenFromHash } from '../../../renderer/src/bridge/token';
import { ClientMessage } from '../../../shared/contract/wire';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  // test side
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
  calls() {
    return this.sent.map((s) => ClientMessage.parse(JSON.parse(s)));
  }
}

/** Manual timers: the test decides when time passes. */
function manualTimers() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    pendingDelays: () => [...timers.values()].map((t) => t.at - now),
  };
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers = manualTimers();
  const bridge = createWsBridge({
    url: 'ws://kiosk/bridge?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    initialBackoffMs: 100,
    maxBackoffMs: 800,
    callTimeoutMs: 5000,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  const last = () => sockets[sockets.length - 1] as FakeSocket;
  return { bridge, sockets, timers, last };
}

describe('token from the URL hash', () => {
  it('reads #token= once and removes it from the address bar', () => {
    const replaced: (string | null | undefined)[] = [];
    const location = { hash: '#token=s3cr%2Fet', pathname: '/index.html', search: '?x=1' };
    const token = takeTokenFromHash(location, { replaceState: (_d, _u, url) => replaced.push(url) });
    expect(token).toBe('s3cr/et');
    expect(replaced).toEqual(['/index.html?x=1']);
  });

  it('keeps other hash params and does nothing without a token', () => {
    const replaced: (string | null | undefined)[] = [];
    const history = { replaceState: (_d: unknown, _u: string, url?: string | null) => replaced.push(url) };
    expect(takeTokenFromHash({ hash: '#a=1&token=x', pathname: '/', search: '' }, history)).toBe('x');
    expect(replaced).toEqual(['/#a=1']);
    expect(takeTokenFromHash({ hash: '', pathname: '/', search: '' }, history)).toBeNull();
    expect(takeTokenFromHash({ hash: '#a=1', pathname: '/', search: '' }, history)).toBeNull();
    expect(replaced).toHaveLength(1);
  });

  it('builds the bridge URL', () => {
    expect(bridgeUrl('http:', '127.0.0.1:8080', 'a b')).toBe('ws://127.0.0.1:8080/bridge?token=a%20b');
    expect(bridgeUrl('https:', 'kiosk', null)).toBe('wss://kiosk/bridge');
  });
});

describe('WebSocket bridge', () => {
  it('queues calls while connecting and answers them by id', async () => {
    const { bridge, last } = setup();
    expect(bridge.status()).toBe('connecting');
    const answer = bridge.api.invoke('session.get', {});
    expect(last().sent).toHaveLength(0);
    last().open();
    expect(bridge.status()).toBe('open');
    const [call] = last().calls();
    expect(call).toMatchObject({ t: 'call', method: 'session.get', payload: {} });
    last().receive({ t: 'result', id: call?.id, result: { ok: true, value: { hello: 1 } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { hello: 1 } });
  });

  it('fails a call over the 256 KiB wire cap alone, without sending it (the host would close the socket with 1009)', async () => {
    const { bridge, last } = setup();
    last().open();
    // 100,000 CJK characters: 100,000 UTF-16 units, 300,000 UTF-8 bytes.
    const big = await bridge.api.invoke('session.get', { note: '税'.repeat(100_000) });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(last().sent).toHaveLength(0);
    expect(last().closed).toBe(false);
    const small = bridge.api.invoke('session.get', { note: '税'.repeat(1000) });
    expect(last().sent).toHaveLength(1);
    last().receive({ t: 'result', id: last().calls()[0]?.id, result: { ok: true, value: 1 } });
    await expect(small).resolves.toEqual({ ok: true, value: 1 });
  });

  it('dispatches events to subscribers and stops after unsubscribe', () => {
    const { bridge, last } = setup();
    last().open();
    const got: unknown[] = [];
    const off = bridge.api.on('device.idcard', (p) => got.push(p));
    last().receive({ t: 'event', name: 'device.idcard', payload: { a: 1 } });
    last().receive({ t: 'event', name: 'session.changed', payload: { b: 2 } });
    off();
    last().receive({ t: 'event', name: 'device.idcard', payload: { a: 2 } });
    expect(got).toEqual([{ a: 1 }]);
  });

  it('ignores invalid server messages', async () => {
    const { bridge, last } = setup();
    last().open();
    const got: unknown[] = [];
    bridge.api.on('x', (p) => got.push(p));
    const answer = bridge.api.invoke('app.info', {});
    const id = last().calls()[0]?.id;
    for (const bad of [
      'not json',
      '{"t":"result"}',
      { t: 'result', id, result: { ok: 'yes' } },
      { t: 'result', id, result: { ok: false, error: { code: 'nope', message: 'x' } } },
      { t: 'event', payload: 1 },
      { t: 'other', id },
      'x'.repeat(300 * 1024),
      { t: 'result', id: 9999, result: { ok: true, value: 1 } },
    ]) {
      last().receive(bad);
    }
    last().onmessage?.({ data: new Uint8Array([1, 2]) });
    expect(got).toEqual([]);
    last().receive({ t: 'result', id, result: { ok: true, value: 'fine' } });
    await expect(answer).resolves.toEqual({ ok: true, value: 'fine' });
  });

  it('fails pending calls with notAvailable when the socket closes, then reconnects with capped back-off', async () => {
    const { bridge, sockets, last, timers } = setup();
    const statuses: string[] = [];
    bridge.onStatus((s) => statuses.push(s));
    last().open();
    const inFlight = bridge.api.invoke('session.touch', {});
    last().drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'notAvailable' } });
    expect(bridge.status()).toBe('closed');
    // While the host is away, calls fail at once rather than hang.
    await expect(bridge.api.invoke('session.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'notAvailable' } });

    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [delay] = timers.pendingDelays();
      delays.push(delay ?? -1);
      timers.advance(delay ?? 0);
      last().drop();
    }
    expect(delays).toEqual([100, 200, 400, 800, 800, 800]);
    expect(sockets).toHaveLength(7);
    expect(last().url).toBe('ws://kiosk/bridge?token=t');

    // A successful open resets the back-off and reports `open` again.
    timers.advance(timers.pendingDelays()[0] ?? 0);
    last().open();
    expect(bridge.status()).toBe('open');
    expect(statuses).toContain('connecting');
    last().drop();
    expect(timers.pendingDelays()).toEqual([100]);
  });

  it('times out a call the host never answers', async () => {
    const { bridge, last, timers } = setup();
    last().open();
    const answer = bridge.api.invoke('session.get', {});
    timers.advance(5000);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'timeOut' } });
  });

  it('close() stops reconnecting', () => {
    const { bridge, sockets, last, timers } = setup();
    last().open();
    bridge.close();
    expect(last().closed).toBe(true);
    timers.advance(10_000);
    expect(sockets).toHaveLength(1);
    expect(bridge.status()).toBe('closed');
  });
});
