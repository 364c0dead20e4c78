import { createEventHub, createRouter } from '../../shared/contract';
import type { IdCardDeviceConfig } from '../../shared/config/local-config';
import { createIdCardReader } from '../../devices/idcard/discovery';
import type { IdCardReader } from '../../devices/idcard/reader-types';
import { openDatabase } from './db/database';
import { createHandlers } from './handlers';
import type { HostOptions, KioskHost } from './host-types';
import { loadLocalConfig } from './local-config';
import { createLogger } from './logger';
import { SessionService } from './session/session-service';
import { VisitLog } from './session/visit-log';
import { startSimulators, type IdCardSimulatorControl } from './simulators';

/**
 * The kiosk host: everything the main process does, in plain Node, composed
 * here and nowhere else. Both shells (Electron, Chromium) bind its router and
 * events to a window.
 */
export async function createHost(options: HostOptions): Promise<KioskHost> {
  const config = loadLocalConfig(options.dataDir, options.configOverrides);
  const log = createLogger({ dataDir: options.dataDir, echo: process.env.KIOSK_LOG_ECHO === '1' });
  const db = openDatabase(options.dataDir);
  const visits = new VisitLog(db);
  const events = createEventHub((error) => log.error({ err: error }, 'event listener failed'));

  const session = new SessionService({
    config: () => config.session,
    log,
    onChange: (view) => events.emit('session.changed', view),
    onStarted: (id, card) => visits.started(id, card.cardType, new Date()),
    onEnded: (id, reason) => visits.ended(id, reason, new Date()),
  });

  let simulator: IdCardSimulatorControl | null = null;
  let reader: IdCardReader | null = null;

  const idcardStatus = () =>
    reader?.status() ?? { device: 'noDevice' as const, media: 'unknown' as const, port: null, model: null, detail: 'not started' };

  const router = createRouter(
    createHandlers({ config: () => config, shell: options.shell, session, idcardStatus, simulator: () => simulator }),
    { onInternalError: (method, error) => log.error({ method, err: error }, 'contract handler failed') },
  );

  const host: KioskHost = {
    router,
    events,
    config,
    log,
    async start() {
      let readerConfig: IdCardDeviceConfig = config.devices.idcard;
      if (config.devices.mode === 'sim') {
        simulator = await startSimulators();
        readerConfig = { transport: 'serial', port: simulator.portPath, baud: 115200 };
      }
      const started = createIdCardReader(readerConfig, { log });
      reader = started;
      started.onCard((event) => session.handleCardEvent(event));
      started.onStatus((status) => {
        events.emit('device.idcard', status);
        if (status.device === 'noDevice' || status.device === 'hardwareError') {
          if (session.view().state !== 'idle') session.end('deviceLost');
        }
        log.info({ event: 'device.status', device: 'idcard', status: status.device, media: status.media }, 'reader status');
      });
      started.start();
      log.info({ event: 'host.start', shell: options.shell, kioskId: config.kioskId, devices: config.devices.mode }, 'host started');
    },
    async stop() {
      session.dispose();
      await reader?.stop();
      await simulator?.close();
      db.close();
      log.info({ event: 'host.stop' }, 'host stopped');
      log.flush();
    },
  };
  return host;
}
