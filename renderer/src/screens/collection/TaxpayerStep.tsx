import type { TaxpayerChoice } from '../../../../shared/contract/services/collection';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';

export function TaxpayerStep({ taxpayers }: { taxpayers: readonly TaxpayerChoice[] }) {
  const t = useT();
  const controller = useController();
  if (taxpayers.length === 0) {
    return (
      <div className="coll-message" data-testid="coll-no-taxpayer">
        <p className="coll-message-main">{t('collection.taxpayer.none')}</p>
        <p className="coll-message-next">{t('collection.taxpayer.none.next')}</p>
      </div>
    );
  }
  return (
    <>
      <h2 className="coll-task">{t('collection.taxpayer.title')}</h2>
      <div className="coll-cards">
        {taxpayers.map((taxpayer) => (
          <button
            key={taxpayer.id}
            type="button"
            className="coll-card"
            data-testid="coll-taxpayer"
            onClick={() => controller.collection({ type: 'taxpayerChosen', taxpayer })}
          >
            <span className="coll-card-title">{taxpayer.name}</span>
            <span className="coll-card-line">{taxpayer.id}</span>
            <span className="coll-card-line">
              {t(taxpayer.kind === 'enterprise' ? 'collection.taxpayer.enterprise' : 'collection.taxpayer.individual')}
              {' · '}
              {t(taxpayer.asAgent ? 'collection.taxpayer.asAgent' : 'collection.taxpayer.owner')}
            </span>
          </button>
        ))}
      </div>
    </>
  );
}
