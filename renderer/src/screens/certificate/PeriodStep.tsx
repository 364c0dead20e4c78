import type { CertificateBounds, PeriodPreset } from '../../../../shared/contract/services/certificate';
import { spanMonths } from '../../../../shared/domain/certificate-period';
import type { PlainKey } from '../../../../shared/i18n';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { assertNever } from '../../../../shared/assert-never';
import { rangeText } from '../../flow/certificate-words';

function presetKey(id: PeriodPreset['id']): PlainKey {
  switch (id) {
    case 'last12Months':
      return 'certificate.ui.preset.last12Months';
    case 'thisYear':
      return 'certificate.ui.preset.thisYear';
    case 'lastYear':
      return 'certificate.ui.preset.lastYear';
    default:
      return assertNever(id);
  }
}

/** The ready-made periods as large cards, then "choose the months". */
export function PeriodStep({ bounds }: { bounds: CertificateBounds }) {
  const t = useT();
  const controller = useController();
  return (
    <>
      <h2 className="cert-task">{t('certificate.ui.period.title')}</h2>
      <p className="cert-sub">{t('certificate.ui.period.hint', { history: bounds.historyMonths, span: bounds.maxSpanMonths })}</p>
      <div className="cert-cards">
        {bounds.presets.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className="cert-card"
            data-testid={`cert-preset-${preset.id}`}
            onClick={() => controller.certificate({ type: 'presetChosen', range: { from: preset.from, to: preset.to } })}
          >
            <span className="cert-card-title">{t(presetKey(preset.id))}</span>
            <span className="cert-card-line">{rangeText(t, preset)}</span>
            <span className="cert-card-note">{t('certificate.ui.months', { count: spanMonths(preset) })}</span>
          </button>
        ))}
        <button
          type="button"
          className="cert-card cert-card-custom"
          data-testid="cert-preset-custom"
          onClick={() => controller.certificate({ type: 'customOpened' })}
        >
          <span className="cert-card-title">{t('certificate.ui.preset.custom')}</span>
          <span className="cert-card-line">{t('certificate.ui.preset.customDesc')}</span>
        </button>
      </div>
    </>
  );
}
