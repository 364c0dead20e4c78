import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { Rollout, RolloutTarget, TargetState, type Me } from '../../../../../shared/fleet/console-api';
import { api, query } from '../api';
import { can } from '../App';
import { refusalText, rolloutHaltText } from '../codes';
import { useI18n } from '../i18n';
import { href } from '../route';
import { usePoll } from '../use-poll';
import { Problem, when } from './Bits';
import { waveText } from './WaveEditor';

const TARGET_STATES = TargetState.options;

/** One rollout: each wave's kiosks pending → applied / refused (with the kiosk's reason) / silent; resume and abort are a person's. */
export function RolloutView({ id, me }: { id: number; me: Me }): ReactNode {
  const { t } = useI18n();
  const rollout = usePoll(() => api.get(`/api/rollouts/${id}`, Rollout), `rollout-${id}`);
  const [show, setShow] = useState<z.infer<typeof TargetState>>('refused');
  const targets = usePoll(() => api.get(`/api/rollouts/${id}/targets${query({ state: show })}`, z.array(RolloutTarget)), `targets-${id}-${show}`);
  const [error, setError] = useState<unknown>(null);

  const act = (action: 'resume' | 'abort'): void => {
    if (action === 'abort' && !window.confirm(t('rollout.confirmAbort'))) return;
    setError(null);
    api.post(`/api/rollouts/${id}/${action}`, {}, z.unknown()).then(
      () => rollout.reload(),
      (failure: unknown) => setError(failure),
    );
  };

  const r = rollout.data;
  return (
    <section aria-labelledby="rollout-title">
      <p>
        <a href={href({ view: 'rollouts' })}>← {t('rollout.back')}</a>
      </p>
      <h2 id="rollout-title">
        {t('rollout.title', { id })}{' '}
        {r !== null && (
          <span className={`badge rollout-${r.state}`} data-testid="rollout-state">
            {t(`rolloutState.${r.state}`)}
          </span>
        )}
      </h2>
      <Problem error={rollout.error ?? error} />
      {r !== null && (
        <>
          <p>
            {t('rollout.line', { version: r.configVersion, by: r.createdBy, at: when(r.createdAt) })} ·{' '}
            <span className="mono small">{r.bundleHash.slice(0, 16)}…</span>
          </p>
          {r.haltReason !== null && (
            <p className="warn" role="status" data-testid="halt-reason">
              {t('rollout.halted', { reason: rolloutHaltText(t, r) })}
            </p>
          )}
          {can(me, 'admin') && (r.state === 'halted' || r.state === 'running') && (
            <div className="row">
              {r.state === 'halted' && (
                <button type="button" className="primary" onClick={() => act('resume')} data-testid="resume">
                  {t('rollout.resume')}
                </button>
              )}
              <button type="button" className="danger" onClick={() => act('abort')} data-testid="abort">
                {t('rollout.abort')}
              </button>
            </div>
          )}
          <table data-testid="wave-table">
            <thead>
              <tr>
                <th>{t('rollout.wave')}</th>
                <th>{t('rollout.targets')}</th>
                <th>{t('rollout.started')}</th>
                {TARGET_STATES.map((s) => (
                  <th key={s}>{t(`targetState.${s}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.waves.map((w) => (
                <tr key={w.index} className={w.index === r.currentWave && r.state !== 'completed' ? 'current' : ''}>
                  <td>{w.index + 1}</td>
                  <td>{waveText(t, w.spec)}</td>
                  <td>{w.startedAt === null ? t('rollout.notStarted') : when(w.startedAt)}</td>
                  {TARGET_STATES.map((s) => (
                    <td key={s} className={`count-${s}`}>
                      {w.counts[s] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('rollout.kiosks')}</h3>
          <div className="row" role="group" aria-label={t('rollout.kiosks')}>
            {TARGET_STATES.map((s) => (
              <button type="button" key={s} aria-pressed={show === s} className={show === s ? 'on' : ''} onClick={() => setShow(s)}>
                {t(`targetState.${s}`)}
              </button>
            ))}
          </div>
          <Problem error={targets.error} />
          {targets.data !== null && targets.data.length === 0 && <p className="muted">{t('rollout.noTargets')}</p>}
          {targets.data !== null && targets.data.length > 0 && (
            <table data-testid="target-table">
              <thead>
                <tr>
                  <th>{t('col.kiosk')}</th>
                  <th>{t('rollout.wave')}</th>
                  <th>{t('rollouts.state')}</th>
                  <th>{t('rollout.reason')}</th>
                  <th>{t('rollout.at')}</th>
                </tr>
              </thead>
              <tbody>
                {targets.data.slice(0, 200).map((x) => (
                  <tr key={x.kioskId}>
                    <td>
                      <a href={href({ view: 'kiosk', kioskId: x.kioskId })}>{x.kioskId}</a>
                    </td>
                    <td>{x.wave + 1}</td>
                    <td>{t(`targetState.${x.state}`)}</td>
                    <td title={x.reason ?? undefined}>{refusalText(t, x.reasonCode, x.reason)}</td>
                    <td>{when(x.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
