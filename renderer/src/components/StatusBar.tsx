import { useKiosk } from '../app/context';
import { useNow } from '../hooks/use-now';
import { useT, type T } from '../hooks/use-t';
import { readerStateKey } from '../flow/visit';
import { assertNever } from '../../../shared/assert-never';
import { printerConditionKey, printerNameKey, printerPills, type PrinterCondition, type PrinterPill } from '../flow/printers';
import { selectHost, selectKioskId, selectLang, selectPrinters, selectReader, selectTimeZone } from '../store/selectors';
import { wallClock, wallDate } from '../../../shared/i18n/clock';
import { EmblemIcon, PrinterIcon, ReaderIcon } from './icons';
import { LangSwitch } from './LangSwitch';
import { MuteButton } from './MuteButton';

export function StatusBar() {
  const t = useT();
  const kioskId = useKiosk(selectKioskId);
  const reader = useKiosk(selectReader);
  const printers = useKiosk(selectPrinters);
  const host = useKiosk(selectHost);
  const lang = useKiosk(selectLang);
  const timeZone = useKiosk(selectTimeZone);
  const now = new Date(useNow(1000));
  // The kiosk's zone, not the machine's: the clock agrees with every other time on the screen.
  const date = wallDate(now, lang, timeZone);
  const time = wallClock(now, timeZone);
  const ok = host === 'open' && reader?.device === 'online';
  const readerText =
    host === 'open' ? t('status.reader', { state: t(readerStateKey(reader)) }) : t(host === 'connecting' ? 'status.host.connecting' : 'status.host.offline');

  return (
    <header className="status-bar">
      <div className="status-brand">
        <EmblemIcon />
        <span className="status-kiosk">{kioskId === null ? '\u00a0' : t('status.kiosk', { id: kioskId })}</span>
      </div>
      <div className="status-devices" role="status">
        <div className={`status-pill ${ok ? 'is-ok' : 'is-alert'}`} data-testid="reader-status">
          <ReaderIcon />
          <span>{readerText}</span>
        </div>
        {/* Without the host the printers' last words may be stale: the reader pill says the host is away. */}
        {host === 'open' &&
          printerPills(printers).map((pill) => (
            <div key={pillKey(pill)} className={`status-pill ${pillTone(pill)}`} data-testid={`printer-status-${pillKey(pill)}`}>
              <PrinterIcon />
              <span>{pillText(t, pill)}</span>
            </div>
          ))}
      </div>
      <div className="status-right">
        <time className="status-clock" aria-label={t('status.clock.aria')} dateTime={now.toISOString()}>
          <span className="status-time">{time}</span>
          <span className="status-date">{date}</span>
        </time>
        <MuteButton />
        <LangSwitch />
      </div>
    </header>
  );
}

function pillKey(pill: PrinterPill): string {
  return pill.kind === 'printer' ? pill.printer : pill.kind;
}

function pillText(t: T, pill: PrinterPill): string {
  switch (pill.kind) {
    case 'printer':
      return t('status.printer', { printer: t(printerNameKey(pill.printer)), state: t(printerConditionKey(pill.condition)) });
    case 'allReady':
      return t('status.printers.allReady');
    case 'othersReady':
      return t('status.printers.othersReady');
    case 'allUnknown':
      return t('status.printers.checking');
    default:
      return assertNever(pill);
  }
}

/** Colour only backs the words up: ready/checking plain, paper low soft, a fault loud. */
function pillTone(pill: PrinterPill): string {
  if (pill.kind !== 'printer') return 'is-ok';
  return conditionTone(pill.condition);
}

function conditionTone(condition: PrinterCondition): string {
  if (condition === 'ready' || condition === 'unknown') return 'is-ok';
  if (condition === 'paperLow') return 'is-low';
  return 'is-alert';
}
