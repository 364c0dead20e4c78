import type { CollectionRefusal, CollectionResult } from '../../../../shared/contract/services/collection';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import { refusalText } from '../../flow/collection-words';
import { WarningIcon } from '../../components/icons';

function BackToMenu({ primary = false }: { primary?: boolean }) {
  const t = useT();
  const controller = useController();
  return (
    <button
      type="button"
      className={`btn btn-large ${primary ? 'btn-primary' : 'btn-secondary'}`}
      data-testid="coll-menu"
      onClick={() => controller.collection({ type: 'menu' })}
    >
      {t('collection.backToMenu')}
    </button>
  );
}

export function CompletedStep({ result }: { result: Extract<CollectionResult, { outcome: 'completed' }> }) {
  const t = useT();
  const terms = useTerms();
  return (
    <div className="coll-result is-done" data-testid="coll-done">
      <h2 className="coll-result-title">{t('collection.done.title')}</h2>
      <p className="coll-sub">
        {t('collection.done.summary', { type: terms.invoiceType(result.invoiceType, result.invoiceTypeName), count: result.quantity })}
      </p>
      <dl className="coll-facts coll-range">
        <dt>{t('collection.done.taxpayer')}</dt>
        <dd data-testid="coll-done-taxpayer">{result.taxpayerName}</dd>
        <dt>{t('collection.done.code')}</dt>
        <dd className="coll-facts-big" data-testid="coll-code">
          {result.code}
        </dd>
        <dt>{t('collection.done.numbers')}</dt>
        <dd className="coll-facts-big" data-testid="coll-range">
          {t('collection.done.range', { first: result.first, last: result.last })}
        </dd>
      </dl>
      {!result.receiptPrinted && (
        <p className="notice notice-warning coll-warn" data-testid="coll-no-receipt">
          <WarningIcon />
          <span>{t('collection.done.noReceipt')}</span>
        </p>
      )}
      <div className="coll-actions">
        <FinishButton />
      </div>
    </div>
  );
}

function FinishButton() {
  const t = useT();
  const controller = useController();
  return (
    <button type="button" className="btn btn-primary btn-large" data-testid="coll-menu" onClick={() => controller.collection({ type: 'menu' })}>
      {t('collection.done.finish')}
    </button>
  );
}

/** A refusal in words; a refused 取票码 can be typed again (重新输入) as well as left (返回业务菜单). */
export function RefusedStep({
  refusal,
  taxpayerName,
  viaPickup = false,
  canRetry = false,
}: {
  refusal: CollectionRefusal;
  /** Whose collection was refused, as the screens show it: the facts first, then why. */
  taxpayerName?: string;
  viaPickup?: boolean;
  canRetry?: boolean;
}) {
  const t = useT();
  const controller = useController();
  return (
    <div className="coll-result is-refused" data-testid="coll-refused" data-reason={refusal.reason}>
      <h2 className="coll-result-title">{t('collection.refused.title')}</h2>
      {taxpayerName !== undefined && (
        <p className="coll-sub" data-testid="coll-refused-taxpayer">
          {t('collection.refused.taxpayer', { name: taxpayerName })}
        </p>
      )}
      <p className="coll-message-main" data-testid="coll-refusal-text">
        {refusalText(t, refusal, viaPickup)}
      </p>
      <div className="coll-actions">
        {canRetry && (
          <button
            type="button"
            className="btn btn-large btn-primary"
            data-testid="coll-retry-code"
            onClick={() => controller.collection({ type: 'retryPickup' })}
          >
            {t('collection.refused.retryCode')}
          </button>
        )}
        <BackToMenu primary={!canRetry} />
      </div>
    </div>
  );
}

export function FailedStep({ formsOut, transactionId }: { formsOut: number; transactionId: string | null }) {
  const t = useT();
  return (
    <div className="coll-result is-failed" data-testid="coll-failed">
      <h2 className="coll-result-title">{t('collection.failed.title')}</h2>
      <p className="coll-message-main">{t('collection.failed.body', { count: formsOut })}</p>
      <p className="coll-message-next">{t('collection.failed.kept')}</p>
      {transactionId !== null && <p className="coll-sub">{t('collection.failed.ref', { id: transactionId })}</p>}
      <div className="coll-actions">
        <BackToMenu />
      </div>
    </div>
  );
}

export function OfflineStep() {
  const t = useT();
  return (
    <div className="coll-result is-refused" data-testid="coll-offline">
      <h2 className="coll-result-title">{t('collection.offline.title')}</h2>
      <p className="coll-message-main">{t('collection.offline.body')}</p>
      <p className="coll-message-next">{t('collection.offline.next')}</p>
      <div className="coll-actions">
        <BackToMenu primary />
      </div>
    </div>
  );
}
