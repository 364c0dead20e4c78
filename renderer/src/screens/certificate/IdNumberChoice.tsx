import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';

/**
 * Asked when Print is tapped, over the preview: how the ID number is printed
 * on the certificate, as the national IIT app offers. In full is the first,
 * primary answer (the certificate is the holder's own proof); partly hidden
 * the other. Said in words only: the screen never shows the number in full.
 */
export function IdNumberQuestion() {
  const t = useT();
  const controller = useController();
  return (
    <div className="overlay" data-testid="cert-id-question">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="cert-id-title" aria-describedby="cert-id-body">
        <h1 id="cert-id-title" className="dialog-title">
          {t('certificate.ui.preview.idShown')}
        </h1>
        <p id="cert-id-body" className="lead">
          {t('certificate.ui.preview.idHint')}
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn-primary btn-large"
            data-testid="cert-id-full"
            onClick={() => controller.certificate({ type: 'idNumberShownChosen', shown: 'full' })}
          >
            {t('certificate.ui.preview.idFull')}
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-large"
            data-testid="cert-id-partlyHidden"
            onClick={() => controller.certificate({ type: 'idNumberShownChosen', shown: 'partlyHidden' })}
          >
            {t('certificate.ui.preview.idPartlyHidden')}
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-large"
            data-testid="cert-id-close"
            onClick={() => controller.certificate({ type: 'idQuestionClosed' })}
          >
            {t('certificate.ui.back')}
          </button>
        </div>
      </div>
    </div>
  );
}
