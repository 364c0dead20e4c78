import { spanMonths } from '../../../../shared/domain/certificate-period';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import type { CertificateState, Editing } from '../../flow/certificate';
import { monthNames, monthText } from '../../flow/certificate-words';

type Custom = Extract<CertificateState, { name: 'customPeriod' }>;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * From and To as two large switches, then a year row and a month grid for
 * the end being set. Months outside what can be certified are greyed and
 * cannot be tapped; picking one end moves the other into range, so the
 * range on screen is always one the host accepts.
 */
export function CustomPeriodStep({ state }: { state: Custom }) {
  const t = useT();
  const controller = useController();
  const names = monthNames(t);
  const firstYear = Number(state.bounds.earliest.slice(0, 4));
  const lastYear = Number(state.bounds.latest.slice(0, 4));
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const end = (which: Editing) => (
    <button
      type="button"
      className={`cert-end${state.editing === which ? ' is-editing' : ''}`}
      aria-pressed={state.editing === which}
      data-testid={`cert-custom-${which}`}
      onClick={() => controller.certificate({ type: 'customEdit', editing: which })}
    >
      <span className="cert-end-label">{t(which === 'from' ? 'certificate.ui.custom.from' : 'certificate.ui.custom.to')}</span>
      <span className="cert-end-value">{monthText(t, state.range[which])}</span>
    </button>
  );

  return (
    <>
      <h2 className="cert-task">{t('certificate.ui.custom.title')}</h2>
      <div className="cert-ends">
        {end('from')}
        <span className="cert-ends-sep" aria-hidden="true">
          →
        </span>
        {end('to')}
        <span className="cert-ends-count" data-testid="cert-custom-count">
          {t('certificate.ui.months', { count: spanMonths(state.range) })}
        </span>
      </div>
      <p className="cert-pick" role="status">
        {t(state.editing === 'from' ? 'certificate.ui.custom.pickFrom' : 'certificate.ui.custom.pickTo')}
      </p>
      <div className="cert-years" role="group">
        {years.map((year) => (
          <button
            key={year}
            type="button"
            className={`cert-year${state.year === year ? ' is-chosen' : ''}`}
            aria-pressed={state.year === year}
            data-testid={`cert-year-${year}`}
            onClick={() => controller.certificate({ type: 'customYear', year })}
          >
            {t('certificate.ui.custom.year', { year })}
          </button>
        ))}
      </div>
      <div className="cert-months" role="group">
        {names.map((name, i) => {
          const month = `${state.year}-${pad(i + 1)}`;
          const outside = month < state.bounds.earliest || month > state.bounds.latest;
          const inRange = month >= state.range.from && month <= state.range.to;
          const isEnd = month === state.range[state.editing];
          return (
            <button
              key={month}
              type="button"
              className={`cert-month${inRange ? ' in-range' : ''}${isEnd ? ' is-end' : ''}`}
              disabled={outside}
              aria-pressed={isEnd}
              data-testid={`cert-month-${month}`}
              onClick={() => controller.certificate({ type: 'customMonth', month })}
            >
              {name}
            </button>
          );
        })}
      </div>
      <p className="cert-sub">{t('certificate.ui.custom.rule', { span: state.bounds.maxSpanMonths })}</p>
      <p className="cert-sub">{t('certificate.ui.custom.outside', { history: state.bounds.historyMonths })}</p>
      <div className="cert-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="cert-query" onClick={() => controller.certificate({ type: 'query' })}>
          {t('certificate.ui.query')}
        </button>
      </div>
    </>
  );
}
