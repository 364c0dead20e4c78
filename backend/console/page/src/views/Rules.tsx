import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { AlertRule, type Me } from '../../../../../shared/fleet/console-api';
import { api } from '../api';
import { can } from '../App';
import { useI18n } from '../i18n';
import { usePoll } from '../use-poll';
import { Problem } from './Bits';

/** The alert rules: on/off, a threshold where the kind has one, and the bank's own paging webhook. Admins edit; others read. */
export function Rules({ me }: { me: Me }): ReactNode {
  const { t } = useI18n();
  const rules = usePoll(() => api.get('/api/rules', z.array(AlertRule)), 'rules', 30_000);
  const [edits, setEdits] = useState<Record<string, AlertRule>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const admin = can(me, 'admin');

  const save = (rule: AlertRule): void => {
    setError(null);
    setMessage(null);
    const { id, ...body } = rule;
    api.put(`/api/rules/${encodeURIComponent(id)}`, body, AlertRule).then(
      () => {
        setMessage(t('rules.saved', { kind: t(`alertKind.${rule.kind}`) }));
        const { [id]: _saved, ...rest } = edits;
        setEdits(rest);
        rules.reload();
      },
      (failure: unknown) => setError(failure),
    );
  };

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p className="hint">{admin ? t('rules.hint') : t('rules.readOnly')}</p>
      <Problem error={rules.error ?? error} />
      {message !== null && <p role="status">{message}</p>}
      {rules.data !== null && (
        <table data-testid="rule-table">
          <thead>
            <tr>
              <th>{t('alerts.kind')}</th>
              <th>{t('rules.enabled')}</th>
              <th>{t('rules.threshold')}</th>
              <th>{t('rules.webhook')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.data.map((saved) => {
              const rule = edits[saved.id] ?? saved;
              const edit = (next: AlertRule): void => setEdits({ ...edits, [saved.id]: next });
              return (
                <tr key={saved.id}>
                  <td>{t(`alertKind.${rule.kind}`)}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('rules.enabled')}
                      checked={rule.enabled}
                      disabled={!admin}
                      onChange={(e) => edit({ ...rule, enabled: e.target.checked })}
                    />
                  </td>
                  <td>
                    {rule.threshold === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        <input
                          type="number"
                          min={0}
                          aria-label={t('rules.threshold')}
                          value={rule.threshold}
                          disabled={!admin}
                          onChange={(e) => edit({ ...rule, threshold: Math.max(0, Math.round(Number(e.target.value)) || 0) })}
                        />{' '}
                        {t(`rules.unit.${rule.kind}` as 'rules.unit.heartbeatMissed')}
                      </>
                    )}
                  </td>
                  <td>
                    <input
                      type="url"
                      aria-label={t('rules.webhook')}
                      placeholder="https://…"
                      value={rule.webhookUrl ?? ''}
                      disabled={!admin}
                      onChange={(e) => edit({ ...rule, webhookUrl: e.target.value.trim() === '' ? null : e.target.value.trim() })}
                    />
                  </td>
                  <td>
                    {admin && (
                      <button type="button" disabled={edits[saved.id] === undefined} onClick={() => save(rule)}>
                        {t('rules.save')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
