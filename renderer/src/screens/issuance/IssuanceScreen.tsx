import type { ReactNode } from 'react';
import { useController, useKiosk } from '../../app/context';
import { selectCardAway } from '../../store/selectors';
import { useT } from '../../hooks/use-t';
import { assertNever } from '../../../../shared/assert-never';
import { issuanceStep, stepNumber, type IssuanceState } from '../../flow/issuance';
import { ServiceFrame } from '../../components/ServiceFrame';
import { SellerStep, UnfinishedStep } from './StartSteps';
import { BuyerStep } from './BuyerStep';
import { LinesStep } from './LinesStep';
import { LineStep } from './LineStep';
import { QuoteStep } from './QuoteStep';
import { PayStep } from './PayStep';
import { CancelUnknownStep, CompletedStep, NeedsAttentionStep, OfflineStep, PaymentEndedStep, PrintFailedStep, PrintingStep, RefusedStep } from './ResultSteps';
import '../collection/collection.css';
import './issuance.css';

function Step({ flow }: { flow: IssuanceState }): ReactNode {
  switch (flow.name) {
    case 'loading':
      return <Waiting text="issuance.loading" />;
    case 'checkingSeller':
      return <Waiting text="issuance.loading" />;
    case 'quoting':
      return <Waiting text="issuance.quote.working" />;
    case 'paying':
    case 'resuming':
      return <Waiting text="issuance.paying" />;
    case 'offline':
      return <OfflineStep />;
    case 'unfinished':
      return <UnfinishedStep items={flow.items} />;
    case 'chooseSeller':
      return <SellerStep sellers={flow.ctx.sellers} />;
    case 'buyer':
      return <BuyerStep state={flow} />;
    case 'lines':
      return <LinesStep state={flow} />;
    case 'line':
      return <LineStep state={flow} />;
    case 'quote':
      return <QuoteStep state={flow} />;
    case 'awaitingPayment':
      return <PayStep state={flow} />;
    case 'paymentEnded':
      return <PaymentEndedStep reason={flow.reason} draftKept={flow.draft !== null} />;
    case 'cancelUnknown':
      return <CancelUnknownStep transactionId={flow.transactionId} />;
    case 'printing':
      return <PrintingStep progress={flow.progress} />;
    case 'printFailed':
      return <PrintFailedStep state={flow} />;
    case 'needsAttention':
      return <NeedsAttentionStep transactionId={flow.transactionId} />;
    case 'completed':
      return <CompletedStep result={flow.result} />;
    case 'refused':
      return <RefusedStep state={flow} />;
    default:
      return assertNever(flow);
  }
}

/** Every wait shows that something is happening, in words. */
function Waiting({ text }: { text: 'issuance.loading' | 'issuance.quote.working' | 'issuance.paying' }) {
  const t = useT();
  return (
    <div className="iss-wait" role="status" aria-live="polite" data-testid="iss-wait">
      <span className="iss-spinner" aria-hidden="true" />
      <p className="coll-loading">{t(text)}</p>
    </div>
  );
}

/** Back leads out of the flow (the first screen, a result, a refusal with no step before it): the button says 返回业务菜单. */
function backLeavesFlow(flow: IssuanceState): boolean {
  return issuanceStep(flow, { type: 'back' }) === null;
}

/** The result screens: each has its own 返回业务菜单 (or 完成) in the body, so the footer offers no second one. */
const RESULTS: ReadonlySet<IssuanceState['name']> = new Set([
  'offline',
  'refused',
  'paymentEnded',
  'cancelUnknown',
  'printFailed',
  'needsAttention',
  'completed',
]);

/**
 * Nothing can be undone while the host works on money or paper: no Back then (Exit stays). On a result Back is
 * offered only when it leads one step back (a refusal with the screen whose answer was refused).
 */
function backAllowed(flow: IssuanceState): boolean {
  if (RESULTS.has(flow.name)) return !backLeavesFlow(flow);
  return flow.name !== 'paying' && flow.name !== 'resuming' && flow.name !== 'printing' && !(flow.name === 'awaitingPayment' && flow.cancelling);
}

/** The service frame (title, step, Back, Exit) around the step; no footer while the invoice prints. */
export function IssuanceScreen({ flow }: { flow: IssuanceState }) {
  const t = useT();
  const controller = useController();
  // While a payment is awaited, Back is how the taxpayer cancels it: the button says so.
  const paying = flow.name === 'awaitingPayment';
  const cardAway = useKiosk(selectCardAway);
  // Money under way: the card lifted keeps the visit, and the screen says to stay.
  const moneyMoving = paying || flow.name === 'paying' || flow.name === 'resuming' || flow.name === 'printing';
  return (
    <ServiceFrame
      screen="issuance"
      step={flow.name}
      prefix="coll"
      className="iss"
      title={t('issuance.title')}
      stepLabel={t('issuance.step', { step: stepNumber(flow) })}
      busy={flow.name === 'printing'}
      back={
        backAllowed(flow)
          ? {
              label: t(paying ? 'issuance.pay.cancel' : backLeavesFlow(flow) ? 'issuance.backToMenu' : 'issuance.back'),
              testId: paying ? 'iss-pay-cancel' : 'iss-back',
              onClick: () => controller.issuance({ type: 'back' }),
            }
          : null
      }
      onExit={paying && !flow.cancelling ? () => controller.issuance({ type: 'exitAsked' }) : undefined}
    >
      {cardAway && moneyMoving && (
        <p className="notice notice-warning iss-card-away" role="alert" data-testid="iss-card-away">
          <strong>{t('issuance.pay.cardAway')}</strong> {t('issuance.pay.cardAwayDetail')}
        </p>
      )}
      <Step flow={flow} />
    </ServiceFrame>
  );
}
