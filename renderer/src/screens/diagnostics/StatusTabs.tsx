import { useEffect, useState } from 'react';
import type { DiagStatus } from '../../../../shared/contract/services/diagnostics';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { DiagMessage, useDiagAction } from './use-diag-action';

function gb(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** The link to the backend and what waits in the outbox (parked rows first for a technician). */
export function BackendTab({ status }: { status: DiagStatus | null }) {
  const t = useT();
  if (status === null) return null;
  const { backend, outbox } = status;
  return (
    <div className="panel diag-section" data-testid="diag-backend">
      <p>{t('diag.backend.transport', { transport: backend.transport })}</p>
      <p data-testid="diag-backend-link">
        {backend.connected === null
          ? t('diag.backend.noLink')
          : backend.connected
            ? t('diag.backend.connected')
            : t('diag.backend.disconnected', { detail: backend.detail ?? '' })}
      </p>
      {outbox.authorities.map((a) => (
        <p key={a.authority}>{t('diag.backend.pending', { authority: a.authority, count: a.pending })}</p>
      ))}
      <p data-testid="diag-parked">{t('diag.backend.parked', { count: outbox.parkedCount })}</p>
      <ul className="diag-frames">
        {outbox.parked.map((row) => (
          <li key={row.id} className="diag-mono">
            {row.id} {row.authority} {row.kind} ×{row.attempts} {row.lastError ?? ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Versions, disk, and applying a signed config bundle from a USB stick. */
export function ConfigTab({ status }: { status: DiagStatus | null }) {
  const t = useT();
  const controller = useController();
  const [files, setFiles] = useState<string[] | null>(null);
  const { busy, message, run } = useDiagAction();
  useEffect(() => {
    controller.diag('diag.configFiles', {}).then(
      (r) => setFiles(r.files),
      () => setFiles([]),
    );
  }, [controller]);
  if (status === null) return null;
  return (
    <div className="panel diag-section" data-testid="diag-config">
      <p data-testid="diag-config-version">{t('diag.config.version', { version: status.config.version })}</p>
      <p className="diag-mono">{t('diag.config.hash', { hash: status.config.hash ?? '—' })}</p>
      <p>{t('diag.config.app', { version: status.appVersion })}</p>
      {status.disk && <p>{t('diag.config.disk', { free: gb(status.disk.freeBytes), total: gb(status.disk.totalBytes) })}</p>}
      <h3>{t('diag.config.files')}</h3>
      {files !== null && files.length === 0 && <p className="diag-muted">{t('diag.config.noFiles')}</p>}
      {files?.map((file) => (
        <div key={file} className="diag-row">
          <span className="diag-mono">{file}</span>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy}
            onClick={() =>
              void run(
                () => controller.diag('diag.applyConfig', { file }),
                (r) =>
                  r.outcome === 'applied'
                    ? { text: t('diag.config.applied', { version: r.version }), ok: true }
                    : { text: t('diag.config.refused', { reason: `${r.reason}: ${r.detail}` }), ok: false },
              )
            }
          >
            {t('diag.config.apply')}
          </button>
        </div>
      ))}
      <DiagMessage message={message} testId="diag-config-result" />
    </div>
  );
}
