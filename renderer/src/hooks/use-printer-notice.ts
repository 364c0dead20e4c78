import { useKiosk } from '../app/context';
import { printerNotice, type PrinterNotice } from '../flow/printers';
import { selectAvailability, selectHost, selectPrinters } from '../store/selectors';

/** The printer notice for the current printers; none while the host is away (its facts may be stale). */
export function usePrinterNotice(): PrinterNotice | null {
  const printers = useKiosk(selectPrinters);
  const availability = useKiosk(selectAvailability);
  const host = useKiosk(selectHost);
  return host === 'open' ? printerNotice(printers, availability) : null;
}
