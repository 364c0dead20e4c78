import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type KioskApi } from '../../../shared/contract/kiosk-api';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for Electron's renderer-side modules, reset for every test. */
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
  invoke: vi.fn<(...args: unknown[]) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      fake.exposed.set(key, value);
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => fake.invoke(...args),
    on: (channel: string, listener: IpcListener) => {
      const set = fake.listeners.get(channel) ?? new Set<IpcListener>();
      set.add(listener);
      fake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: IpcListener) => {
      fake.listeners.get(channel)?.delete(listener);
    },
  },
}));

/** What Electron's ipcRenderer hands a listener: an event with a `sender`. */
const ipcEvent = { sender: { secret: 'ipcRenderer' }, senderId: 0, ports: [] };

function emit(name: unknown, payload: unknown): void {
  for (const listener of [...(fake.listeners.get(IPC_EVENT_CHANNEL) ?? [])]) listener(ipcEvent, name, payload);
}

function ipcListenerCount(): number {
  return fake.listeners.get(IPC_EVENT_CHANNEL)?.size ?? 0;
}

async function loadPreload(): Promise<KioskApi> {
  vi.resetModules();
  await import('../../../electron/preload');
  return fake.exposed.get('kiosk') as KioskApi;
}

beforeEach(() => {
  fake.exposed.clear();
  fake.listeners.clear();
  fake.invoke.mockReset();
  fake.invoke.mockResolvedValue({ ok: true, value: { pong: 1 } });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('preload', () => {
  it('exposes only `kiosk`, with exactly invoke and on', async () => {
    const api = await loadPreload();
    expect([...fake.exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('invoke forwards method and payload on the invoke channel', async () => {
    const api = await loadPreload();
    await expect(api.invoke('app.info', { a: 1 })).resolves.toEqual({ ok: true, value: { pong: 1 } });
    expect(fake.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'app.info', { a: 1 });
  });

  it('invoke answers a call over the bridge cap (256 KiB) with invalidRequest, without calling IPC (issue 14)', async () => {
    const api = await loadPreload();
    await expect(api.invoke('session.get', { note: 'x'.repeat(300_000) })).resolves.toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('invoke rejects a non-string or absurd method name without calling IPC', async () => {
    const api = await loadPreload();
    const loose = api as unknown as { invoke(method: unknown, payload?: unknown): Promise<unknown> };
    for (const bad of [42, null, undefined, {}, '', 'x'.repeat(129)]) {
      await expect(loose.invoke(bad)).rejects.toThrow(TypeError);
    }
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('on passes only the payload of the named event, never the IPC event', async () => {
    const api = await loadPreload();
    const received: unknown[][] = [];
    api.on('session.changed', (...args: unknown[]) => received.push(args));
    emit('session.changed', { state: 'idle' });
    emit('device.idcard', { device: 'online' });
    emit(42, 'not a name');
    expect(received).toEqual([[{ state: 'idle' }]]);
    expect(JSON.stringify(received)).not.toContain('ipcRenderer');
  });

  it('on returns a working, idempotent unsubscribe', async () => {
    const api = await loadPreload();
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.on('session.changed', first);
    const offSecond = api.on('session.changed', second);
    expect(ipcListenerCount()).toBe(1);

    emit('session.changed', 1);
    offFirst();
    offFirst();
    emit('session.changed', 2);
    expect(first.mock.calls).toEqual([[1]]);
    expect(second.mock.calls).toEqual([[1], [2]]);

    offSecond();
    emit('session.changed', 3);
    expect(second).toHaveBeenCalledTimes(2);
    // Nothing left listening: the IPC listener is gone too.
    expect(ipcListenerCount()).toBe(0);
  });

  it('the same function subscribed twice is two subscriptions', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const off = api.on('session.changed', listener);
    api.on('session.changed', listener);
    emit('session.changed', 'x');
    expect(listener).toHaveBeenCalledTimes(2);
    off();
    emit('session.changed', 'y');
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('a throwing listener does not starve the others', async () => {
    const api = await loadPreload();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    api.on('session.changed', () => {
      throw new Error('boom');
    });
    api.on('session.changed', good);
    emit('session.changed', 'ok');
    expect(good).toHaveBeenCalledWith('ok');
  });

  it('on rejects non-string event names and non-function listeners', async () => {
    const api = await loadPreload();
    const loose = api as unknown as { on(event: unknown, listener: unknown): () => void };
    for (const bad of [1, null, undefined, {}, '', 'e'.repeat(200)]) {
      expect(() => loose.on(bad, () => undefined)).toThrow(TypeError);
    }
    expect(() => loose.on('session.changed', 'not a function')).toThrow(TypeError);
    expect(ipcListenerCount()).toBe(0);
  });
});
