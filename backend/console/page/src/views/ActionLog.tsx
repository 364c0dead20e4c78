import type { ReactNode } from 'react';
import { z } from 'zod';
import { ActionEntry } from '../../../../../shared/fleet/console-api';
import { api } from '../api';
import { useI18n } from '../i18n';
import { usePoll } from '../use-poll';
import { Problem, when } from './Bits';

/** Who did what in the console: its own hash-chained log, newest first. */
export function ActionLog(): ReactNode {
  const { t } = useI18n();
  const log = usePoll(() => api.get('/api/audit', z.array(ActionEntry)), 'audit', 15_000);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p className="hint">{t('audit.hint')}</p>
      <Problem error={log.error} />
      {log.data !== null && (
        <table data-testid="action-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('audit.at')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.detail')}</th>
              <th>{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {[...log.data].reverse().map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{when(e.at)}</td>
                <td>{e.actor}</td>
                <td className="mono">{e.action}</td>
                <td>{e.detail}</td>
                <td className="mono small">{e.hash.slice(0, 12)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
