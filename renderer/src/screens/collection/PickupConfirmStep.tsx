import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import type { CollectionState } from '../../flow/collection';

/**
 * Before a 取票码 dispenses: whose invoices, which type, how many — one
 * screen with 确认 / 返回 (docs/collection.md). Nothing is held or allocated
 * until 确认.
 */
export function PickupConfirmStep({ state }: { state: Extract<CollectionState, { name: 'pickupConfirm' }> }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  const { pickup } = state;
  return (
    <>
      <h2 className="coll-task">{t('collection.pickupConfirm.title')}</h2>
      <dl className="coll-facts" data-testid="coll-pickup-confirm">
        <dt>{t('collection.confirm.taxpayer')}</dt>
        <dd data-testid="coll-pickup-taxpayer">{pickup.taxpayerName}</dd>
        <dt>{t('collection.confirm.type')}</dt>
        <dd>{terms.invoiceType(pickup.invoiceType, pickup.invoiceTypeName)}</dd>
        <dt>{t('collection.confirm.quantity')}</dt>
        <dd className="coll-facts-big">{t('collection.confirm.quantityValue', { count: pickup.quantity })}</dd>
        <dt>{t('collection.pickupConfirm.code')}</dt>
        <dd>{pickup.code}</dd>
      </dl>
      <p className="coll-sub">{t('collection.pickupConfirm.note')}</p>
      <div className="coll-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="coll-pickup-go" onClick={() => controller.collection({ type: 'confirmed' })}>
          {t('collection.pickupConfirm.go')}
        </button>
        <button type="button" className="btn btn-secondary btn-large" data-testid="coll-pickup-return" onClick={() => controller.collection({ type: 'back' })}>
          {t('collection.pickupConfirm.back')}
        </button>
      </div>
    </>
  );
}
