import type { PrinterFault, PrinterKind, PrinterStatus } from './device-status';
import { printerFault } from './device-status';

export type ServiceId = 'invoiceCollection' | 'invoiceIssue' | 'iitCertificate';
export const SERVICE_IDS: readonly ServiceId[] = ['invoiceCollection', 'invoiceIssue', 'iitCertificate'];

/** Which printers each service ends with: without them the paper would not be right. */
export const PRINTERS_NEEDED: Readonly<Record<ServiceId, readonly PrinterKind[]>> = {
  invoiceCollection: ['invoice', 'receipt'],
  invoiceIssue: ['invoice', 'receipt'],
  iitCertificate: ['a4', 'receipt'],
};

export type ServiceAvailability = { available: true } | { available: false; printer: PrinterKind; fault: PrinterFault };

/**
 * A service is off while a printer it needs cannot print; the first such
 * printer and its fault tell the taxpayer why in plain words.
 */
export function serviceAvailability(service: ServiceId, printers: Readonly<Partial<Record<PrinterKind, PrinterStatus | null>>>): ServiceAvailability {
  for (const kind of PRINTERS_NEEDED[service]) {
    const status = printers[kind];
    if (!status) return { available: false, printer: kind, fault: 'noDevice' };
    const fault = printerFault(status);
    if (fault) return { available: false, printer: kind, fault };
  }
  return { available: true };
}
