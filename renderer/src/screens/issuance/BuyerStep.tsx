import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { buyerProblem, NAME_MAX, type IssuanceState } from '../../flow/issuance';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { FieldRow } from './FieldRow';

type BuyerState = Extract<IssuanceState, { name: 'buyer' }>;

/** The buyer: organisation or private person, then its name (pinyin) and, for an organisation, its 18-character ID. */
export function BuyerStep({ state }: { state: BuyerState }) {
  const t = useT();
  const controller = useController();
  const buyer = state.draft.buyer;
  const problem = buyerProblem(buyer);
  const taxIdProblem =
    buyer.kind === 'company' && buyer.taxId !== '' && state.field !== 'taxId'
      ? problem === 'taxIdShort'
        ? t('issuance.buyer.taxIdShort', { count: buyer.taxId.length })
        : problem === 'taxIdBad'
          ? t('issuance.buyer.taxIdBad')
          : null
      : null;
  const nameLabel = t(buyer.kind === 'company' ? 'issuance.buyer.name' : 'issuance.buyer.nameIndividual');
  return (
    <>
      <h2 className="coll-task">{t('issuance.buyer.title')}</h2>
      <div className="iss-toggle" role="radiogroup">
        {(['company', 'individual'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            role="radio"
            aria-checked={buyer.kind === kind}
            className={`iss-toggle-btn${buyer.kind === kind ? ' is-chosen' : ''}`}
            data-testid={`iss-buyer-${kind}`}
            onClick={() => controller.issuance({ type: 'buyerKind', kind })}
          >
            {t(kind === 'company' ? 'issuance.buyer.company' : 'issuance.buyer.individual')}
          </button>
        ))}
      </div>
      <FieldRow
        label={nameLabel}
        value={buyer.name}
        active={state.field === 'name'}
        testId="iss-buyer-name"
        onTap={() => controller.issuance({ type: 'buyerField', field: 'name' })}
      />
      {buyer.kind === 'company' && (
        <FieldRow
          label={t('issuance.buyer.taxId')}
          value={buyer.taxId}
          active={state.field === 'taxId'}
          testId="iss-buyer-taxid"
          problem={taxIdProblem}
          onTap={() => controller.issuance({ type: 'buyerField', field: 'taxId' })}
        />
      )}
      {state.field === 'name' && (
        <OnScreenKeyboard
          key={`name-${buyer.kind}`}
          mode="chinese"
          allowLatin // a private buyer may be a foreigner whose name is in Latin letters
          value={buyer.name}
          maxLength={NAME_MAX.buyer}
          label={nameLabel}
          onChange={(value) => controller.issuance({ type: 'buyerTyped', value })}
          onDone={() => controller.issuance({ type: 'buyerField', field: buyer.kind === 'company' && buyer.taxId === '' ? 'taxId' : null })}
        />
      )}
      {state.field === 'taxId' && buyer.kind === 'company' && (
        <OnScreenKeyboard
          key="taxId"
          mode="taxId"
          value={buyer.taxId}
          maxLength={18}
          label={t('issuance.buyer.taxId')}
          onChange={(value) => controller.issuance({ type: 'buyerTyped', value })}
          onDone={() => controller.issuance({ type: 'buyerField', field: null })}
        />
      )}
      {state.field === null && (
        <div className="coll-actions">
          <button
            type="button"
            className="btn btn-primary btn-large"
            data-testid="iss-next"
            disabled={problem !== null}
            aria-disabled={problem !== null}
            onClick={() => controller.issuance({ type: 'next' })}
          >
            {t('issuance.next')}
          </button>
        </div>
      )}
    </>
  );
}
