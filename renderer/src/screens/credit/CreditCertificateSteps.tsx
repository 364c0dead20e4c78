import type { CreditCertificatePreview, CreditCertificateRefusal } from '../../../../shared/contract/services/credit';
import { assertNever } from '../../../../shared/assert-never';
import { useController } from '../../app/context';
import { useT, type T } from '../../hooks/use-t';
import { CERT_PREVIEW_PAGES, type CreditState } from '../../flow/credit';
import { faultText } from '../../flow/certificate-words';
import { PrintButton } from '../certificate/PrintButton';

/**
 * 纳税信用等级证明 on the credit screen: the preview (the same facts and the
 * same catalogue sentences the A4 page prints, in two parts with a pager so
 * nothing is ever cut off), the result with the verification code, and why
 * it cannot be printed. The print button is the IIT certificate's: disabled
 * with its reason while the A4 printer reports a fault.
 */

function dateText(t: T, isoDay: string): string {
  const [year = '', month = '', day = ''] = isoDay.split('-');
  return t('certificate.date', { year, month, day });
}

function Facts({ t, preview }: { t: T; preview: CreditCertificatePreview }) {
  const rows: Array<[string, string, string]> = [
    ['name', t('credit.cert.name'), preview.name],
    ['code', t('credit.cert.creditCode'), preview.taxpayerId],
    ['grade', t('credit.grade'), t('credit.gradeValue', { grade: preview.grade })],
    ['year', t('credit.year'), t('credit.yearValue', { year: preview.year })],
    ['issuer', t('certificate.issuer'), preview.issuer],
    ['date', t('credit.cert.issuedOn'), dateText(t, preview.issuedOn)],
  ];
  return (
    <dl className="credit-facts credit-cert-facts">
      {rows.map(([id, label, value]) => (
        <div key={id} className="credit-cert-row">
          <dt>{label}</dt>
          <dd data-testid={`credit-cert-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Statement({ t, preview }: { t: T; preview: CreditCertificatePreview }) {
  return (
    <div className="credit-cert-statement" data-testid="credit-cert-statement">
      <p>{t('credit.cert.body', { name: preview.name, code: preview.taxpayerId, year: preview.year, grade: preview.grade })}</p>
      <p>{t('credit.cert.use', { bank: preview.bankName })}</p>
      <p className="cert-sub">{t('credit.cert.verify')}</p>
      <p className="cert-sub">{t('credit.cert.preview.verifyCode')}</p>
    </div>
  );
}

export function CreditCertificatePreviewStep({ flow }: { flow: Extract<CreditState, { name: 'certPreview' }> }) {
  const t = useT();
  const controller = useController();
  const parts = ['credit.cert.preview.part.taxpayer', 'credit.cert.preview.part.statement'] as const;
  return (
    <div className="credit-cert" data-testid="credit-cert-preview" data-page={flow.page}>
      <div className="credit-cert-head">
        <h2 className="cert-task">{t('credit.cert.preview.title')}</h2>
        <div className="cert-pager">
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="credit-cert-prev"
            disabled={flow.page === 0}
            onClick={() => controller.credit({ type: 'certPage', page: flow.page - 1 })}
          >
            {t('certificate.ui.preview.prev')}
          </button>
          <span className="cert-pager-label" data-testid="credit-cert-page">
            {t('certificate.ui.preview.page', { page: flow.page + 1, pages: CERT_PREVIEW_PAGES })}
          </span>
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="credit-cert-next"
            disabled={flow.page >= CERT_PREVIEW_PAGES - 1}
            onClick={() => controller.credit({ type: 'certPage', page: flow.page + 1 })}
          >
            {t('certificate.ui.preview.next')}
          </button>
        </div>
      </div>
      <div className="credit-cert-paper">
        <p className="credit-cert-part">{t(parts[flow.page] ?? parts[0])}</p>
        {flow.page === 0 ? <Facts t={t} preview={flow.preview} /> : <Statement t={t} preview={flow.preview} />}
      </div>
      <div className="cert-preview-go">
        <PrintButton label={t('credit.cert.print')} primary testId="credit-cert-print" onPrint={() => controller.credit({ type: 'certPrint' })} />
        <p className="cert-sub">{t('credit.cert.printHint')}</p>
      </div>
    </div>
  );
}

export function CreditCertificatePrinted({ flow }: { flow: Extract<CreditState, { name: 'certPrinted' }> }) {
  const t = useT();
  return (
    <div className="cert-result is-done" data-testid="credit-cert-done">
      <h2 className="cert-result-title">{t('credit.cert.done.title')}</h2>
      <p className="cert-message-main">{t('credit.cert.done.body')}</p>
      <p className="credit-ref" data-testid="credit-cert-code">
        {t('credit.cert.done.code', { code: flow.result.verificationCode })}
      </p>
      <CreditResultActions again="back" />
    </div>
  );
}

function refusalText(t: T, refusal: CreditCertificateRefusal): string {
  switch (refusal.reason) {
    case 'printerNotReady':
      return t('credit.cert.refused.printerNotReady', { fault: faultText(t, refusal.printer, refusal.fault) });
    case 'backendUnreachable':
      return t('credit.refused.backendUnreachable');
    case 'noTaxpayer':
      return t('credit.refused.noTaxpayer');
    default:
      return assertNever(refusal);
  }
}

export function CreditCertificateRefused({ refusal }: { refusal: CreditCertificateRefusal }) {
  const t = useT();
  return (
    <p className="notice notice-warn" data-testid="credit-cert-refused" data-reason={refusal.reason}>
      {refusalText(t, refusal)}
    </p>
  );
}

/**
 * The two ways on from a credit result: to 纳税信用 again (`back` to the view
 * as it was, or `reload` it when a consent changed) and to the menu.
 */
export function CreditResultActions({ again }: { again: 'back' | 'reload' }) {
  const t = useT();
  const controller = useController();
  return (
    <div className="cert-actions">
      <button type="button" className="btn btn-secondary btn-large" data-testid="credit-again" onClick={() => controller.credit({ type: again })}>
        {t('credit.title')}
      </button>
      <button type="button" className="btn btn-primary btn-large" data-testid="credit-menu" onClick={() => controller.credit({ type: 'menu' })}>
        {t('credit.back')}
      </button>
    </div>
  );
}
