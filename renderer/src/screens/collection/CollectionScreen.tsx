import type { ReactNode } from 'react';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { assertNever } from '../../../../shared/assert-never';
import { collectionStep, stepNumber, type CollectionState } from '../../flow/collection';
import { ServiceFrame } from '../../components/ServiceFrame';
import { TaxpayerStep } from './TaxpayerStep';
import { TypeStep } from './TypeStep';
import { PickupStep } from './PickupStep';
import { PickupConfirmStep } from './PickupConfirmStep';
import { ConfirmStep, ProgressStep } from './ConfirmStep';
import { CompletedStep, FailedStep, OfflineStep, RefusedStep } from './ResultSteps';
import './collection.css';

function Step({ flow }: { flow: CollectionState }): ReactNode {
  switch (flow.name) {
    case 'loadingTaxpayers':
    case 'loadingOptions':
    case 'loadingPickup':
      return <Loading />;
    case 'offline':
      return <OfflineStep />;
    case 'chooseTaxpayer':
      return <TaxpayerStep taxpayers={flow.taxpayers} />;
    case 'chooseType':
      return <TypeStep state={flow} />;
    case 'pickup':
      return <PickupStep code={flow.code} />;
    case 'pickupConfirm':
      return <PickupConfirmStep state={flow} />;
    case 'confirm':
      return <ConfirmStep state={flow} />;
    case 'collecting':
      return <ProgressStep progress={flow.progress} />;
    case 'completed':
      return <CompletedStep result={flow.result} />;
    case 'refused':
      return <RefusedStep refusal={flow.refusal} taxpayerName={flow.taxpayerName} viaPickup={flow.viaPickup === true} canRetry={flow.retry !== undefined} />;
    case 'failed':
      return <FailedStep formsOut={flow.formsOut} transactionId={flow.transactionId} />;
    default:
      return assertNever(flow);
  }
}

function Loading() {
  const t = useT();
  return (
    <p className="coll-loading" role="status" data-testid="coll-loading">
      {t('collection.loading')}
    </p>
  );
}

/**
 * Back is offered only where it leads somewhere: not while forms print, not on a result (those have their own
 * 返回业务菜单). A refusal is a result with a step before it (the screen whose answer was refused): Back leads there.
 */
function hasBack(flow: CollectionState): boolean {
  if (flow.name === 'refused') return flow.previous !== null;
  return flow.name !== 'collecting' && flow.name !== 'completed' && flow.name !== 'failed' && flow.name !== 'offline';
}

/** The service frame (title, step, Back, Exit) around the step; no footer while forms are collected. */
export function CollectionScreen({ flow }: { flow: CollectionState }) {
  const t = useT();
  const controller = useController();
  return (
    <ServiceFrame
      screen="collection"
      step={flow.name}
      prefix="coll"
      title={t('collection.title')}
      stepLabel={t('collection.step', { step: stepNumber(flow) })}
      busy={flow.name === 'collecting'}
      back={
        hasBack(flow)
          ? {
              // Back from the first screen leads out: the button says so.
              label: t(collectionStep(flow, { type: 'back' }) === null ? 'collection.backToMenu' : 'collection.back'),
              testId: 'coll-back',
              onClick: () => controller.collection({ type: 'back' }),
            }
          : null
      }
    >
      <Step flow={flow} />
    </ServiceFrame>
  );
}
