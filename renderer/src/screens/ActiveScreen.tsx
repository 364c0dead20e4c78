import type { ReactNode } from 'react';
import type { PersonView } from '../../../shared/contract/session';
import type { PlainKey } from '../../../shared/i18n';
import { useActions, useController, useKiosk } from '../app/context';
import { useT } from '../hooks/use-t';
import { selectNotice } from '../store/selectors';
import { ExitIcon, InvoiceIcon, IssueIcon, PrintIcon } from '../components/icons';

interface Service {
  id: string;
  title: PlainKey;
  desc: PlainKey;
  icon: ReactNode;
}

/** The later issue turns these on; until then they say so and never lead nowhere. */
const SERVICES: readonly Service[] = [
  { id: 'invoice-collect', title: 'service.invoiceCollect', desc: 'service.invoiceCollect.desc', icon: <InvoiceIcon /> },
  { id: 'invoice-issue', title: 'service.invoiceIssue', desc: 'service.invoiceIssue.desc', icon: <IssueIcon /> },
  { id: 'tax-certificate', title: 'service.taxCertificate', desc: 'service.taxCertificate.desc', icon: <PrintIcon /> },
];

export function ActiveScreen({ person }: { person: PersonView }) {
  const t = useT();
  const controller = useController();
  const { showNotice } = useActions();
  const notice = useKiosk(selectNotice);
  const idLabel = person.cardType === 'resident' ? 'active.idLabel.resident' : 'active.idLabel.other';

  return (
    <section className="screen active" data-screen="active">
      <div className="greeting">
        <h1 className="greeting-name" data-testid="greeting">
          {t('active.greeting', { name: person.maskedName })}
        </h1>
        <p className="greeting-id">
          <span className="greeting-id-label">{t(idLabel)}</span>
          <span className="greeting-id-value" data-testid="masked-id">
            {person.maskedId}
          </span>
        </p>
      </div>

      <h2 className="menu-title">{t('active.menuTitle')}</h2>
      <div className="tiles">
        {SERVICES.map((service) => (
          <button
            key={service.id}
            type="button"
            className="tile is-soon"
            aria-disabled="true"
            data-testid={`service-${service.id}`}
            onClick={() => showNotice('active.comingSoon.notice')}
          >
            <span className="tile-icon">{service.icon}</span>
            <span className="tile-text">
              <span className="tile-title">{t(service.title)}</span>
              <span className="tile-desc">{t(service.desc)}</span>
            </span>
            <span className="badge">{t('active.comingSoon')}</span>
          </button>
        ))}
      </div>

      <div className="notice-slot" aria-live="polite">
        {notice !== null && <p className="notice notice-info">{t(notice)}</p>}
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
