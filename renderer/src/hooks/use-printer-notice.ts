import { useKiosk } from '../app/context';
import { printerNotice, type PrinterNotice } from '../flow/printers';
import { selectAvailability, selectHost, selectPrinters, selectServicesOn } from '../store/selectors';

/** The printer notice for the current printers; none while the host is away (its facts may be stale). */
export function usePrinterNotice(): PrinterNotice | null {
  const printers = useKiosk(selectPrinters);
  const availability = useKiosk(selectAvailability);
  const host = useKiosk(selectHost);
  const offered = useKiosk(selectServicesOn);
  return host === 'open' ? printerNotice(printers, availability, offered) : null;
}
