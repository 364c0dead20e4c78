import type { ReactNode } from 'react';
import type { PersonView } from '../../../../shared/contract/session';
import type { ConsentTerms, CreditCaution, CreditRefusal, CreditTaxpayerView } from '../../../../shared/contract/services/credit';
import type { PlainKey } from '../../../../shared/i18n';
import { assertNever } from '../../../../shared/assert-never';
import { useController } from '../../app/context';
import { useT, type T } from '../../hooks/use-t';
import { consentTaxpayer, type CreditState } from '../../flow/credit';
import { yuanText } from '../../flow/certificate-words';
import { ServiceFrame } from '../../components/ServiceFrame';
import { WarningIcon } from '../../components/icons';
import { CreditCertificatePreviewStep, CreditCertificatePrinted, CreditCertificateRefused, CreditResultActions } from './CreditCertificateSteps';
import '../certificate/certificate.css';
import './credit.css';

/** A date as the person reads it: Beijing's calendar day of an ISO instant. */
export function dayText(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

const CAUTION: Record<CreditCaution, PlainKey> = {
  gradeD: 'credit.caution.gradeD',
  gradeC: 'credit.caution.gradeC',
  arrears: 'credit.caution.arrears',
};

const REFUSAL: Record<CreditRefusal['reason'], PlainKey> = {
  backendUnreachable: 'credit.refused.backendUnreachable',
  noTaxpayer: 'credit.refused.noTaxpayer',
  alreadyConsented: 'credit.refused.alreadyConsented',
  noConsent: 'credit.refused.noConsent',
};

function Cautions({ t, taxpayer }: { t: T; taxpayer: CreditTaxpayerView }) {
  if (taxpayer.cautions.length === 0) return null;
  return (
    <div className="notice notice-warn credit-caution" data-testid={`credit-caution-${taxpayer.taxpayerId}`}>
      <WarningIcon />
      <div>
        {taxpayer.cautions.map((c) => (
          <p key={c}>{t(CAUTION[c])}</p>
        ))}
        <p>{t('credit.caution.stillMay')}</p>
      </div>
    </div>
  );
}

function Facts({ t, taxpayer }: { t: T; taxpayer: CreditTaxpayerView }) {
  return (
    <dl className="credit-facts">
      <dt>{t('credit.grade')}</dt>
      <dd className="credit-grade" data-testid={`credit-grade-${taxpayer.taxpayerId}`}>
        {t('credit.gradeValue', { grade: taxpayer.grade })}
      </dd>
      <dt>{t('credit.year')}</dt>
      <dd>{t('credit.yearValue', { year: taxpayer.year })}</dd>
      <dt>{t('credit.arrears')}</dt>
      <dd>{t(taxpayer.arrears ? 'credit.arrears.yes' : 'credit.arrears.no')}</dd>
      <dt>{t('credit.taxPaid')}</dt>
      <dd>
        {taxpayer.taxPaidByYear.map((y) => (
          <span key={y.year} className="credit-paid-year">
            {t('credit.taxPaidValue', { year: y.year, amount: yuanText(y.fen).slice(1) })}
          </span>
        ))}
      </dd>
    </dl>
  );
}

function ViewStep({ terms, taxpayers }: { terms: ConsentTerms; taxpayers: readonly CreditTaxpayerView[] }) {
  const t = useT();
  const controller = useController();
  return (
    // A list of the taxpayers one acts for: each card's button is that taxpayer's action, not the screen's one primary action.
    <div className="credit-list" role="list" data-testid="credit-view">
      {taxpayers.map((taxpayer) => (
        <article key={taxpayer.taxpayerId} role="listitem" className="credit-card" data-testid={`credit-taxpayer-${taxpayer.taxpayerId}`}>
          <h2 className="credit-name">{taxpayer.name}</h2>
          {taxpayer.asAgent && <p className="cert-sub">{t('credit.asAgent')}</p>}
          <Facts t={t} taxpayer={taxpayer} />
          <Cautions t={t} taxpayer={taxpayer} />
          <button
            type="button"
            className="btn btn-secondary btn-large"
            data-testid={`credit-certificate-${taxpayer.taxpayerId}`}
            onClick={() => controller.credit({ type: 'certificate', taxpayerId: taxpayer.taxpayerId })}
          >
            {t('credit.cert.action')}
          </button>
          {taxpayer.consent ? (
            <div className="credit-consented" data-testid={`credit-consented-${taxpayer.taxpayerId}`}>
              <p>{t('credit.consented', { bank: terms.bankName, date: dayText(taxpayer.consent.expiresAt) })}</p>
              <p data-testid={`credit-ref-${taxpayer.taxpayerId}`}>
                {taxpayer.consent.applicationRef ? t('credit.reference', { ref: taxpayer.consent.applicationRef }) : t('credit.referencePending')}
              </p>
              <button
                type="button"
                className="btn btn-secondary btn-large"
                data-testid={`credit-revoke-${taxpayer.taxpayerId}`}
                onClick={() => {
                  const consentId = taxpayer.consent?.consentId;
                  if (consentId) controller.credit({ type: 'revoke', taxpayerId: taxpayer.taxpayerId, consentId });
                }}
              >
                {t('credit.revoke')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="btn btn-primary btn-large"
              data-testid={`credit-authorize-${taxpayer.taxpayerId}`}
              onClick={() => controller.credit({ type: 'authorize', taxpayerId: taxpayer.taxpayerId })}
            >
              {t('credit.authorize')}
            </button>
          )}
        </article>
      ))}
    </div>
  );
}

/** The separate consent screen: what, with whom, for what, how long, how to withdraw — then one explicit tap. */
function ConsentStep({ flow }: { flow: Extract<CreditState, { name: 'consent' }> }) {
  const t = useT();
  const controller = useController();
  const taxpayer = consentTaxpayer(flow);
  if (!taxpayer) return null;
  const bank = flow.terms.bankName;
  const until = new Date();
  until.setMonth(until.getMonth() + flow.terms.months);
  const rows: Array<[PlainKey, string]> = [
    [
      'credit.consent.what',
      `${t('credit.consent.whatValue', { grade: taxpayer.grade, year: taxpayer.year, arrears: t(taxpayer.arrears ? 'credit.arrears.yes' : 'credit.arrears.no') })} ${t('credit.consent.notShared')}`,
    ],
    ['credit.consent.whom', t('credit.consent.whomValue', { bank })],
    ['credit.consent.why', t('credit.consent.whyValue', { bank })],
    ['credit.consent.howLong', t('credit.consent.howLongValue', { months: flow.terms.months, date: dayText(until.toISOString()) })],
    ['credit.consent.revoke', t('credit.consent.revokeValue')],
  ];
  // The actions are the body's last child, so they stay at its bottom edge (sticky) however long the terms are.
  return (
    <>
      <div className="credit-consent" data-testid="credit-consent">
        <h2 className="cert-task">{taxpayer.name}</h2>
        <p className="cert-sub">{t('credit.consent.intro')}</p>
        <dl className="credit-terms">
          {rows.map(([label, text]) => (
            <div key={label} className="credit-term">
              <dt>{t(label)}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
        <Cautions t={t} taxpayer={taxpayer} />
      </div>
      <div className="cert-actions">
        <button type="button" className="btn btn-secondary btn-large" data-testid="credit-decline" onClick={() => controller.credit({ type: 'back' })}>
          {t('credit.consent.decline')}
        </button>
        <button type="button" className="btn btn-primary btn-large" data-testid="credit-accept" onClick={() => controller.credit({ type: 'accept' })}>
          {t('credit.consent.accept')}
        </button>
      </div>
    </>
  );
}

function Working({ text }: { text: string }) {
  return (
    <div className="cert-loading" role="status" data-testid="credit-working">
      <span className="cert-spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}

function Result({ testId, title, lines, receiptPrinted }: { testId: string; title: string; lines: ReactNode[]; receiptPrinted: boolean }) {
  const t = useT();
  return (
    <div className="cert-result is-done" data-testid={testId}>
      <h2 className="cert-result-title">{title}</h2>
      {lines}
      <p className="cert-message-next">{t(receiptPrinted ? 'credit.receipt.printed' : 'credit.receipt.notPrinted')}</p>
      <CreditResultActions again="reload" />
    </div>
  );
}

function Step({ flow }: { flow: CreditState }): ReactNode {
  const t = useT();
  switch (flow.name) {
    case 'loading':
      return <Working text={t('credit.loading')} />;
    case 'view':
      return <ViewStep terms={flow.terms} taxpayers={flow.taxpayers} />;
    case 'consent':
      return <ConsentStep flow={flow} />;
    case 'authorizing':
      return <Working text={t('credit.working')} />;
    case 'revoking':
      return <Working text={t('credit.revoking')} />;
    case 'authorized': {
      const r = flow.result;
      return (
        <Result
          testId="credit-done"
          title={t('credit.done.title')}
          receiptPrinted={r.receiptPrinted}
          lines={[
            <p key="body" className="cert-message-main">
              {r.applicationRef ? t('credit.done.body', { bank: r.bankName, date: dayText(r.expiresAt) }) : t('credit.done.pending', { bank: r.bankName })}
            </p>,
            r.applicationRef ? (
              <p key="ref" className="credit-ref" data-testid="credit-ref">
                {t('credit.reference', { ref: r.applicationRef })}
              </p>
            ) : null,
          ]}
        />
      );
    }
    case 'revoked':
      return (
        <Result
          testId="credit-revoked"
          title={t('credit.revoked.title')}
          receiptPrinted={flow.result.receiptPrinted}
          lines={[
            <p key="body" className="cert-message-main">
              {t('credit.revoked.body', { bank: flow.terms.bankName })}
            </p>,
          ]}
        />
      );
    case 'refused':
      return (
        <p className="notice notice-warn" data-testid="credit-refused" data-reason={flow.refusal.reason}>
          {t(REFUSAL[flow.refusal.reason])}
        </p>
      );
    case 'failed':
      return (
        <p className="notice notice-warn" data-testid="credit-failed">
          {t('credit.failed')}
        </p>
      );
    case 'certLoading':
      return <Working text={t('credit.loading')} />;
    case 'certPreview':
      return <CreditCertificatePreviewStep flow={flow} />;
    case 'certPrinting':
      return <Working text={t('credit.cert.printing')} />;
    case 'certPrinted':
      return <CreditCertificatePrinted flow={flow} />;
    case 'certRefused':
      return <CreditCertificateRefused refusal={flow.refusal} />;
    case 'certFailed':
      return (
        <p className="notice notice-warn" data-testid="credit-cert-failed">
          {t('credit.cert.failed')}
        </p>
      );
    default:
      return assertNever(flow);
  }
}

function stepLabel(flow: CreditState): PlainKey {
  switch (flow.name) {
    case 'consent':
    case 'authorizing':
      return 'credit.step.consent';
    case 'certLoading':
    case 'certPreview':
    case 'certPrinting':
      return 'credit.step.certificate';
    case 'authorized':
    case 'revoked':
    case 'refused':
    case 'failed':
    case 'certPrinted':
    case 'certRefused':
    case 'certFailed':
      return 'credit.step.result';
    default:
      return 'credit.step.view';
  }
}

/** 纳税信用 / 银税互动 (docs/credit-sharing.md): the frame every service shares, one task per screen. */
export function CreditScreen({ person, flow }: { person: PersonView; flow: CreditState }) {
  const t = useT();
  const controller = useController();
  const busy = flow.name === 'authorizing' || flow.name === 'revoking' || flow.name === 'certLoading' || flow.name === 'certPrinting';
  const result = flow.name === 'authorized' || flow.name === 'revoked' || flow.name === 'certPrinted';
  const backOneStep =
    flow.name === 'consent' ||
    (flow.name === 'refused' && flow.loaded !== null) ||
    flow.name === 'certPreview' ||
    flow.name === 'certRefused' ||
    flow.name === 'certFailed';
  return (
    <ServiceFrame
      screen="credit"
      step={flow.name}
      prefix="cert"
      className="credit"
      title={t('credit.title')}
      stepLabel={t(stepLabel(flow))}
      subtitle={
        <p className="cert-for" data-testid="credit-for">
          {t('credit.for', { name: person.maskedName, id: person.maskedId })}
        </p>
      }
      busy={busy}
      back={
        result
          ? null
          : {
              label: t(backOneStep ? 'credit.backStep' : 'credit.back'),
              testId: 'credit-back',
              onClick: () => controller.credit({ type: 'back' }),
            }
      }
    >
      <Step flow={flow} />
    </ServiceFrame>
  );
}
