import type { ReactNode } from 'react';
import type { PersonView } from '../../../../shared/contract/session';
import { useController } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { assertNever } from '../../flow/assert-never';
import { stepNumber, type CertificateState } from '../../flow/certificate';
import { ExitIcon } from '../../components/icons';
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
      return <NoRecordsStep range={flow.range} />;
    case 'printing':
      return <ProgressStep step={flow.progress} />;
    case 'completed':
      return <CompletedStep result={flow.result} />;
    case 'refused':
      return <RefusedStep refusal={flow.refusal} canRetry={flow.context !== null} />;
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

/** Back leads to the menu from the first screen and from a result: say so on the button. */
function backLeavesFlow(flow: CertificateState): boolean {
  return ['loadingPeriods', 'choosePeriod', 'completed', 'refused', 'failed'].includes(flow.name);
}

/**
 * One task per screen: title, step and whose certificate on top, the task,
 * then Back and Exit at the bottom (not while the page prints: it is on its
 * way; on the result the "done" button is the way back).
 */
export function CertificateScreen({ person, flow }: { person: PersonView; flow: CertificateState }) {
  const t = useT();
  const controller = useController();
  return (
    <section className="screen cert" data-screen="certificate" data-step={flow.name}>
      <header className="cert-head">
        <div className="cert-head-main">
          <h1 className="cert-title">{t('certificate.ui.title')}</h1>
          <span className="cert-step">{t('certificate.ui.step', { step: stepNumber(flow) })}</span>
        </div>
        <p className="cert-for" data-testid="cert-for">
          {t('certificate.ui.for', { name: person.maskedName, id: person.maskedId })}
        </p>
      </header>
      <div className="cert-body" key={flow.name}>
        <Step flow={flow} />
      </div>
      {flow.name !== 'printing' && (
        <footer className="cert-foot">
          {flow.name === 'completed' ? (
            // The result's own "done" button is the way back: one button per way.
            <span />
          ) : (
            <button type="button" className="btn btn-secondary btn-large" data-testid="cert-back" onClick={() => controller.certificate({ type: 'back' })}>
              {t(backLeavesFlow(flow) ? 'certificate.ui.backToMenu' : 'certificate.ui.back')}
            </button>
          )}
          <button type="button" className="btn btn-exit btn-large" data-testid="exit" onClick={controller.endSession}>
            <ExitIcon />
            <span>{t('active.exit')}</span>
          </button>
        </footer>
      )}
    </section>
  );
}
