import type { PrintResult } from '../../../../shared/contract/services/issuance';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { fixTarget, type IssuanceState, type Progress } from '../../flow/issuance';
import { faultText, money, printProgressText, refusalText } from '../../flow/issuance-words';
import { WarningIcon } from '../../components/icons';

function BackToMenu({ primary = false, label = 'issuance.backToMenu' }: { primary?: boolean; label?: 'issuance.backToMenu' | 'issuance.done.finish' }) {
  const t = useT();
  const controller = useController();
  return (
    <button
      type="button"
      className={`btn btn-large ${primary ? 'btn-primary' : 'btn-secondary'}`}
      data-testid="iss-menu"
      onClick={() => controller.issuance({ type: 'menu' })}
    >
      {t(label)}
    </button>
  );
}

export function OfflineStep() {
  const t = useT();
  return (
    <div className="coll-result is-refused" data-testid="iss-offline">
      <h2 className="coll-result-title">{t('issuance.offline.title')}</h2>
      <p className="coll-message-main">{t('issuance.offline.body')}</p>
      <p className="coll-message-next">{t('issuance.offline.next')}</p>
      <div className="coll-actions">
        <BackToMenu primary />
      </div>
    </div>
  );
}

export function RefusedStep({ state }: { state: Extract<IssuanceState, { name: 'refused' }> }) {
  const t = useT();
  const controller = useController();
  const target = state.draft !== null ? fixTarget(state.refusal) : null;
  return (
    <div className="coll-result is-refused" data-testid="iss-refused" data-reason={state.refusal.reason}>
      <h2 className="coll-result-title">{t('issuance.refused.title')}</h2>
      <p className="coll-message-main" data-testid="iss-refusal-text">
        {refusalText(t, state.refusal)}
      </p>
      <div className="coll-actions">
        {target !== null && (
          <button type="button" className="btn btn-primary btn-large" data-testid="iss-fix" onClick={() => controller.issuance({ type: 'fix' })}>
            {t(target === 'buyer' ? 'issuance.refused.fixBuyer' : 'issuance.refused.fixLines')}
          </button>
        )}
        <BackToMenu primary={target === null} />
      </div>
    </div>
  );
}

/** 重新开票 returns to the filled form: the screen says what is kept, so nothing seems lost. */
export function PaymentEndedStep({ reason, draftKept }: { reason: 'expired' | 'cancelled'; draftKept: boolean }) {
  const t = useT();
  const controller = useController();
  return (
    <div className="coll-result is-refused" data-testid="iss-payment-ended" data-reason={reason}>
      <h2 className="coll-result-title">{t(reason === 'expired' ? 'issuance.ended.expired.title' : 'issuance.ended.cancelled.title')}</h2>
      <p className="coll-message-main">{t(reason === 'expired' ? 'issuance.ended.expired.body' : 'issuance.ended.cancelled.body')}</p>
      {draftKept && (
        <p className="coll-message-next" data-testid="iss-ended-kept">
          {t('issuance.ended.kept')}
        </p>
      )}
      <div className="coll-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="iss-again" onClick={() => controller.issuance({ type: 'again' })}>
          {t('issuance.ended.again')}
        </button>
        <BackToMenu />
      </div>
    </div>
  );
}

export function CancelUnknownStep({ transactionId }: { transactionId: string }) {
  const t = useT();
  return (
    <div className="coll-result is-failed" data-testid="iss-cancel-unknown">
      <h2 className="coll-result-title">{t('issuance.cancelUnknown.title')}</h2>
      <p className="coll-message-main">{t('issuance.cancelUnknown.body')}</p>
      <p className="coll-message-next">{t('issuance.cancelUnknown.next')}</p>
      <p className="coll-sub">{t('issuance.ref', { id: transactionId })}</p>
      <div className="coll-actions">
        <BackToMenu primary />
      </div>
    </div>
  );
}

export function PrintingStep({ progress }: { progress: Progress | null }) {
  const t = useT();
  return (
    <div className="coll-progress" data-testid="iss-printing">
      <h2 className="coll-task">{t('issuance.print.title')}</h2>
      <span className="iss-spinner" aria-hidden="true" />
      <p className="coll-progress-line" role="status" aria-live="polite" data-testid="iss-print-line">
        {printProgressText(t, progress)}
      </p>
      <p className="coll-sub">{t('issuance.print.wait')}</p>
    </div>
  );
}

export function PrintFailedStep({ state }: { state: Extract<IssuanceState, { name: 'printFailed' }> }) {
  const t = useT();
  const controller = useController();
  const body =
    state.reason === 'noStock'
      ? t('issuance.printFailed.noStock')
      : t('issuance.printFailed.printer', { fault: faultText(t, 'invoice', state.fault ?? 'hardwareError') });
  return (
    <div className="coll-result is-failed" data-testid="iss-print-failed" data-reason={state.reason}>
      <h2 className="coll-result-title">{t('issuance.printFailed.title')}</h2>
      <p className="coll-message-main">{body}</p>
      <p className="coll-message-next">{t('issuance.printFailed.next')}</p>
      <p className="coll-sub">{t('issuance.ref', { id: state.paid.transactionId })}</p>
      <div className="coll-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="iss-print-again" onClick={() => controller.issuance({ type: 'printAgain' })}>
          {t('issuance.printFailed.retry')}
        </button>
        <BackToMenu />
      </div>
    </div>
  );
}

export function NeedsAttentionStep({ transactionId }: { transactionId: string }) {
  const t = useT();
  return (
    <div className="coll-result is-failed" data-testid="iss-attention">
      <h2 className="coll-result-title">{t('issuance.attention.title')}</h2>
      <p className="coll-message-main">{t('issuance.attention.body')}</p>
      <p className="coll-message-next">{t('issuance.attention.next')}</p>
      <p className="coll-sub">{t('issuance.ref', { id: transactionId })}</p>
      <div className="coll-actions">
        <BackToMenu />
      </div>
    </div>
  );
}

export function CompletedStep({ result }: { result: Extract<PrintResult, { outcome: 'completed' }> }) {
  const t = useT();
  return (
    <div className="coll-result is-done" data-testid="iss-done">
      <h2 className="coll-result-title">{t('issuance.done.title')}</h2>
      <dl className="coll-facts">
        <dt>{t('issuance.done.code')}</dt>
        <dd className="coll-facts-big" data-testid="iss-invoice-code">
          {result.invoiceCode}
        </dd>
        <dt>{t('issuance.done.number')}</dt>
        <dd className="coll-facts-big" data-testid="iss-invoice-number">
          {result.invoiceNumber}
        </dd>
        <dt>{t('issuance.done.gross')}</dt>
        <dd data-testid="iss-done-gross">{money(t, result.grossFen)}</dd>
        <dt>{t('issuance.done.paid')}</dt>
        <dd data-testid="iss-done-paid">{money(t, result.nationalFen + result.localFen)}</dd>
      </dl>
      {!result.receiptPrinted && (
        <p className="notice notice-warning coll-warn" data-testid="iss-no-receipt">
          <WarningIcon />
          <span>{t('issuance.done.noReceipt')}</span>
        </p>
      )}
      <div className="coll-actions">
        <BackToMenu primary label="issuance.done.finish" />
      </div>
    </div>
  );
}
