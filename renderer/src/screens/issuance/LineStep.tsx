import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import { lineAmountFen, lineComplete, NAME_MAX, QUANTITY_MAX_DIGITS, UNITS, type IssuanceState, type LineField } from '../../flow/issuance';
import { money } from '../../flow/issuance-words';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { FieldRow } from './FieldRow';

type LineState = Extract<IssuanceState, { name: 'line' }>;

/** One invoice line: item (pinyin), unit (one tap), quantity and unit price (number keys); the amount follows. */
export function LineStep({ state }: { state: LineState }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  const { line, field } = state;
  const amount = lineAmountFen(line);
  const labels: Record<LineField, string> = {
    name: t('issuance.line.name'),
    quantity: t('issuance.line.quantity'),
    unitPrice: t('issuance.line.unitPrice'),
  };
  const nextField: Record<LineField, LineField> = { name: 'quantity', quantity: 'unitPrice', unitPrice: 'unitPrice' };
  const go = (f: LineField) => controller.issuance({ type: 'lineField', field: f });
  return (
    <>
      <h2 className="coll-task">{t('issuance.line.title', { index: state.index + 1 })}</h2>
      <FieldRow label={labels.name} value={line.name} active={field === 'name'} testId="iss-line-name" onTap={() => go('name')} />
      <div className="iss-units" role="radiogroup" aria-label={t('issuance.line.unit')}>
        <span className="iss-field-label">{t('issuance.line.unit')}</span>
        {UNITS.map((unit) => (
          <button
            key={unit || 'none'}
            type="button"
            role="radio"
            aria-checked={line.unit === unit}
            className={`iss-chip${line.unit === unit ? ' is-chosen' : ''}`}
            data-testid={`iss-unit-${unit || 'none'}`}
            onClick={() => controller.issuance({ type: 'lineUnit', unit })}
          >
            {unit ? terms.unit(unit) : t('issuance.line.unitNone')}
          </button>
        ))}
      </div>
      <div className="iss-pair">
        <FieldRow label={labels.quantity} value={line.quantity} active={field === 'quantity'} testId="iss-line-quantity" onTap={() => go('quantity')} />
        <FieldRow label={labels.unitPrice} value={line.unitPrice} active={field === 'unitPrice'} testId="iss-line-price" onTap={() => go('unitPrice')} />
      </div>
      <p className="iss-total" data-testid="iss-line-amount">
        {t('issuance.line.amount')}: {amount === null ? '—' : money(t, amount)}
      </p>
      <OnScreenKeyboard
        key={field}
        mode={field === 'name' ? 'chinese' : field === 'quantity' ? 'numeric' : 'amount'}
        allowLatin={field === 'name'}
        value={line[field]}
        maxLength={field === 'name' ? NAME_MAX.item : field === 'quantity' ? QUANTITY_MAX_DIGITS : 12}
        maxFen={field === 'unitPrice' ? state.ctx.limitFen : undefined}
        label={labels[field]}
        onChange={(value) => controller.issuance({ type: 'lineTyped', value })}
        onDone={() => go(nextField[field])}
      />
      <div className="coll-actions">
        {!lineComplete(line) && <p className="coll-sub">{t('issuance.line.incomplete')}</p>}
        <button
          type="button"
          className="btn btn-primary btn-large"
          data-testid="iss-line-save"
          disabled={!lineComplete(line)}
          aria-disabled={!lineComplete(line)}
          onClick={() => controller.issuance({ type: 'lineSaved' })}
        >
          {t('issuance.line.save')}
        </button>
      </div>
    </>
  );
}
