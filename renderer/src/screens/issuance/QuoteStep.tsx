import type { QuoteView, TaxLineView } from '../../../../shared/contract/services/issuance';
import { useController } from '../../app/context';
import { useT, type T } from '../../hooks/use-t';
import type { IssuanceState } from '../../flow/issuance';
import { money, rate, taxLineKey } from '../../flow/issuance-words';

type QuoteState = Extract<IssuanceState, { name: 'quote' }>;

function Leg({ t, title, total, lines, testId }: { t: T; title: string; total: number; lines: readonly TaxLineView[]; testId: string }) {
  return (
    <section className="iss-leg" data-testid={testId}>
      <h3 className="iss-leg-title">
        <span>{title}</span>
        <span className="iss-leg-total" data-testid={`${testId}-total`}>
          {money(t, total)}
        </span>
      </h3>
      <dl className="iss-leg-lines">
        {lines.map((line) => (
          <div key={line.kind} className="iss-leg-line" data-testid={`${testId}-${line.kind}`}>
            <dt>
              {t(taxLineKey(line.kind))} {rate(line.rateBp)}
              {line.reductionBp > 0 && line.amountFen > 0 ? t('issuance.quote.reduced') : ''}
            </dt>
            <dd>{money(t, line.amountFen)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The invoice and the tax on it, split national / local, before any money moves. */
export function QuoteStep({ state }: { state: QuoteState }) {
  const t = useT();
  const controller = useController();
  const q: QuoteView = state.quote;
  const nothingToPay = q.payableFen === 0;
  return (
    <>
      <h2 className="coll-task">{t('issuance.quote.title')}</h2>
      {/* Portrait: one column (what the invoice says, the notes, the tax, what to pay). Landscape: the tax on the
          left; what the invoice says and what to pay on the right, so Pay never scrolls away. Each column is as
          tall as its own content (a grid with spanning areas made the page taller than either column). */}
      <div className="iss-quote">
        <div className="iss-quote-main">
          {q.exempt && (
            <p className="notice notice-info" data-testid="iss-quote-exempt">
              {/* A natural person is exempt per sale (按次), everyone else by the month (docs/tax-rules.md). */}
              {t(state.draft.seller.kind === 'naturalPerson' ? 'issuance.quote.exemptPerTime' : 'issuance.quote.exempt')}
            </p>
          )}
          {state.draft.seller.kind === 'enterprise' && (
            <p className="notice notice-info" data-testid="iss-quote-no-iit">
              {t('issuance.quote.noIit')}
            </p>
          )}
          <div className="iss-legs">
            <Leg t={t} title={t('issuance.quote.national')} total={q.national.totalFen} lines={q.national.lines} testId="iss-national" />
            <Leg
              t={t}
              title={t(q.local.lines.some((l) => l.kind === 'iit') ? 'issuance.quote.local' : 'issuance.quote.localSurcharges')}
              total={q.local.totalFen}
              lines={q.local.lines}
              testId="iss-local"
            />
          </div>
        </div>
        <div className="iss-quote-side">
          <dl className="coll-facts iss-facts" data-testid="iss-quote-facts">
            <dt>{t('issuance.quote.seller')}</dt>
            <dd>{state.draft.seller.name}</dd>
            <dt>{t('issuance.quote.buyer')}</dt>
            <dd>{state.draft.buyer.name}</dd>
            <dt>{t('issuance.quote.gross')}</dt>
            <dd data-testid="iss-quote-gross">{money(t, q.grossFen)}</dd>
            <dt>{t('issuance.quote.net')}</dt>
            <dd>{money(t, q.netFen)}</dd>
          </dl>
          <div className="iss-quote-pay">
            <p className="iss-payable">
              <span>{t('issuance.quote.payable')}</span>
              <strong data-testid="iss-payable">{money(t, q.payableFen)}</strong>
            </p>
            {nothingToPay && <p className="coll-sub">{t('issuance.quote.nothingToPay')}</p>}
            <div className="coll-actions">
              <button type="button" className="btn btn-primary btn-large" data-testid="iss-pay" onClick={() => controller.issuance({ type: 'confirmed' })}>
                {t(nothingToPay ? 'issuance.quote.printNow' : 'issuance.quote.pay')}
              </button>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
