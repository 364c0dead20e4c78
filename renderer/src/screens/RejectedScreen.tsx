import type { CardRejection } from '../../../shared/domain/idcard';
import { useController } from '../app/context';
import { rejectionKeys } from '../flow/visit';
import { useT } from '../hooks/use-t';
import { StopIcon } from '../components/icons';

export function RejectedScreen({ rejection }: { rejection: CardRejection }) {
  const t = useT();
  const controller = useController();
  const keys = rejectionKeys(rejection);
  return (
    <section className="screen rejected" data-screen="rejected" data-rejection={rejection} role="alert">
      <div className="panel panel-center">
        <div className="rejected-icon">
          <StopIcon />
        </div>
        <p className="eyebrow">{t('rejected.title')}</p>
        <h1 className="screen-title">{t(keys.message)}</h1>
        <p className="lead next-step">{t(keys.next)}</p>
        <p className="take-card">{t('rejected.takeCard')}</p>
        <button type="button" className="btn btn-secondary btn-large" onClick={controller.endSession}>
          {t('rejected.back')}
        </button>
      </div>
    </section>
  );
}
