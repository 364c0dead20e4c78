import { useKiosk } from '../app/context';
import { useNow } from '../hooks/use-now';
import { useT } from '../hooks/use-t';
import { readerStateKey } from '../flow/visit';
import { selectHost, selectKioskId, selectLang, selectReader } from '../store/selectors';
import { EmblemIcon, ReaderIcon } from './icons';
import { LangSwitch } from './LangSwitch';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

export function StatusBar() {
  const t = useT();
  const kioskId = useKiosk(selectKioskId);
  const reader = useKiosk(selectReader);
  const host = useKiosk(selectHost);
  const lang = useKiosk(selectLang);
  const now = new Date(useNow(1000));
  const date = now.toLocaleDateString(lang, { month: 'short', day: 'numeric', weekday: 'short' });
  const time = `${two(now.getHours())}:${two(now.getMinutes())}`;
  const ok = host === 'open' && reader?.device === 'online';
  const readerText =
    host === 'open'
      ? t('status.reader', { state: t(readerStateKey(reader)) })
      : t(host === 'connecting' ? 'status.host.connecting' : 'status.host.offline');

  return (
    <header className="status-bar">
      <div className="status-brand">
        <EmblemIcon />
        <span className="status-kiosk">{kioskId === null ? '\u00a0' : t('status.kiosk', { id: kioskId })}</span>
      </div>
      <div className={`status-reader ${ok ? 'is-ok' : 'is-alert'}`} role="status" data-testid="reader-status">
        <ReaderIcon />
        <span>{readerText}</span>
      </div>
      <div className="status-right">
        <time className="status-clock" aria-label={t('status.clock.aria')} dateTime={now.toISOString()}>
          <span className="status-time">{time}</span>
          <span className="status-date">{date}</span>
        </time>
        <LangSwitch />
      </div>
    </header>
  );
}
