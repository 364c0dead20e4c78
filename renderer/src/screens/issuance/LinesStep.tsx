import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import { draftGrossFen, lineAmountFen, linesReady, type IssuanceState } from '../../flow/issuance';
import { money } from '../../flow/issuance-words';

type LinesState = Extract<IssuanceState, { name: 'lines' }>;

/** The invoice lines so far, each changeable or removable, the running total, and room for one more. */
export function LinesStep({ state }: { state: LinesState }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  const { draft, ctx } = state;
  const gross = draftGrossFen(draft);
  const full = draft.lines.length >= ctx.maxLines;
  return (
    <>
      <h2 className="coll-task">{t('issuance.lines.title')}</h2>
      <p className="coll-sub">{t('issuance.lines.hint', { max: ctx.maxLines })}</p>
      {draft.lines.length === 0 && <p className="coll-message-main">{t('issuance.lines.empty')}</p>}
      <ol className="iss-lines" data-testid="iss-lines">
        {draft.lines.map((line, index) => (
          <li key={index} className="iss-line" data-testid="iss-line">
            <span className="iss-line-text">
              <span className="iss-line-name">{line.name}</span>
              <span className="iss-line-detail">
                {t('issuance.lines.lineSummary', {
                  quantity: line.quantity,
                  unit: terms.unit(line.unit),
                  price: t('issuance.yuan', { amount: line.unitPrice }),
                })}
              </span>
            </span>
            <span className="iss-line-amount">{money(t, lineAmountFen(line) ?? 0)}</span>
            <button
              type="button"
              className="btn btn-secondary"
              data-testid={`iss-line-edit-${index}`}
              onClick={() => controller.issuance({ type: 'editLine', index })}
            >
              {t('issuance.lines.edit')}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              data-testid={`iss-line-remove-${index}`}
              onClick={() => controller.issuance({ type: 'removeLine', index })}
            >
              {t('issuance.lines.remove')}
            </button>
          </li>
        ))}
      </ol>
      {draft.lines.length > 0 && (
        <p className="iss-total" data-testid="iss-lines-total">
          {t('issuance.lines.total', { amount: money(t, gross) })}
        </p>
      )}
      {gross > ctx.limitFen && (
        <p className="notice notice-warning" data-testid="iss-over-limit">
          {t('issuance.lines.overLimit', { limit: money(t, ctx.limitFen) })}
        </p>
      )}
      <div className="coll-actions">
        {full ? (
          <p className="coll-sub">{t('issuance.lines.full', { max: ctx.maxLines })}</p>
        ) : (
          <button type="button" className="btn btn-secondary btn-large" data-testid="iss-add-line" onClick={() => controller.issuance({ type: 'addLine' })}>
            {t('issuance.lines.add')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary btn-large"
          data-testid="iss-next"
          disabled={!linesReady(draft, ctx)}
          aria-disabled={!linesReady(draft, ctx)}
          onClick={() => controller.issuance({ type: 'next' })}
        >
          {t('issuance.next')}
        </button>
      </div>
    </>
  );
}
