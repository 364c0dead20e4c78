import { useEffect, useState } from 'react';
import type { DiagExportTarget } from '../../../../shared/contract/services/diagnostics';
import type { PlainKey } from '../../../../shared/i18n';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { DiagMessage, useDiagAction } from './use-diag-action';

const KIND: Record<DiagExportTarget['kind'], PlainKey> = { data: 'diag.export.data', configured: 'diag.export.configured', removable: 'diag.export.removable' };

/** The diagnostics bundle (no names, no ID numbers) to a folder or a USB stick the host offers. */
export function ExportTab() {
  const t = useT();
  const controller = useController();
  const [targets, setTargets] = useState<DiagExportTarget[]>([]);
  const { busy, message, run } = useDiagAction();
  useEffect(() => {
    controller.diag('diag.exportTargets', {}).then(
      (r) => setTargets(r.targets),
      () => setTargets([]),
    );
  }, [controller]);
  return (
    <div className="panel diag-section" data-testid="diag-export">
      {targets.map((target) => (
        <div key={target.path} className="diag-row">
          <span>
            {t(KIND[target.kind])} <span className="diag-mono">{target.path}</span>
          </span>
          <button
            type="button"
            className="btn btn-primary"
            data-testid={`diag-export-${target.kind}`}
            disabled={busy}
            onClick={() =>
              void run(
                () => controller.diag('diag.exportBundle', { dir: target.path }),
                (r) => ({ text: t('diag.export.done', { file: r.file }), ok: true }),
              )
            }
          >
            {t('diag.export.go')}
          </button>
        </div>
      ))}
      <DiagMessage message={message} testId="diag-export-result" />
    </div>
  );
}
