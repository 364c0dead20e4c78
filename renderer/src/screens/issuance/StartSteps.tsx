import type { TaxpayerChoice } from '../../../../shared/contract/services/collection';
import type { UnfinishedIssue } from '../../../../shared/contract/services/issuance';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { money } from '../../flow/issuance-words';
import type { PlainKey } from '../../../../shared/i18n';

/** How each seller kind reads on its card; a natural person is the cardholder issuing for themselves. */
const SELLER_KIND_KEYS: Record<TaxpayerChoice['kind'], PlainKey> = {
  individual: 'collection.taxpayer.individual',
  enterprise: 'collection.taxpayer.enterprise',
  naturalPerson: 'collection.taxpayer.naturalPerson',
};

/** A paid invoice that never printed comes first: finishing it never charges again. */
export function UnfinishedStep({ items }: { items: readonly UnfinishedIssue[] }) {
  const t = useT();
  const controller = useController();
  const anyPaid = items.some((i) => i.stage === 'paid');
  return (
    <>
      <h2 className="coll-task">{t(anyPaid ? 'issuance.unfinished.title' : 'issuance.unfinished.titlePending')}</h2>
      <div className="coll-cards iss-one-column">
        {items.map((item) => (
          <div key={item.transactionId} className="coll-card iss-unfinished" data-testid="iss-unfinished" data-stage={item.stage}>
            <span className="coll-card-title">{item.sellerName}</span>
            <span className="coll-card-line">
              {t(item.stage === 'paid' ? 'issuance.unfinished.paid' : 'issuance.unfinished.pending', {
                paid: money(t, item.payableFen),
                gross: money(t, item.grossFen),
                seller: item.sellerName,
              })}
            </span>
            <button
              type="button"
              className="btn btn-primary btn-large"
              data-testid="iss-resume"
              onClick={() => controller.issuance({ type: 'resumeChosen', transactionId: item.transactionId })}
            >
              {t(item.stage === 'paid' ? 'issuance.unfinished.print' : 'issuance.unfinished.continuePay')}
            </button>
          </div>
        ))}
      </div>
      <p className="coll-sub">{t('issuance.unfinished.note')}</p>
      <div className="coll-actions">
        <button type="button" className="btn btn-secondary btn-large" data-testid="iss-new" onClick={() => controller.issuance({ type: 'newChosen' })}>
          {t('issuance.unfinished.new')}
        </button>
      </div>
    </>
  );
}

export function SellerStep({ sellers }: { sellers: readonly TaxpayerChoice[] }) {
  const t = useT();
  const controller = useController();
  if (sellers.length === 0) {
    return (
      <div className="coll-message" data-testid="iss-no-seller">
        <p className="coll-message-main">{t('issuance.seller.none')}</p>
        <p className="coll-message-next">{t('issuance.seller.none.next')}</p>
      </div>
    );
  }
  return (
    <>
      <h2 className="coll-task">{t('issuance.seller.title')}</h2>
      <div className="coll-cards">
        {sellers.map((seller) => (
          <button
            key={seller.id}
            type="button"
            className="coll-card"
            data-testid="iss-seller"
            onClick={() => controller.issuance({ type: 'sellerChosen', seller })}
          >
            <span className="coll-card-title">{seller.name}</span>
            <span className="coll-card-line">{seller.id}</span>
            <span className="coll-card-line">
              {t(SELLER_KIND_KEYS[seller.kind])}
              {' · '}
              {t(seller.asAgent ? 'collection.taxpayer.asAgent' : 'collection.taxpayer.owner')}
            </span>
          </button>
        ))}
      </div>
    </>
  );
}
