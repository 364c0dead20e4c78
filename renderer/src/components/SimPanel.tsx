import { useEffect } from 'react';
import { useActions, useController, useKiosk } from '../app/context';
import { useT } from '../hooks/use-t';
import { selectSimOpen, selectSimProfiles, selectSimulators } from '../store/selectors';

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

  useEffect(() => {
    controller.loadSimProfiles();
  }, [controller]);

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
    </div>
  );
}
