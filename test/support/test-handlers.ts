import { IDLE_SESSION, type Handlers } from '../../shared/contract';

/** Minimal handlers for router and bridge tests. */
export function testHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({ version: '1.0.0', shell: 'chromium', defaultLang: 'zh-CN', simulators: true, kioskId: 'K1' }),
    'session.get': () => IDLE_SESSION,
    'session.touch': () => IDLE_SESSION,
    'session.end': () => IDLE_SESSION,
    'devices.status': () => ({ idcard: { device: 'online', media: 'notPresent', port: '/dev/x', model: null, detail: null } }),
    'sim.idcard.profiles': () => ({ profiles: ['resident'], placed: null }),
    'sim.idcard.place': () => ({}),
    'sim.idcard.lift': () => ({}),
    ...overrides,
  };
}
