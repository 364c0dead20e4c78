import { useState, type ReactNode } from 'react';
import { KioskList, Summary } from '../../../../../shared/fleet/console-api';
import { HEALTHS, REASON_CODES, type Health } from '../../../../../shared/fleet/health';
import type { ConsoleKey } from '../../../../../shared/i18n/console.zh-CN';
import { api, query } from '../api';
import { useI18n } from '../i18n';
import { href } from '../route';
import { usePoll } from '../use-poll';
import { ago, HealthBadge, Problem, Reasons } from './Bits';

const PAGE = 50;

/** Counts by health and branch, then the kiosks, the ones needing a visit first, with filters. */
export function Overview(): ReactNode {
  const { t } = useI18n();
  const [branch, setBranch] = useState('');
  const [state, setState] = useState<Health | ''>('');
  const [reason, setReason] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const summary = usePoll(() => api.get('/api/summary', Summary), 'summary');
  const filter = { branch, state, reason, q: search.trim(), limit: PAGE, offset };
  const list = usePoll(() => api.get(`/api/kiosks${query(filter)}`, KioskList), JSON.stringify(filter));
  const pick = (apply: () => void): void => {
    apply();
    setOffset(0);
  };

  const s = summary.data;
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">{t('overview.title')}</h2>
      <Problem error={summary.error ?? list.error} />
      {s !== null && (
        <>
          <div className="cards" data-testid="health-cards">
            <button type="button" className={`card ${state === '' ? 'on' : ''}`} onClick={() => pick(() => setState(''))}>
              <span className="num">{s.kiosks}</span>
              <span>{t('overview.all')}</span>
            </button>
            {HEALTHS.map((h) => (
              <button
                type="button"
                key={h}
                className={`card health-${h} ${state === h ? 'on' : ''}`}
                onClick={() => pick(() => setState(state === h ? '' : h))}
                data-testid={`card-${h}`}
                aria-pressed={state === h}
              >
                <span className="num">{s.byHealth[h] ?? 0}</span>
                <span>{t(`health.${h}`)}</span>
              </button>
            ))}
            <a className="card" href={href({ view: 'alerts' })} data-testid="card-alerts">
              <span className="num">{s.openAlerts}</span>
              <span>{t('overview.openAlerts')}</span>
            </a>
          </div>
          <p className="muted small">
            {t('overview.ingest', { received: s.ingest.received, rejected: s.ingest.rejected })}
            {s.ingest.lastAt !== null
              ? ` · ${t('overview.lastHeartbeat', { at: new Date(s.ingest.lastAt).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) })}`
              : ''}
          </p>
        </>
      )}

      {s !== null && s.byBranch.length > 0 && <ByBranch summary={s} onPick={(id) => pick(() => setBranch(id))} />}

      <div className="filters" role="search">
        <label>
          {t('filter.branch')}
          <select value={branch} onChange={(e) => pick(() => setBranch(e.target.value))} data-testid="filter-branch">
            <option value="">{t('filter.any')}</option>
            {(s?.byBranch ?? []).map((b) => (
              <option key={b.branchId} value={b.branchId}>
                {b.branchId} ({b.kiosks})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.state')}
          <select value={state} onChange={(e) => pick(() => setState(e.target.value as Health | ''))} data-testid="filter-state">
            <option value="">{t('filter.any')}</option>
            {HEALTHS.map((h) => (
              <option key={h} value={h}>
                {t(`health.${h}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.reason')}
          <select value={reason} onChange={(e) => pick(() => setReason(e.target.value))} data-testid="filter-reason">
            <option value="">{t('filter.any')}</option>
            {REASON_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`reasonName.${code}` as ConsoleKey)} {s?.byReason[code] !== undefined ? `(${s.byReason[code]})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.search')}
          <input type="search" value={search} onChange={(e) => pick(() => setSearch(e.target.value))} placeholder="KIOSK-0001" data-testid="filter-search" />
        </label>
      </div>

      {list.data !== null && (
        <>
          <p className="muted">
            {t('overview.showing', { from: list.data.total === 0 ? 0 : offset + 1, to: offset + list.data.kiosks.length, total: list.data.total })}
          </p>
          <table className="kiosks" data-testid="kiosk-table">
            <thead>
              <tr>
                <th>{t('col.kiosk')}</th>
                <th>{t('col.branch')}</th>
                <th>{t('col.health')}</th>
                <th>{t('col.reasons')}</th>
                <th>{t('col.lastSeen')}</th>
                <th>{t('col.config')}</th>
                <th>{t('col.app')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.kiosks.map((k) => (
                <tr key={k.kioskId} className={`row-${k.health}`}>
                  <td>
                    <a href={href({ view: 'kiosk', kioskId: k.kioskId })}>{k.kioskId}</a>
                  </td>
                  <td>{k.branchId}</td>
                  <td>
                    <HealthBadge health={k.health} />
                  </td>
                  <td>
                    <Reasons reasons={k.reasons} />
                  </td>
                  <td>{k.ageSeconds < 5 ? ago(t, k.ageSeconds) : t('time.ago', { age: ago(t, k.ageSeconds) })}</td>
                  <td>
                    {k.configVersion === null ? '—' : `v${k.configVersion}`}
                    {k.targetConfigVersion !== null && k.targetConfigVersion !== k.configVersion ? ` → v${k.targetConfigVersion}` : ''}
                  </td>
                  <td>{k.appVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('pager.prev')}
            </button>
            <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('pager.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** Counts by branch, the branches needing someone first; a tap filters the list by that branch. */
function ByBranch({ summary, onPick }: { summary: Summary; onPick: (branchId: string) => void }) {
  const { t } = useI18n();
  const needing = (b: Summary['byBranch'][number]) => (b.byHealth.down ?? 0) * 1e6 + (b.byHealth.stale ?? 0) * 1e3 + (b.byHealth.visit ?? 0);
  const branches = [...summary.byBranch].sort((a, b) => needing(b) - needing(a) || a.branchId.localeCompare(b.branchId));
  return (
    <details className="panel" data-testid="by-branch">
      <summary>{t('overview.byBranch', { count: branches.length })}</summary>
      <table>
        <thead>
          <tr>
            <th>{t('col.branch')}</th>
            <th>{t('overview.all')}</th>
            {HEALTHS.map((h) => (
              <th key={h}>{t(`health.${h}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr key={b.branchId}>
              <td>
                <button type="button" className="link" onClick={() => onPick(b.branchId)}>
                  {b.branchId}
                </button>
              </td>
              <td>{b.kiosks}</td>
              {HEALTHS.map((h) => (
                <td key={h} className={h !== 'ok' && (b.byHealth[h] ?? 0) > 0 ? `count-${h}` : undefined}>
                  {b.byHealth[h] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
