import type { ReactNode } from 'react';
import type { ApiReason } from '../../../../../shared/fleet/console-api';
import type { Health } from '../../../../../shared/fleet/health';
import type { ConsoleKey } from '../../../../../shared/i18n/console.zh-CN';
import { errorText } from '../codes';
import { useI18n, type Translate } from '../i18n';

/** Small pieces every view shares: health badges, reasons in words, ages, errors. */
export function HealthBadge({ health }: { health: Health }): ReactNode {
  const { t } = useI18n();
  return <span className={`badge health-${health}`}>{t(`health.${health}`)}</span>;
}

export function reasonText(t: Translate, reason: ApiReason): string {
  const subject = reason.subject === null ? '' : subjectText(t, reason.subject);
  return t(`reason.${reason.code}` as ConsoleKey, { subject, value: reason.value ?? '' });
}

function subjectText(t: Translate, subject: string): string {
  if (subject === 'receipt' || subject === 'invoice' || subject === 'a4' || subject === 'idcard') return t(`device.${subject}`);
  return subject;
}

export function Reasons({ reasons }: { reasons: readonly ApiReason[] }): ReactNode {
  const { t } = useI18n();
  if (reasons.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.code}-${r.subject ?? ''}-${i}`} className={`reason reason-${r.code}`}>
          {reasonText(t, r)}
        </li>
      ))}
    </ul>
  );
}

export function ago(t: Translate, seconds: number): string {
  if (seconds < 5) return t('time.justNow');
  if (seconds < 120) return t('time.seconds', { n: seconds });
  if (seconds < 7200) return t('time.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 172_800) return t('time.hours', { n: Math.floor(seconds / 3600) });
  return t('time.days', { n: Math.floor(seconds / 86_400) });
}

export function when(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
}

/** A failed call (null or undefined: none), in words from its code where the server sent one. */
export function Problem({ error }: { error: unknown }): ReactNode {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {t('common.failed', { error: errorText(t, error) })}
    </p>
  );
}
