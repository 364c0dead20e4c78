import type { PlainKey } from '../../../shared/i18n';
import type { AttractCard } from '../flow/visit';
import { useT } from '../hooks/use-t';
import { CardOnReader } from '../components/CardOnReader';
import { WarningIcon } from '../components/icons';
import { PrinterNoticeBox } from '../components/PrinterWords';
import { usePrinterNotice } from '../hooks/use-printer-notice';
import { ElderlySwitch } from '../components/ElderlySwitch';
import { PublicEntry } from './public/PublicEntry';

/**
 * The screen between visits. With the last visit's card still on the reader
 * it asks for the card to be taken (not for one to be placed); after a card
 * lifted mid-visit it says for a few seconds that the visit ended.
 */
export function AttractScreen({ notice, card }: { notice: PlainKey | null; card: AttractCard | null }) {
  const t = useT();
  const printerNotice = usePrinterNotice();
  return (
    <section className="screen attract" data-screen="attract">
      <div className="attract-head">
        <h1 className="attract-title" data-testid="app-title">
          {t('app.title')}
        </h1>
        <p className="attract-subtitle">{t('app.subtitle')}</p>
      </div>
      {/* Side by side when they fit (landscape), one under the other when not: a row of its own each
          pushed the card prompt off a landscape screen. */}
      <div className="elderly-row">
        <ElderlySwitch />
        <PublicEntry compact={false} testId="public-entry" />
      </div>
      <div className="attract-body">
        <div className="attract-art">
          <CardOnReader label={t(card === 'left' ? 'attract.takeCard.aria' : 'attract.illustration.aria')} takeAway={card === 'left'} />
        </div>
        <div className="attract-text">
          <h2 className="attract-prompt" data-testid="attract-prompt" data-card={card ?? undefined}>
            {t(card === 'left' ? 'attract.takeCard' : 'attract.prompt')}
          </h2>
          <p className="attract-hint">{t(card === 'left' ? 'attract.takeCard.hint' : 'attract.hint')}</p>
          {card === 'lifted' && (
            <p className="notice notice-info" role="status" data-testid="card-lifted">
              {t('attract.cardLifted')}
            </p>
          )}
          {/* Space is kept whether or not there is a notice: no layout shift while devices answer. */}
          <div className="notice-slot" aria-live="polite">
            {notice !== null && (
              <p className="notice notice-warning" data-testid="reader-notice">
                <WarningIcon />
                <span>{t(notice)}</span>
              </p>
            )}
          </div>
        </div>
      </div>
      {/* With a service paused, the list of services would promise too much: the notice says what works. */}
      <div className="attract-footer" aria-live="polite">
        {printerNotice === null ? (
          <p className="attract-services">{t('attract.services')}</p>
        ) : (
          <PrinterNoticeBox t={t} notice={printerNotice} testId="printer-notice" />
        )}
      </div>
    </section>
  );
}
