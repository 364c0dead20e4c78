import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import { PREVIEW_PAGE_SIZE, previewPages, type CertificateState } from '../../flow/certificate';
import { monthText, rangeText, yuanText } from '../../flow/certificate-words';
import { IdNumberQuestion } from './IdNumberChoice';
import { PrintButton } from './PrintButton';

type Preview = Extract<CertificateState, { name: 'preview' }>;

/**
 * The records the certificate will print, from the same data as the PDF,
 * a few at a time in large type: period and amount stand out, the agent,
 * date and authority under the item. The total stays on top on every page.
 */
export function PreviewStep({ state }: { state: Preview }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  const pages = previewPages(state.records);
  const first = state.page * PREVIEW_PAGE_SIZE;
  const shown = state.records.slice(first, first + PREVIEW_PAGE_SIZE);
  return (
    <>
      <h2 className="cert-task">{t('certificate.ui.preview.title')}</h2>
      <div className="cert-preview">
        <div className="cert-summary" data-testid="cert-summary">
          <div className="cert-summary-facts">
            <span data-testid="cert-period">{t('certificate.ui.preview.period', { range: rangeText(t, state.range) })}</span>
            <span data-testid="cert-count">{t('certificate.ui.preview.count', { count: state.records.length })}</span>
          </div>
          <div className="cert-summary-total">
            <span className="cert-summary-label">{t('certificate.ui.preview.total')}</span>
            <span className="cert-summary-amount" data-testid="cert-total">
              {yuanText(state.totalFen)}
            </span>
          </div>
        </div>
        <table className="cert-table" data-testid="cert-table">
          <thead>
            <tr>
              <th scope="col">{t('certificate.col.period')}</th>
              <th scope="col">
                {t('certificate.col.item')}
                <small>
                  {t('certificate.col.agent')} · {t('certificate.col.paidOn')} · {t('certificate.col.authority')}
                </small>
              </th>
              <th scope="col" className="cert-num">
                {t('certificate.col.amount')}
              </th>
            </tr>
          </thead>
          {shown.map((record, i) => (
            <tbody key={`${first + i}`} className={i % 2 === 1 ? 'is-alt' : undefined} data-testid="cert-row">
              <tr>
                <td className="cert-cell-period">{monthText(t, record.period)}</td>
                <td className="cert-cell-item">{terms.incomeItem(record.item)}</td>
                <td className="cert-num cert-cell-amount">{yuanText(record.amountFen).slice(1)}</td>
              </tr>
              <tr>
                <td />
                <td className="cert-cell-detail" colSpan={2}>
                  {record.agent} · {record.paidOn} · {record.authority}
                </td>
              </tr>
            </tbody>
          ))}
        </table>
        {pages > 1 && (
          <div className="cert-pager">
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="cert-page-prev"
              disabled={state.page === 0}
              onClick={() => controller.certificate({ type: 'pageChanged', page: state.page - 1 })}
            >
              {t('certificate.ui.preview.prev')}
            </button>
            <span className="cert-pager-label" data-testid="cert-page">
              {t('certificate.ui.preview.page', { page: state.page + 1, pages })}
            </span>
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="cert-page-next"
              disabled={state.page >= pages - 1}
              onClick={() => controller.certificate({ type: 'pageChanged', page: state.page + 1 })}
            >
              {t('certificate.ui.preview.next')}
            </button>
          </div>
        )}
        <div className="cert-preview-go">
          <PrintButton label={t('certificate.ui.preview.print')} primary testId="cert-print" />
          <p className="cert-sub">{t('certificate.ui.preview.printHint')}</p>
        </div>
      </div>
      {state.askingId && <IdNumberQuestion />}
    </>
  );
}
