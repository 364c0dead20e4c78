import type { QrMatrix } from '../../../../shared/contract/services/issuance';
import { useT } from '../../hooks/use-t';
import type { IssuanceState } from '../../flow/issuance';
import { beijingClock, money } from '../../flow/issuance-words';

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
            {t('issuance.pay.expires', { time: beijingClock(payment.expiresAt) })}
          </p>
        </div>
      </div>
    </div>
  );
}
