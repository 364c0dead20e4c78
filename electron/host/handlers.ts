import { KioskError, type Handlers } from '../../shared/contract';
import type { LocalConfig } from '../../shared/config/local-config';
import type { CardReaderStatus } from '../../shared/domain/device-status';
import type { ShellKind } from './host-types';
import type { SessionService } from './session/session-service';
import type { IdCardSimulatorControl } from './simulators';
import { APP_VERSION } from './app-version';

export interface HandlerDeps {
  config: () => LocalConfig;
  shell: ShellKind;
  session: SessionService;
  idcardStatus: () => CardReaderStatus;
  /** The in-process simulators; null when real devices are configured (or before start). */
  simulator: () => IdCardSimulatorControl | null;
}

/** One handler per contract method; the router validates in and out. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const sim = (): IdCardSimulatorControl => {
    const control = deps.simulator();
    if (!control) throw new KioskError('notAvailable', 'simulators are not running on this kiosk');
    return control;
  };
  return {
    'app.info': () => ({
      version: APP_VERSION,
      shell: deps.shell,
      defaultLang: deps.config().lang,
      simulators: deps.config().devices.mode === 'sim',
      kioskId: deps.config().kioskId,
    }),
    'session.get': () => deps.session.view(),
    'session.touch': () => deps.session.touch(),
    'session.end': () => deps.session.end('userExit'),
    'devices.status': () => ({ idcard: deps.idcardStatus() }),
    'sim.idcard.profiles': () => ({ profiles: sim().profiles(), placed: sim().placed() }),
    'sim.idcard.place': async ({ profile }) => {
      const control = sim();
      if (!control.profiles().includes(profile)) throw new KioskError('invalidRequest', `unknown card profile ${profile}`);
      await control.place(profile);
      return {};
    },
    'sim.idcard.lift': async () => {
      await sim().lift();
      return {};
    },
  };
}
