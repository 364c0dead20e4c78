import { describe, expect, it } from 'vitest';
import { DisposableStore, type DisposeFailure } from '../../../electron/host/disposable-store';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('DisposableStore: teardown in one place', () => {
  it('stops every part, newest first, each waiting for the one before (async too)', async () => {
    const stopped: string[] = [];
    const store = new DisposableStore();
    for (const name of ['database', 'delivery', 'session', 'devices', 'configEvents']) {
      store.add(name, async () => {
        await tick();
        stopped.push(name);
      });
    }
    expect(store.names()).toEqual(['database', 'delivery', 'session', 'devices', 'configEvents']);
    expect(await store.dispose()).toEqual([]);
    expect(stopped).toEqual(['configEvents', 'devices', 'session', 'delivery', 'database']);
    expect(store.names()).toEqual([]);
  });

  it('a part that throws or rejects does not stop the others: its error is reported and collected', async () => {
    const stopped: string[] = [];
    const reported: DisposeFailure[] = [];
    const store = new DisposableStore((failure) => reported.push(failure));
    const boom = new Error('port busy');
    store.add('database', () => void stopped.push('database'));
    store.add('delivery', () => Promise.reject(boom));
    store.add('session', () => void stopped.push('session'));
    store.add('devices', () => {
      throw new TypeError('bug');
    });
    store.add('configEvents', () => void stopped.push('configEvents'));
    const failures = await store.dispose();
    expect(stopped).toEqual(['configEvents', 'session', 'database']);
    expect(failures.map((f) => f.part)).toEqual(['devices', 'delivery']);
    expect(failures[1]?.error).toBe(boom);
    expect(reported).toEqual(failures);
  });

  it('disposes each part once however often it is asked; a part added once disposing began is stopped at once', async () => {
    let count = 0;
    const store = new DisposableStore();
    store.add('session', () => void count++);
    const [first, second] = await Promise.all([store.dispose(), store.dispose()]);
    expect(first).toBe(second);
    await store.dispose();
    expect(count).toBe(1);
    let late = false;
    store.add('late', () => void (late = true));
    await tick();
    expect(late).toBe(true);
    expect(store.names()).toEqual([]);
  });
});
