import type { ReactNode } from 'react';
import type { PersonView } from '../../../shared/contract/session';
import { SERVICE_IDS, type ServiceId } from '../../../shared/domain/service-availability';
import type { PlainKey } from '../../../shared/i18n';
import { useActions, useController, useKiosk } from '../app/context';
import { PublicEntry } from './public/PublicEntry';
import { useT, type T } from '../hooks/use-t';
import { usePrinterNotice } from '../hooks/use-printer-notice';
import { serviceHold, type ServiceHold } from '../flow/printers';
import { assertNever } from '../../../shared/assert-never';
import type { Notice, Printers } from '../store';
import { availabilityOf, selectAvailability, selectLang, selectNotice, selectPrinters, selectServicesOn, type Availability } from '../store/selectors';
import { CreditIcon, ExitIcon, InvoiceIcon, IssueIcon, PrintIcon, WarningIcon } from '../components/icons';
import { PrinterNoticeBox, faultSentence } from '../components/PrinterWords';
import { ElderlySwitch } from '../components/ElderlySwitch';

interface Service {
  id: ServiceId;
  testId: string;
  title: PlainKey;
  desc: PlainKey;
  icon: ReactNode;
}

/** The later issue turns these on; until then they say so and never lead nowhere. */
const SERVICES: readonly Service[] = [
  { id: 'invoiceCollection', testId: 'invoice-collect', title: 'service.invoiceCollect', desc: 'service.invoiceCollect.desc', icon: <InvoiceIcon /> },
  { id: 'invoiceIssue', testId: 'invoice-issue', title: 'service.invoiceIssue', desc: 'service.invoiceIssue.desc', icon: <IssueIcon /> },
  { id: 'iitCertificate', testId: 'tax-certificate', title: 'service.taxCertificate', desc: 'service.taxCertificate.desc', icon: <PrintIcon /> },
];

