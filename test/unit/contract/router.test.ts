import { describe, expect, it, vi } from 'vitest';
import { createRouter, KioskError, IDLE_SESSION } from '../../../shared/contract';
import { testHandlers } from '../../support/test-handlers';

const handlers = testHandlers;

const ctx = { shell: 'test' } as const;

describe('contract router', () => {
  it('dispatches a valid call and answers ok with the value', async () => {
    const router = createRouter(handlers());
    await expect(router.call('app.info', {}, ctx)).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', shell: 'chromium', defaultLang: 'zh-CN', simulators: true, kioskId: 'K1' },
    });
  });

  it.each([['nope'], ['__proto__'], ['constructor'], ['toString'], [42], [null], [{}]])('rejects unknown method %j with unknownMethod', async (method) => {
    const result = await createRouter(handlers()).call(method, {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknownMethod' } });
  });

  it('rejects invalid input with invalidRequest and never calls the handler', async () => {
    const place = vi.fn(() => ({}));
    const router = createRouter(handlers({ 'sim.idcard.place': place }));
    for (const payload of [{}, { profile: '' }, { profile: 7 }, { profile: 'x'.repeat(65) }, { profile: 'a', extra: 1 }, 'str', [1]]) {
      const result = await router.call('sim.idcard.place', payload, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalidRequest' } });
    }
    expect(place).not.toHaveBeenCalled();
  });

  it('does not echo input values in error messages (they may be personal data)', async () => {
    const result = await createRouter(handlers()).call('sim.idcard.place', { profile: 11010519491231002 }, ctx);
    expect(JSON.stringify(result)).not.toContain('11010519491231002');
  });

  it('turns a KioskError into its typed code and an untyped throw into internal', async () => {
    const onInternalError = vi.fn();
    const router = createRouter(
      handlers({
        'sim.idcard.lift': () => {
          throw new KioskError('notAvailable', 'no simulator');
        },
        'session.end': () => {
          throw new TypeError('boom with secret 11010519491231002X');
        },
      }),
      { onInternalError },
    );
    await expect(router.call('sim.idcard.lift', {}, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'notAvailable', message: 'no simulator' },
    });
    const internal = await router.call('session.end', {}, ctx);
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'session.end failed' } });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('refuses a handler result that breaks the schema (host bug) with invalidResult', async () => {
    const router = createRouter(handlers({ 'session.get': () => ({ ...IDLE_SESSION, state: 'weird' }) as unknown as typeof IDLE_SESSION }));
    await expect(router.call('session.get', {}, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'invalidResult' } });
  });
});
