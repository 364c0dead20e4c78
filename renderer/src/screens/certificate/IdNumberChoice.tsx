import type { IdNumberShown } from '../../../../shared/contract/services/certificate';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';

/**
 * How the ID number is printed on the certificate, as the national IIT app
 * offers: in full (the default: the certificate is the holder's own proof)
 * or partly hidden. Said in words only: the screen never shows the number in
 * full, whatever is chosen.
 */
export function IdNumberChoice({ shown }: { shown: IdNumberShown }) {
  const t = useT();
  const controller = useController();
  const option = (value: IdNumberShown, label: string) => (
    <button
      type="button"
      className={`cert-end cert-id-option${shown === value ? ' is-editing' : ''}`}
      aria-pressed={shown === value}
      data-testid={`cert-id-${value}`}
      onClick={() => controller.certificate({ type: 'idNumberShownChosen', shown: value })}
    >
      <span className="cert-end-value">{label}</span>
    </button>
  );
  return (
    <div className="cert-id-choice" role="group" aria-labelledby="cert-id-choice-label" data-testid="cert-id-choice">
      <span id="cert-id-choice-label" className="cert-sub">
        {t('certificate.ui.preview.idShown')}
      </span>
      {option('full', t('certificate.ui.preview.idFull'))}
      {option('partlyHidden', t('certificate.ui.preview.idPartlyHidden'))}
      <p className="cert-sub">{t('certificate.ui.preview.idHint')}</p>
    </div>
  );
}