export function ActiveScreen({ person }: { person: PersonView }) {
  const t = useT();
  const controller = useController();
  const { showNotice } = useActions();
  const notice = useKiosk(selectNotice);
  const lang = useKiosk(selectLang);
  const printers = useKiosk(selectPrinters);
  const availability = useKiosk(selectAvailability);
  // Services the administrators switched off (config bundle) are not offered at all.
  const servicesOn = useKiosk(selectServicesOn);
  const offered = SERVICES.filter((service) => servicesOn[service.id]);
  // 纳税信用 is on unless a bundle turns it off (config-bundle.ts ServicesSection).
  const creditOn = servicesOn.taxCredit !== false;
  const summary = usePrinterNotice();
  const idLabel = person.cardType === 'resident' ? 'active.idLabel.resident' : 'active.idLabel.other';
  /** What each built service's tile opens. */
  const starters: Partial<Record<ServiceId, () => void>> = {
    invoiceCollection: controller.startCollection,
    invoiceIssue: controller.startIssuance,
    iitCertificate: controller.startCertificate,
  };

  return (
    <section className="screen active" data-screen="active">
      <div className="greeting">
        <h1 className="greeting-name" data-testid="greeting">
          {t('active.greeting', { name: lang === 'en' && person.maskedLatinName ? person.maskedLatinName : person.maskedName })}
        </h1>
        <p className="greeting-id">
          <span className="greeting-id-label">{t(idLabel)}</span>
          <span className="greeting-id-value" data-testid="masked-id">
            {person.maskedId}
          </span>
        </p>
      </div>

      <div className="menu-head">
        <h2 className="menu-title">{t('active.menuTitle')}</h2>
        <PublicEntry compact testId="menu-public" />
        <ElderlySwitch />
      </div>
      <div className="tiles">
        {offered.length === 0 && !creditOn && (
          <p className="notice notice-info" data-testid="menu-no-services">
            {t('active.noServices')}
          </p>
        )}
        {offered.map((service) => {
          const hold = serviceHold(availability[service.id], printers);
          const paused = hold.kind !== 'open';
          // A service without a starter is not built yet: its tile says "coming soon".
          const start = paused ? undefined : starters[service.id];
          const opens = start !== undefined;
          return (
            <button
              key={service.id}
              type="button"
              className={`tile ${paused ? 'is-paused' : opens ? 'is-open' : 'is-soon'}`}
              aria-disabled={!opens}
              data-testid={`service-${service.testId}`}
              data-availability={hold.kind}
              // A tap always explains: why the service is paused, or that it is coming soon.
              onClick={() => (start ? start() : showNotice(paused ? { pausedService: service.id } : 'active.comingSoon.notice'))}
            >
              <span className="tile-icon">{service.icon}</span>
              <span className="tile-text">
                <span className="tile-title">{t(service.title)}</span>
                <span className="tile-desc">{t(service.desc)}</span>
                {paused && (
                  <span className="tile-reason" data-testid={`service-${service.testId}-reason`}>
                    <WarningIcon />
                    <span>{holdReason(t, hold)}</span>
                  </span>
                )}
              </span>
              {!opens && <span className="badge">{t(paused ? 'printers.tile.paused' : 'active.comingSoon')}</span>}
            </button>
          );
        })}
        {/* 纳税信用 / 银税互动: needs no printer to show or to consent (the receipt is a courtesy), so it is never paused. */}
        {creditOn && (
          <button type="button" className="tile is-open" data-testid="service-tax-credit" data-availability="open" onClick={controller.startCredit}>
            <span className="tile-icon">
              <CreditIcon />
            </span>
            <span className="tile-text">
              <span className="tile-title">{t('service.taxCredit')}</span>
              <span className="tile-desc">{t('service.taxCredit.desc')}</span>
            </span>
          </button>
        )}
      </div>

      <div className="notice-slot" aria-live="polite">
        {notice !== null ? (
          <NoticeText t={t} notice={notice} printers={printers} servicesOn={servicesOn} />
        ) : (
          summary !== null && <PrinterNoticeBox t={t} notice={summary} testId="menu-printer-notice" />
        )}
      </div>

      <div className="exit-row">
        <button type="button" className="btn btn-exit btn-large" data-testid="exit" onClick={controller.endSession}>
          <ExitIcon />
          <span>{t('active.exit')}</span>
        </button>
        <p className="exit-hint">{t('active.exit.hint')}</p>
      </div>
    </section>
  );
}

function holdReason(t: T, hold: Exclude<ServiceHold, { kind: 'open' }>): string {
  return hold.kind === 'checking' ? t('printers.tile.checking') : faultSentence(t, hold.printer, hold.fault);
}

/** The tapped tile's explanation, worded from the printers as they are now (never stale). */
function NoticeText({ t, notice, printers, servicesOn }: { t: T; notice: Notice; printers: Printers; servicesOn: Readonly<Record<ServiceId, boolean>> }) {
  if (typeof notice === 'string') {
    return (
      <p className="notice notice-info" data-testid="menu-notice">
        {t(notice)}
      </p>
    );
  }
  const availability: Availability = availabilityOf(printers);
  const hold = serviceHold(availability[notice.pausedService], printers);
  switch (hold.kind) {
    case 'open':
      // The printer came back since the tap: 发票领用 now opens from its tile; the others are still "coming soon".
      if (notice.pausedService === 'invoiceCollection' || notice.pausedService === 'invoiceIssue' || notice.pausedService === 'iitCertificate') return null;
      return (
        <p className="notice notice-info" data-testid="menu-notice">
          {t('active.comingSoon.notice')}
        </p>
      );
    case 'checking':
      return (
        <p className="notice notice-info" data-testid="menu-notice">
          {t('printers.notice.checking')}
        </p>
      );
    case 'fault': {
      // Only this service in the "paused" sentence, then what still works.
      const available = SERVICE_IDS.filter((service) => servicesOn[service] && availability[service].available);
      return (
        <PrinterNoticeBox
          t={t}
          notice={{ faults: [{ printer: hold.printer, fault: hold.fault, services: [notice.pausedService] }], available }}
          testId="menu-notice"
        />
      );
    }
    default:
      return assertNever(hold);
  }
}
