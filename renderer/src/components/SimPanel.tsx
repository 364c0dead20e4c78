import { useEffect } from 'react';
import type { PrinterStatus } from '../../../shared/domain/device-status';
import type { PlainKey } from '../../../shared/i18n';
import { useActions, useController, useKiosk } from '../app/context';
import type { SimPrinterState } from '../app/controller';
import { PRINTER_KINDS, printerInTextKey, printerNameKey } from '../flow/printers';
import { useT } from '../hooks/use-t';
import { selectIssuance, selectPrinters, selectSimOpen, selectSimProfiles, selectSimulators } from '../store/selectors';

const SIM_PRINTER_STATES: readonly { state: SimPrinterState; label: PlainKey }[] = [
  { state: 'ready', label: 'sim.printers.ready' },
  { state: 'paper-low', label: 'sim.printers.paperLow' },
  { state: 'paper-out', label: 'sim.printers.paperOut' },
  { state: 'cover-open', label: 'sim.printers.coverOpen' },
  { state: 'jam', label: 'sim.printers.jam' },
  { state: 'offline', label: 'sim.printers.offline' },
];

/** Which simulator button matches a printer's status now (for the highlight), if any. */
function simStateOf(status: PrinterStatus | null): SimPrinterState | null {
  if (status === null) return null;
  if (status.device === 'offline') return 'offline';
  if (status.coverOpen) return 'cover-open';
  if (status.paper === 'jammed') return 'jam';
  if (status.paper === 'out') return 'paper-out';
  if (status.paper === 'low') return 'paper-low';
  if (status.device === 'online' && status.paper === 'full' && !status.cutterError) return 'ready';
  return null;
}

/** Demo/simulator mode only: place a simulated card on the reader, or lift it. */
export function SimCorner() {
  const enabled = useKiosk(selectSimulators);
  const open = useKiosk(selectSimOpen);
  const t = useT();
  const { setSimOpen } = useActions();
  if (!enabled) return null;
  return (
    <div className="sim-corner">
      {open && <SimPanel />}
      <button
        type="button"
        className="sim-toggle"
        data-testid="sim-toggle"
        aria-expanded={open}
        aria-label={t('sim.toggle.aria')}
        onClick={() => setSimOpen(!open)}
      >
        {t('sim.toggle')}
      </button>
    </div>
  );
}

function SimPanel() {
  const t = useT();
  const controller = useController();
  const profiles = useKiosk(selectSimProfiles);
  const { setSimOpen } = useActions();
  // The host serves the screen before its (simulated) devices are open: ask again once the reader reports.
  const readerDevice = useKiosk((s) => s.reader?.device ?? null);

  useEffect(() => {
    controller.loadSimProfiles();
  }, [controller, readerDevice]);

  return (
    <div className="sim-panel" data-testid="sim-panel" role="dialog" aria-label={t('sim.title')}>
      <div className="sim-head">
        <h2>{t('sim.title')}</h2>
        <button type="button" className="sim-close" onClick={() => setSimOpen(false)}>
          {t('sim.close')}
        </button>
      </div>
      {profiles === null ? (
        <p>{t('sim.loading')}</p>
      ) : (
        <>
          <p className="sim-placed">{profiles.placed === null ? t('sim.placed.none') : t('sim.placed', { profile: profiles.placed })}</p>
          <div className="sim-list">
            {profiles.profiles.map((profile) => (
              <button
                key={profile}
                type="button"
                className={`sim-btn ${profiles.placed === profile ? 'is-placed' : ''}`}
                data-testid={`sim-place-${profile}`}
                onClick={() => controller.simPlace(profile)}
              >
                {t('sim.place', { profile })}
              </button>
            ))}
          </div>
          <button type="button" className="sim-btn sim-lift" data-testid="sim-lift" onClick={controller.simLift}>
            {t('sim.lift')}
          </button>
        </>
      )}
      <SimPrinters />
      <SimPayment />
    </div>
  );
}

/** The phone that scans the QR code: pays the order on screen now, without waiting for the demo's auto-confirm. */
function SimPayment() {
  const t = useT();
  const controller = useController();
  const issuance = useKiosk(selectIssuance);
  const waiting = issuance?.name === 'awaitingPayment';
  return (
    <button type="button" className={`sim-btn${waiting ? ' is-placed' : ''}`} data-testid="sim-confirm-payment" onClick={controller.simConfirmPayment}>
      {t('issuance.sim.confirmPayment')}
    </button>
  );
}

/** One row per printer: its name, then a button for each state the simulator can put it in. */
function SimPrinters() {
  const t = useT();
  const controller = useController();
  const printers = useKiosk(selectPrinters);
  return (
    <div className="sim-printers">
      <h3>{t('sim.printers.title')}</h3>
      {PRINTER_KINDS.map((kind) => {
        const current = simStateOf(printers[kind]);
        const name = t(printerNameKey(kind));
        const inText = t(printerInTextKey(kind));
        return (
          <div key={kind} className="sim-printer-row" data-testid={`sim-printer-${kind}`}>
            <span className="sim-printer-name">{name}</span>
            <div className="sim-printer-states">
              {SIM_PRINTER_STATES.map(({ state, label }) => (
                <button
                  key={state}
                  type="button"
                  className={`sim-btn sim-state ${current === state ? 'is-placed' : ''}`}
                  data-testid={`sim-printer-${kind}-${state}`}
                  aria-pressed={current === state}
                  aria-label={t('sim.printers.set.aria', { printer: inText, state: t(label) })}
                  onClick={() => controller.simPrinterState(kind, state)}
                >
                  {t(label)}
                </button>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
