import type { CertificatePrintResult, CertificateRefusal } from '../../../../shared/contract/services/certificate';
import type { PrinterFault } from '../../../../shared/domain/device-status';
import type { MonthRange } from '../../../../shared/domain/certificate-period';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import type { CertificateStep } from '../../flow/certificate';
import { faultText, progressShare, progressWords, rangeText, refusalWords, yuanText } from '../../flow/certificate-words';
import { WarningIcon } from '../../components/icons';
import { IdNumberQuestion } from './IdNumberChoice';
import { PrintButton } from './PrintButton';

export function NoRecordsStep({ range, askingId }: { range: MonthRange; askingId: boolean }) {
  const t = useT();
  const controller = useController();
  return (
    <div className="cert-result is-empty" data-testid="cert-no-records">
      <h2 className="cert-result-title">{t('certificate.ui.noRecords.title')}</h2>
      <p className="cert-message-main">{t('certificate.ui.noRecords.body', { range: rangeText(t, range) })}</p>
      <p className="cert-message-next">{t('certificate.ui.noRecords.next')}</p>
      <div className="cert-actions">
        <button
          type="button"
          className="btn btn-primary btn-large"
          data-testid="cert-other-period"
          onClick={() => controller.certificate({ type: 'otherPeriod' })}
        >
          {t('certificate.ui.otherPeriod')}
        </button>
        <PrintButton label={t('certificate.ui.noRecords.print')} primary={false} testId="cert-print-empty" />
      </div>
      {askingId && <IdNumberQuestion />}
    </div>
  );
}

export function ProgressStep({ step }: { step: CertificateStep | null }) {
  const t = useT();
  return (
    <div className="cert-progress" data-testid="cert-progress">
      <h2 className="cert-task">{t('certificate.ui.progress.title')}</h2>
      <span className="cert-spinner cert-spinner-large" aria-hidden="true" />
      <p className="cert-progress-line" role="status" aria-live="polite" data-testid="cert-progress-line">
        {progressWords(t, step)}
      </p>
      <div className="cert-bar" aria-hidden="true">
        <div className="cert-bar-fill" style={{ width: `${Math.round(progressShare(step) * 100)}%` }} />
      </div>
      <p className="cert-sub">{t('certificate.ui.progress.wait')}</p>
    </div>
  );
}

export function CompletedStep({ result }: { result: Extract<CertificatePrintResult, { outcome: 'completed' }> }) {
  const t = useT();
  const controller = useController();
  return (
    <div className="cert-result is-done" data-testid="cert-done">
      <h2 className="cert-result-title">{t('certificate.ui.done.title')}</h2>
      <p className="cert-message-next" data-testid="cert-done-summary">
        {t('certificate.ui.done.summary', { range: rangeText(t, result), count: result.recordCount, pages: result.pages })}
      </p>
      <dl className="cert-facts">
        <dt>{t('certificate.ui.preview.total')}</dt>
        <dd className="cert-facts-big" data-testid="cert-done-total">
          {yuanText(result.totalFen)}
        </dd>
        <dt>{t('certificate.ui.done.code')}</dt>
        <dd className="cert-facts-code" data-testid="cert-done-code">
          {result.verificationCode}
        </dd>
      </dl>
      <p className="cert-sub">{t('certificate.ui.done.codeHint')}</p>
      {!result.receiptPrinted && (
        <p className="notice notice-warning cert-warn" data-testid="cert-no-receipt">
          <WarningIcon />
          <span>{t('certificate.ui.done.noReceipt')}</span>
        </p>
      )}
      <div className="cert-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="cert-finish" onClick={() => controller.certificate({ type: 'menu' })}>
          {t('certificate.ui.done.finish')}
        </button>
      </div>
    </div>
  );
}

/**
 * A refusal in words, with the buttons its words name: 重新查询 when the tax system was away, 换一个期间 when
 * the period was refused, and 返回业务菜单 always; 返回上一步 (the frame's Back) leads to the screen whose
 * answer was refused (the preview for a printer that was not ready).
 */
export function RefusedStep({ refusal }: { refusal: CertificateRefusal }) {
  const t = useT();
  const controller = useController();
  const words = refusalWords(t, refusal);
  const retry = refusal.reason === 'backendUnreachable';
  const otherPeriod = refusal.reason !== 'printerNotReady';
  return (
    <div className="cert-result is-refused" data-testid="cert-refused" data-reason={refusal.reason}>
      <h2 className="cert-result-title">{t('certificate.ui.refused.title')}</h2>
      <p className="cert-message-main" data-testid="cert-refusal-text">
        {words.message}
      </p>
      {words.next !== null && (
        <p className="cert-message-next" data-testid="cert-refusal-next">
          {words.next}
        </p>
      )}
      <div className="cert-actions">
        {retry && (
          <button type="button" className="btn btn-primary btn-large" data-testid="cert-retry" onClick={() => controller.certificate({ type: 'retry' })}>
            {t('certificate.ui.retry')}
          </button>
        )}
        {otherPeriod && (
          <button
            type="button"
            className={`btn btn-large ${retry ? 'btn-secondary' : 'btn-primary'}`}
            data-testid="cert-other-period"
            onClick={() => controller.certificate({ type: 'otherPeriod' })}
          >
            {t('certificate.ui.otherPeriod')}
          </button>
        )}
        <button
          type="button"
          className={`btn btn-large ${retry || otherPeriod ? 'btn-secondary' : 'btn-primary'}`}
          data-testid="cert-menu"
          onClick={() => controller.certificate({ type: 'menu' })}
        >
          {t('certificate.ui.backToMenu')}
        </button>
      </div>
    </div>
  );
}

export function FailedStep({ transactionId, fault }: { transactionId: string | null; fault: PrinterFault | null }) {
  const t = useT();
  return (
    <div className="cert-result is-failed" data-testid="cert-failed">
      <h2 className="cert-result-title">{t('certificate.ui.failed.title')}</h2>
      <p className="cert-message-main">
        {fault === null ? t('certificate.ui.failed.bodyUnknown') : t('certificate.ui.failed.body', { fault: faultText(t, 'a4', fault) })}
      </p>
      {transactionId !== null && (
        <>
          <p className="cert-message-next">{t('certificate.ui.failed.kept')}</p>
          <p className="cert-sub" data-testid="cert-failed-ref">
            {t('certificate.ui.failed.ref', { id: transactionId })}
          </p>
        </>
      )}
    </div>
  );
}
