import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import type { CollectionState, Progress } from '../../flow/collection';
import { progressText } from '../../flow/collection-words';

export function ConfirmStep({ state }: { state: Extract<CollectionState, { name: 'confirm' }> }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  return (
    <>
      <h2 className="coll-task">{t('collection.confirm.title')}</h2>
      <dl className="coll-facts" data-testid="coll-confirm">
        <dt>{t('collection.confirm.taxpayer')}</dt>
        <dd>{state.from.taxpayer.name}</dd>
        <dt>{t('collection.confirm.type')}</dt>
        <dd>{terms.invoiceType(state.type.code, state.type.name)}</dd>
        <dt>{t('collection.confirm.quantity')}</dt>
        <dd className="coll-facts-big">{t('collection.confirm.quantityValue', { count: state.quantity })}</dd>
      </dl>
      <div className="coll-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="coll-confirm-go" onClick={() => controller.collection({ type: 'confirmed' })}>
          {t('collection.confirm.go')}
        </button>
      </div>
    </>
  );
}

export function ProgressStep({ progress }: { progress: Progress | null }) {
  const t = useT();
  const share = progress && progress.step === 'printingForms' && progress.total > 0 ? progress.done / progress.total : null;
  return (
    <div className="coll-progress" data-testid="coll-progress">
      <h2 className="coll-task">{t('collection.progress.title')}</h2>
      <p className="coll-progress-line" role="status" aria-live="polite" data-testid="coll-progress-line">
        {progressText(t, progress)}
      </p>
      {share !== null && (
        <div className="coll-bar" aria-hidden="true">
          <div className="coll-bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      )}
      <p className="coll-sub">{t('collection.progress.wait')}</p>
    </div>
  );
}
