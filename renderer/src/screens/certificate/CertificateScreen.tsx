import type { ReactNode } from 'react';
import type { PersonView } from '../../../../shared/contract/session';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { assertNever } from '../../../../shared/assert-never';
import { certificateStep, stepNumber, type CertificateState } from '../../flow/certificate';
import { ServiceFrame } from '../../components/ServiceFrame';
import { PeriodStep } from './PeriodStep';
import { CustomPeriodStep } from './CustomPeriodStep';
import { PreviewStep } from './PreviewStep';
import { CompletedStep, FailedStep, NoRecordsStep, ProgressStep, RefusedStep } from './ResultSteps';
import './certificate.css';

function Step({ flow }: { flow: CertificateState }): ReactNode {
  switch (flow.name) {
    case 'loadingPeriods':
    case 'loadingRecords':
      return <Loading />;
    case 'choosePeriod':
      return <PeriodStep bounds={flow.bounds} />;
    case 'customPeriod':
      return <CustomPeriodStep state={flow} />;
    case 'preview':
      return <PreviewStep state={flow} />;
    case 'noRecords':
      return <NoRecordsStep range={flow.range} askingId={flow.askingId} />;
    case 'printing':
      return <ProgressStep step={flow.progress} />;
    case 'completed':
      return <CompletedStep result={flow.result} />;
    case 'refused':
      return <RefusedStep refusal={flow.refusal} />;
    case 'failed':
      return <FailedStep transactionId={flow.transactionId} fault={flow.fault} />;
    default:
      return assertNever(flow);
  }
}

function Loading() {
  const t = useT();
  return (
    <div className="cert-loading" role="status" data-testid="cert-loading">
      <span className="cert-spinner" aria-hidden="true" />
      <span>{t('certificate.ui.loading')}</span>
    </div>
  );
}

/** Back leads to the menu from the first screen, from a result and from a refusal with no step before it: say so on the button. */
function backLeavesFlow(flow: CertificateState): boolean {
  return certificateStep(flow, { type: 'back' }) === null;
}

/**
 * The service frame with whose certificate it is under the title. No footer
 * while the page prints (it is on its way); on the result the "done" button
 * is the way back, so no Back there: one button per way.
 */
export function CertificateScreen({ person, flow }: { person: PersonView; flow: CertificateState }) {
  const t = useT();
  const controller = useController();
  return (
    <ServiceFrame
      screen="certificate"
      step={flow.name}
      prefix="cert"
      title={t('certificate.ui.title')}
      stepLabel={t('certificate.ui.step', { step: stepNumber(flow) })}
      subtitle={
        <p className="cert-for" data-testid="cert-for">
          {t('certificate.ui.for', { name: person.maskedName, id: person.maskedId })}
        </p>
      }
      busy={flow.name === 'printing'}
      back={
        // The result and a refusal with no step before it carry their own 返回业务菜单: no second one in the footer.
        flow.name === 'completed' || (flow.name === 'refused' && flow.previous === null)
          ? null
          : {
              label: t(backLeavesFlow(flow) ? 'certificate.ui.backToMenu' : 'certificate.ui.back'),
              testId: 'cert-back',
              onClick: () => controller.certificate({ type: backLeavesFlow(flow) ? 'menu' : 'back' }),
            }
      }
    >
      <Step flow={flow} />
    </ServiceFrame>
  );
}
