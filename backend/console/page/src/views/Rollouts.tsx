import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { Rollout, type Me, type WaveSpec } from '../../../../../shared/fleet/console-api';
import { api } from '../api';
import { can } from '../App';
import { rolloutHaltText } from '../codes';
import { useI18n } from '../i18n';
import { href } from '../route';
import { usePoll } from '../use-poll';
import { Problem, when } from './Bits';
import { WaveEditor, waveText } from './WaveEditor';

/** Every rollout, newest first; an admin starts one from a bundle signed offline (the console never holds the key). */
export function Rollouts({ me }: { me: Me }): ReactNode {
  const { t } = useI18n();
  const rollouts = usePoll(() => api.get('/api/rollouts', z.array(Rollout)), 'rollouts');
  return (
    <section aria-labelledby="rollouts-title">
      <h2 id="rollouts-title">{t('rollouts.title')}</h2>
      <Problem error={rollouts.error} />
      {can(me, 'admin') && <NewRollout onCreated={(id) => (location.hash = href({ view: 'rollout', id }))} />}
      {rollouts.data !== null && rollouts.data.length === 0 && <p className="muted">{t('rollouts.none')}</p>}
      {rollouts.data !== null && rollouts.data.length > 0 && (
        <table data-testid="rollout-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('rollouts.version')}</th>
              <th>{t('rollouts.state')}</th>
              <th>{t('rollouts.waves')}</th>
              <th>{t('rollouts.createdBy')}</th>
            </tr>
          </thead>
          <tbody>
            {rollouts.data.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={href({ view: 'rollout', id: r.id })}>#{r.id}</a>
                </td>
                <td>v{r.configVersion}</td>
                <td>
                  <span className={`badge rollout-${r.state}`}>{t(`rolloutState.${r.state}`)}</span>
                  {r.haltReason !== null && <div className="small">{rolloutHaltText(t, r)}</div>}
                </td>
                <td>{r.waves.map((w) => waveText(t, w.spec)).join(' → ')}</td>
                <td>
                  {r.createdBy} · {when(r.createdAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const DEFAULT_WAVES: WaveSpec[] = [{ kind: 'kiosks', kioskIds: ['KIOSK-0001'] }, { kind: 'all' }];

function NewRollout({ onCreated }: { onCreated: (id: number) => void }): ReactNode {
  const { t } = useI18n();
  const [bundleText, setBundleText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [waves, setWaves] = useState<WaveSpec[]>(DEFAULT_WAVES);
  const [silentAfter, setSilentAfter] = useState(600);
  const [maxSilent, setMaxSilent] = useState(10);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const readFile = (file: File | undefined): void => {
    setError(null);
    if (file === undefined) return;
    setFileName(file.name);
    file.text().then(setBundleText, () => setError(t('rollouts.fileUnreadable')));
  };
  const submit = (): void => {
    if (bundleText === null) return setError(t('rollouts.noBundle'));
    let bundle: unknown;
    try {
      bundle = JSON.parse(bundleText);
    } catch {
      return setError(t('rollouts.notJson'));
    }
    setBusy(true);
    setError(null);
    api.post('/api/rollouts', { bundle, waves, silentAfterSeconds: silentAfter, maxSilentPercent: maxSilent }, Rollout).then(
      (created) => onCreated(created.id),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };

  return (
    <details className="panel" data-testid="new-rollout">
      <summary>{t('rollouts.new')}</summary>
      <p className="hint">{t('rollouts.newHint')}</p>
      <label>
        {t('rollouts.bundle')}
        <input type="file" accept=".json,application/json" onChange={(e) => readFile(e.target.files?.[0])} data-testid="bundle-file" />
      </label>
      {fileName !== '' && <p className="muted small">{fileName}</p>}
      <WaveEditor waves={waves} onChange={setWaves} />
      <div className="row">
        <label>
          {t('rollouts.silentAfter')}
          <input type="number" min={10} max={86400} value={silentAfter} onChange={(e) => setSilentAfter(Number(e.target.value))} />
        </label>
        <label>
          {t('rollouts.maxSilent')}
          <input type="number" min={0} max={100} value={maxSilent} onChange={(e) => setMaxSilent(Number(e.target.value))} />
        </label>
      </div>
      <Problem error={error} />
      <button type="button" className="primary" onClick={submit} disabled={busy} data-testid="start-rollout">
        {t('rollouts.start')}
      </button>
    </details>
  );
}
