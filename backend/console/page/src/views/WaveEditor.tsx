import type { ReactNode } from 'react';
import type { WaveSpec } from '../../../../../shared/fleet/console-api';
import { useI18n, type Translate } from '../i18n';

/** Waves in order: named canary kiosks → N % of a branch → a branch → all. */
export function waveText(t: Translate, spec: WaveSpec): string {
  switch (spec.kind) {
    case 'kiosks':
      return t('wave.kiosks', { list: spec.kioskIds.join(', ') });
    case 'percentOfBranch':
      return t('wave.percentOfBranch', { percent: spec.percent, branch: spec.branchId });
    case 'branch':
      return t('wave.branch', { branch: spec.branchId });
    case 'all':
      return t('wave.all');
  }
}

function blank(kind: WaveSpec['kind']): WaveSpec {
  if (kind === 'kiosks') return { kind, kioskIds: [''] };
  if (kind === 'percentOfBranch') return { kind, branchId: '', percent: 10 };
  if (kind === 'branch') return { kind, branchId: '' };
  return { kind: 'all' };
}

export function WaveEditor({ waves, onChange }: { waves: WaveSpec[]; onChange: (waves: WaveSpec[]) => void }): ReactNode {
  const { t } = useI18n();
  const set = (i: number, wave: WaveSpec): void => onChange(waves.map((w, j) => (j === i ? wave : w)));
  return (
    <fieldset className="waves">
      <legend>{t('rollouts.waves')}</legend>
      <ol>
        {waves.map((wave, i) => (
          <li key={i} data-testid={`wave-${i}`}>
            <select value={wave.kind} onChange={(e) => set(i, blank(e.target.value as WaveSpec['kind']))} aria-label={t('wave.kind')}>
              <option value="kiosks">{t('wave.kind.kiosks')}</option>
              <option value="percentOfBranch">{t('wave.kind.percentOfBranch')}</option>
              <option value="branch">{t('wave.kind.branch')}</option>
              <option value="all">{t('wave.kind.all')}</option>
            </select>
            {wave.kind === 'kiosks' && (
              <input
                aria-label={t('wave.kioskIds')}
                placeholder="KIOSK-0001, KIOSK-0002"
                value={wave.kioskIds.join(', ')}
                onChange={(e) => set(i, { kind: 'kiosks', kioskIds: e.target.value.split(/[\s,]+/).filter((s) => s !== '') })}
              />
            )}
            {(wave.kind === 'percentOfBranch' || wave.kind === 'branch') && (
              <input
                aria-label={t('wave.branchId')}
                placeholder="BRANCH-01"
                value={wave.branchId}
                onChange={(e) => set(i, { ...wave, branchId: e.target.value.trim() })}
              />
            )}
            {wave.kind === 'percentOfBranch' && (
              <input
                type="number"
                min={1}
                max={100}
                aria-label={t('wave.percent')}
                value={wave.percent}
                onChange={(e) => set(i, { ...wave, percent: Math.min(100, Math.max(1, Math.round(Number(e.target.value)) || 1)) })}
              />
            )}
            <button type="button" onClick={() => onChange(waves.filter((_, j) => j !== i))} disabled={waves.length === 1}>
              {t('wave.remove')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...waves, { kind: 'all' }])} disabled={waves.length >= 8}>
        {t('wave.add')}
      </button>
    </fieldset>
  );
}
