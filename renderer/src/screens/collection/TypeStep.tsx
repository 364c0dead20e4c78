import { useState } from 'react';
import type { InvoiceTypeOption } from '../../../../shared/contract/services/collection';
import type { PlainKey } from '../../../../shared/i18n';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import { selectedType, type ChooseType } from '../../flow/collection';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';

/** Why a type cannot be taken now (maxQuantity 0), most specific first. */
function whyNotKey(type: InvoiceTypeOption): PlainKey {
  if (type.quotaRemaining === 0) return 'collection.type.why.quota';
  if (type.stockRemaining === 0) return 'collection.type.why.stock';
  return 'collection.type.why.limit';
}

export function TypeStep({ state }: { state: ChooseType }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState('');
  const type = selectedType(state);

  return (
    <>
      <h2 className="coll-task">{t('collection.type.title')}</h2>
      <p className="coll-sub">{t('collection.type.for', { name: state.taxpayer.name })}</p>
      {state.types.length === 0 && <p className="coll-message-main">{t('collection.type.none')}</p>}
      <div className="coll-cards coll-types">
        {state.types.map((option) => {
          const open = option.maxQuantity > 0;
          const chosen = state.selected === option.code;
          return (
            <button
              key={option.code}
              type="button"
              className={`coll-card coll-type${chosen && open ? ' is-chosen' : ''}${open ? '' : ' is-closed'}`}
              aria-pressed={chosen && open}
              data-testid={`coll-type-${option.code}`}
              onClick={() => controller.collection({ type: 'typeSelected', code: option.code })}
            >
              <span className="coll-card-title">{terms.invoiceType(option.code, option.name)}</span>
              <span className="coll-card-facts">
                <span>{t('collection.type.quota', { count: option.quotaRemaining })}</span>
                <span>{t('collection.type.stock', { count: option.stockRemaining })}</span>
              </span>
              {!open && (
                <span className="coll-why" data-testid={`coll-type-${option.code}-why`}>
                  {t(whyNotKey(option))}
                </span>
              )}
            </button>
          );
        })}
      </div>

      {type !== null && !typing && (
        <div className="coll-qty" data-testid="coll-qty">
          <span className="coll-qty-label">{t('collection.qty.label')}</span>
          <div className="coll-stepper">
            <button
              type="button"
              className="coll-step-btn"
              aria-label={t('collection.qty.minus')}
              data-testid="coll-qty-minus"
              disabled={state.quantity <= 1}
              onClick={() => controller.collection({ type: 'quantitySet', quantity: state.quantity - 1 })}
            >
              −
            </button>
            <span className="coll-qty-value" data-testid="coll-qty-value">
              {state.quantity}
              <small>{t('collection.qty.unit')}</small>
            </span>
            <button
              type="button"
              className="coll-step-btn"
              aria-label={t('collection.qty.plus')}
              data-testid="coll-qty-plus"
              disabled={state.quantity >= type.maxQuantity}
              onClick={() => controller.collection({ type: 'quantitySet', quantity: state.quantity + 1 })}
            >
              +
            </button>
          </div>
          <span className="coll-qty-max">{t('collection.qty.max', { max: type.maxQuantity })}</span>
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="coll-qty-keyboard"
            onClick={() => {
              setDraft(String(state.quantity));
              setTyping(true);
            }}
          >
            {t('collection.qty.keyboard')}
          </button>
        </div>
      )}
      {type !== null && typing && (
        <OnScreenKeyboard
          mode="numeric"
          value={draft}
          onChange={setDraft}
          maxLength={String(type.maxQuantity).length}
          label={t('collection.qty.keyboardLabel')}
          onDone={() => {
            if (draft !== '') controller.collection({ type: 'quantitySet', quantity: Number(draft) });
            setTyping(false);
          }}
        />
      )}

      <div className="coll-actions">
        {type === null && state.types.some((o) => o.maxQuantity > 0) && <p className="coll-sub">{t('collection.type.choose')}</p>}
        {type !== null && !typing && (
          <button type="button" className="btn btn-primary btn-large" data-testid="coll-next" onClick={() => controller.collection({ type: 'next' })}>
            {t('collection.next')}
          </button>
        )}
        {!typing && (
          <button
            type="button"
            className="btn btn-secondary btn-large"
            data-testid="coll-pickup"
            onClick={() => controller.collection({ type: 'pickupOpened' })}
          >
            {t('collection.pickup.entry')}
          </button>
        )}
      </div>
    </>
  );
}
