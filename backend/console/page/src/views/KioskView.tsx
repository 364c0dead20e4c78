import type { ReactNode } from 'react';
import { KioskDetail } from '../../../../../shared/fleet/console-api';
import type { PrinterKind } from '../../../../../shared/domain/device-status';
import { HEALTHS, printerStop, REASON_CODES } from '../../../../../shared/fleet/health';
import { refusalCodeOf } from '../../../../../shared/fleet/console-codes';
import type { ConsoleKey } from '../../../../../shared/i18n/console.zh-CN';
import { api } from '../api';
import { refusalText } from '../codes';
import { useI18n, type Translate } from '../i18n';
import { href } from '../route';
import { usePoll } from '../use-poll';
import { ago, HealthBadge, Problem, Reasons, when } from './Bits';

const PRINTERS: PrinterKind[] = ['receipt', 'invoice', 'a4'];

/** One kiosk: its devices in XFS terms, stock, outbox, versions, audit head, and what changed lately. */
export function KioskView({ kioskId }: { kioskId: string }): ReactNode {
  const { t } = useI18n();
  const detail = usePoll(() => api.get(`/api/kiosks/${encodeURIComponent(kioskId)}`, KioskDetail), kioskId);
  const d = detail.data;
  return (
    <section aria-labelledby="kiosk-title">
      <p>
        <a href={href({ view: 'overview' })}>← {t('kiosk.back')}</a>
      </p>
      <h2 id="kiosk-title">
        {kioskId} {d !== null && <HealthBadge health={d.row.health} />}
      </h2>
      <Problem error={detail.error} />
      {d !== null && (
        <>
          {d.row.reasons.length > 0 && <Reasons reasons={d.row.reasons} />}
          <div className="facts">
            <dl>
              <dt>{t('col.branch')}</dt>
              <dd>{d.row.branchId}</dd>
              <dt>{t('kiosk.lastHeartbeat')}</dt>
              <dd>
                {when(d.row.lastHeartbeatAt)} ({d.row.ageSeconds < 5 ? ago(t, d.row.ageSeconds) : t('time.ago', { age: ago(t, d.row.ageSeconds) })})
              </dd>
              <dt>{t('col.app')}</dt>
              <dd>{d.row.appVersion}</dd>
              <dt>{t('col.config')}</dt>
              <dd data-testid="kiosk-config">
                {d.row.configVersion === null ? t('kiosk.noConfig') : `v${d.row.configVersion}`}
                {d.row.targetConfigVersion !== null && ` (${t('kiosk.target', { version: d.row.targetConfigVersion })})`}
                {d.heartbeat.config.refused !== null &&
                  ` · ${t('kiosk.refused', { version: d.heartbeat.config.refused.version ?? '?', reason: kioskRefusalText(t, d.heartbeat.config.refused.reason) })}`}
              </dd>
              <dt>{t('kiosk.outbox')}</dt>
              <dd>
                {t('kiosk.outboxLine', {
                  pending: d.heartbeat.outbox.pending,
                  dead: d.heartbeat.outbox.dead,
                  oldest: d.heartbeat.outbox.oldestAgeSeconds === null ? '—' : ago(t, d.heartbeat.outbox.oldestAgeSeconds),
                })}
              </dd>
              <dt>{t('kiosk.audit')}</dt>
              <dd data-testid="kiosk-audit">
                {d.audit.head === null ? '—' : `#${d.audit.head.seq} ${d.audit.head.hash.slice(0, 12)}…`} ·{' '}
                {d.audit.continuous ? t('kiosk.auditContinuous') : t('kiosk.auditBroken')}
              </dd>
            </dl>
          </div>

          <h3>{t('kiosk.devices')}</h3>
          <table data-testid="device-table">
            <thead>
              <tr>
                <th>{t('kiosk.device')}</th>
                <th>{t('kiosk.deviceState')}</th>
                <th>{t('kiosk.media')}</th>
                <th>{t('kiosk.paper')}</th>
                <th>{t('kiosk.cover')}</th>
                <th>{t('kiosk.detail')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('device.idcard')}</td>
                <td>{t(`xfs.device.${d.heartbeat.devices.idcard.device}` as ConsoleKey)}</td>
                <td>{t(`xfs.media.${d.heartbeat.devices.idcard.media}` as ConsoleKey)}</td>
                <td>—</td>
                <td>—</td>
                <td />
              </tr>
              {PRINTERS.map((kind) => {
                const p = d.heartbeat.devices.printers[kind];
                if (p === undefined)
                  return (
                    <tr key={kind}>
                      <td>{t(`device.${kind}`)}</td>
                      <td colSpan={5} className="muted">
                        {t('kiosk.notOpened')}
                      </td>
                    </tr>
                  );
                const stop = printerStop(p);
                return (
                  <tr key={kind} className={stop === null ? '' : 'bad'}>
                    <td>{t(`device.${kind}`)}</td>
                    <td>{t(`xfs.device.${p.device}` as ConsoleKey)}</td>
                    <td>—</td>
                    <td className={`paper-${p.paper}`}>{t(`xfs.paper.${p.paper}` as ConsoleKey)}</td>
                    <td>{p.coverOpen ? t('kiosk.coverOpen') : t('kiosk.coverClosed')}</td>
                    <td className="mono small">{p.detail ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h3>{t('kiosk.stock')}</h3>
          {d.heartbeat.stock.length === 0 ? (
            <p className="muted">{t('kiosk.stockUnknown')}</p>
          ) : (
            <table data-testid="stock-table">
              <thead>
                <tr>
                  <th>{t('kiosk.invoiceType')}</th>
                  <th>{t('kiosk.formsLeft')}</th>
                </tr>
              </thead>
              <tbody>
                {d.heartbeat.stock.map((s) => (
                  <tr key={s.type}>
                    <td className="mono">{s.type}</td>
                    <td>{s.remaining}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3>{t('kiosk.timeline')}</h3>
          <ol className="timeline" data-testid="timeline">
            {d.timeline.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <time>{when(e.at)}</time> <span className={`tl-${e.kind}`}>{t(`timeline.${e.kind}`)}</span> <span>{timelineDetail(t, e.kind, e.detail)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Health and reason codes in words; config and rollout details (versions, the kiosk's refusal text) as the kiosk sent them. */
function timelineDetail(t: Translate, kind: string, detail: string): string {
  if ((kind === 'health' || kind === 'seen') && (HEALTHS as readonly string[]).includes(detail)) return t(`health.${detail}` as ConsoleKey);
  if ((kind === 'reasonOn' || kind === 'reasonOff') && (REASON_CODES as readonly string[]).includes(detail.split(' ')[0] ?? ''))
    return [t(`reasonName.${detail.split(' ')[0]}` as ConsoleKey), ...detail.split(' ').slice(1)].join(' ');
  const refused = kind === 'config' ? /^refused v(\S+): (.*)$/s.exec(detail) : null;
  if (refused) return t('kiosk.refused', { version: refused[1] ?? '?', reason: kioskRefusalText(t, refused[2] ?? '') });
  return detail;
}

/** A kiosk's refusal text (`badSignature: …`): its code in words, the text itself when it starts with none. */
function kioskRefusalText(t: Translate, text: string): string {
  return refusalText(t, refusalCodeOf(text), text);
}
