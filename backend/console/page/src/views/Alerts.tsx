import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { Alert, type Me } from '../../../../../shared/fleet/console-api';
import { api, query } from '../api';
import { can } from '../App';
import { useI18n } from '../i18n';
import { href } from '../route';
import { usePoll } from '../use-poll';
import { Problem, reasonText, when } from './Bits';

/** Open alerts first; an operator acknowledges one with a note, and who and when stay with it. */
export function Alerts({ me }: { me: Me }): ReactNode {
  const { t } = useI18n();
  const [openOnly, setOpenOnly] = useState(true);
  const alerts = usePoll(() => api.get(`/api/alerts${query({ open: openOnly ? 1 : undefined })}`, z.array(Alert)), String(openOnly));
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);

  const ack = (id: number): void => {
    setError(null);
    api.post(`/api/alerts/${id}/ack`, { note: notes[id] ?? '' }, z.unknown()).then(
      () => alerts.reload(),
      (failure: unknown) => setError(failure),
    );
  };

  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      <label className="inline">
        <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} data-testid="alerts-open-only" />
        {t('alerts.openOnly')}
      </label>
      <Problem error={alerts.error ?? error} />
      {alerts.data !== null && alerts.data.length === 0 && <p className="muted">{t('alerts.none')}</p>}
      {alerts.data !== null && alerts.data.length > 0 && (
        <table data-testid="alert-table">
          <thead>
            <tr>
              <th>{t('alerts.raised')}</th>
              <th>{t('col.kiosk')}</th>
              <th>{t('alerts.kind')}</th>
              <th>{t('alerts.detail')}</th>
              <th>{t('alerts.state')}</th>
              <th>{t('alerts.ack')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((a) => (
              <tr key={a.id} data-testid={`alert-${a.id}`}>
                <td>{when(a.raisedAt)}</td>
                <td>
                  <a href={href({ view: 'kiosk', kioskId: a.kioskId })}>{a.kioskId}</a>
                  <div className="muted small">{a.branchId}</div>
                </td>
                <td>
                  {t(`alertKind.${a.kind}`)}
                  {a.subject !== null && <span className="muted"> · {a.subject}</span>}
                </td>
                <td title={a.detail}>{a.reason !== null ? reasonText(t, a.reason) : a.detail}</td>
                <td>{a.clearedAt === null ? t('alerts.open') : t('alerts.cleared', { at: when(a.clearedAt) })}</td>
                <td>
                  {a.ack !== null ? (
                    <span data-testid="acked">
                      {t('alerts.ackedBy', { by: a.ack.by, at: when(a.ack.at) })}
                      {a.ack.note !== '' && <div className="muted small">{a.ack.note}</div>}
                    </span>
                  ) : can(me, 'operator') ? (
                    <span className="ack">
                      <input
                        aria-label={t('alerts.note')}
                        placeholder={t('alerts.note')}
                        value={notes[a.id] ?? ''}
                        onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })}
                        maxLength={500}
                      />
                      <button type="button" onClick={() => ack(a.id)} data-testid={`ack-${a.id}`}>
                        {t('alerts.ackButton')}
                      </button>
                    </span>
                  ) : (
                    <span className="muted">{t('alerts.notAcked')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
