import type { QrMatrix } from '../../../../shared/contract/services/issuance';
import { useController, useKiosk } from '../../app/context';
import { selectTimeZone } from '../../store/selectors';
import { useT } from '../../hooks/use-t';
import type { IssuanceState } from '../../flow/issuance';
import { deadlineClock, money } from '../../flow/issuance-words';

type PayState = Extract<IssuanceState, { name: 'awaitingPayment' }>;

/** The host's module matrix drawn as one SVG path, with the 4-module quiet zone a phone camera needs. */
export function QrCode({ qr, label }: { qr: QrMatrix; label: string }) {
  const quiet = 4;
  const parts: string[] = [];
  qr.rows.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (row[c] !== '1') {
        c++;
        continue;
      }
      const start = c;
      while (row[c] === '1') c++;
      parts.push(`M${start + quiet} ${r + quiet}h${c - start}v1h${start - c}Z`);
    }
  });
  const size = qr.size + 2 * quiet;
  return (
    <svg className="iss-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} data-testid="iss-qr" shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={parts.join('')} fill="#000" />
    </svg>
  );
}

/** The QR code, the amount in figures, a live "waiting" line, when the code expires, and a cancel that really cancels. */
export function PayStep({ state }: { state: PayState }) {
  const t = useT();
  const timeZone = useKiosk(selectTimeZone);
  const { payment } = state;
  return (
    <div className="iss-pay" data-testid="iss-pay-screen">
      <h2 className="coll-task">{t('issuance.pay.title')}</h2>
      <div className="iss-pay-body">
        <QrCode qr={payment.qr} label={t('issuance.pay.qrAria')} />
        <div className="iss-pay-facts">
          <span className="iss-field-label">{t('issuance.pay.amount')}</span>
          <strong className="iss-pay-amount" data-testid="iss-pay-amount">
            {money(t, payment.amountFen)}
          </strong>
          <p className="iss-pay-wait" role="status" aria-live="polite" data-testid="iss-pay-status">
            <span className="iss-spinner iss-spinner-small" aria-hidden="true" />
            {t(state.cancelling ? 'issuance.pay.cancelling' : 'issuance.pay.waiting')}
          </p>
          {state.unknown && (
            <p className="notice notice-warning" data-testid="iss-pay-unknown">
              {t('issuance.pay.unknown')}
            </p>
          )}
          <p className="coll-sub">{t('issuance.pay.help')}</p>
          <p className="coll-sub" data-testid="iss-pay-expires">
            {t('issuance.pay.expires', { time: deadlineClock(payment.expiresAt, timeZone) })}
          </p>
        </div>
      </div>
      {state.asking !== null && <CancelQuestion asking={state.asking} />}
    </div>
  );
}

/** Asked once before a payment is cancelled: a stray tap must not cancel what the phone may be paying. */
function CancelQuestion({ asking }: { asking: 'back' | 'exit' }) {
  const t = useT();
  const controller = useController();
  // Exit's question ends the visit too (the order is cancelled first, as Exit always does).
  const confirm = asking === 'exit' ? controller.endSession : () => controller.issuance({ type: 'cancelRequested' });
  return (
    <div className="overlay" data-testid="iss-cancel-question">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="iss-cancel-title" aria-describedby="iss-cancel-body">
        <h1 id="iss-cancel-title" className="dialog-title">
          {t('issuance.pay.cancelAsk')}
        </h1>
        <p id="iss-cancel-body" className="lead">
          {t('issuance.pay.cancelAskDetail')}
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="btn btn-primary btn-large"
            data-testid="iss-cancel-keep"
            onClick={() => controller.issuance({ type: 'cancelDismissed' })}
          >
            {t('issuance.pay.cancelKeep')}
          </button>
          <button type="button" className="btn btn-secondary btn-large" data-testid="iss-cancel-confirm" onClick={confirm}>
            {t(asking === 'exit' ? 'issuance.pay.cancelAndExit' : 'issuance.pay.cancelConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
