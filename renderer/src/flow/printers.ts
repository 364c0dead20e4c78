import { printerFault, PrinterKind, type PrinterFault, type PrinterStatus } from '../../../shared/domain/device-status';
import { PRINTERS_NEEDED, SERVICE_IDS, type ServiceAvailability, type ServiceId } from '../../../shared/domain/service-availability';
import type { PlainKey } from '../../../shared/i18n';
import type { Printers } from '../store/devices-slice';
import { assertNever } from '../../../shared/assert-never';

/** The printers in the order the status bar and the notices name them. */
export const PRINTER_KINDS: readonly PrinterKind[] = PrinterKind.options;

/** How one printer is, in the words of the status bar. */
export type PrinterCondition = PrinterFault | 'ready' | 'paperLow' | 'unknown';

export function printerCondition(status: PrinterStatus | null): PrinterCondition {
  if (status === null) return 'unknown';
  const fault = printerFault(status);
  if (fault !== null) return fault;
  return status.paper === 'low' ? 'paperLow' : 'ready';
}

/** Label of a printer (status bar, simulator): 凭条打印机 / Receipt printer. */
export function printerNameKey(kind: PrinterKind): PlainKey {
  switch (kind) {
    case 'receipt':
      return 'printers.name.receipt';
    case 'invoice':
      return 'printers.name.invoice';
    case 'a4':
      return 'printers.name.a4';
    default:
      return assertNever(kind);
  }
}

/** A printer named inside a sentence (lower case in English). */
export function printerInTextKey(kind: PrinterKind): PlainKey {
  switch (kind) {
    case 'receipt':
      return 'printers.inText.receipt';
    case 'invoice':
      return 'printers.inText.invoice';
    case 'a4':
      return 'printers.inText.a4';
    default:
      return assertNever(kind);
  }
}

/** The short state word after "凭条打印机：". */
export function printerConditionKey(condition: PrinterCondition): PlainKey {
  switch (condition) {
    case 'ready':
      return 'printers.state.ready';
    case 'paperLow':
      return 'printers.state.paperLow';
    case 'unknown':
      return 'printers.state.unknown';
    case 'paperOut':
      return 'printers.state.paperOut';
    case 'coverOpen':
      return 'printers.state.coverOpen';
    case 'jammed':
      return 'printers.state.jammed';
    case 'cutterError':
      return 'printers.state.cutterError';
    case 'offline':
      return 'printers.state.offline';
    case 'noDevice':
      return 'printers.state.noDevice';
    case 'hardwareError':
      return 'printers.state.hardwareError';
    default:
      return assertNever(condition);
  }
}

export type PrinterFaultKey =
  | 'printers.fault.paperOut'
  | 'printers.fault.coverOpen'
  | 'printers.fault.jammed'
  | 'printers.fault.cutterError'
  | 'printers.fault.offline'
  | 'printers.fault.noDevice'
  | 'printers.fault.hardwareError';

/** The fault as a sentence about one printer: "{printer}缺纸" / "The {printer} is out of paper". */
export function printerFaultKey(fault: PrinterFault): PrinterFaultKey {
  switch (fault) {
    case 'paperOut':
      return 'printers.fault.paperOut';
    case 'coverOpen':
      return 'printers.fault.coverOpen';
    case 'jammed':
      return 'printers.fault.jammed';
    case 'cutterError':
      return 'printers.fault.cutterError';
    case 'offline':
      return 'printers.fault.offline';
    case 'noDevice':
      return 'printers.fault.noDevice';
    case 'hardwareError':
      return 'printers.fault.hardwareError';
    default:
      return assertNever(fault);
  }
}

export function serviceTitleKey(service: ServiceId): PlainKey {
  switch (service) {
    case 'invoiceCollection':
      return 'service.invoiceCollect';
    case 'invoiceIssue':
      return 'service.invoiceIssue';
    case 'iitCertificate':
      return 'service.taxCertificate';
    default:
      return assertNever(service);
  }
}

/** A service is paused by a known fault, or waits while its printer is not known yet. */
export type ServiceHold = { kind: 'open' } | { kind: 'checking' } | { kind: 'fault'; printer: PrinterKind; fault: PrinterFault };

export function serviceHold(availability: ServiceAvailability, printers: Printers): ServiceHold {
  if (availability.available) return { kind: 'open' };
  // `serviceAvailability` counts an unknown printer as missing; on screen that is "checking", not "not connected".
  if (printers[availability.printer] === null) return { kind: 'checking' };
  return { kind: 'fault', printer: availability.printer, fault: availability.fault };
}

export interface PrinterFaultLine {
  printer: PrinterKind;
  fault: PrinterFault;
  /** The services this printer's fault pauses. */
  services: ServiceId[];
}

export interface PrinterNotice {
  faults: PrinterFaultLine[];
  /** Services that still work (all their printers ready). */
  available: ServiceId[];
}

const ALL_OFFERED: Readonly<Record<ServiceId, boolean>> = { invoiceCollection: true, invoiceIssue: true, iitCertificate: true };

/**
 * What the attract and menu screens say about the printers: one line per
 * printer that is known to be unable to print and that some service needs,
 * then what still works. null while no service is paused by a known fault.
 */
export function printerNotice(
  printers: Printers,
  availability: Readonly<Record<ServiceId, ServiceAvailability>>,
  /** Services the administrators' config has on: a switched-off one is neither "paused" nor "still available". */
  offered: Readonly<Record<ServiceId, boolean>> = ALL_OFFERED,
): PrinterNotice | null {
  const faults: PrinterFaultLine[] = [];
  for (const kind of PRINTER_KINDS) {
    const status = printers[kind];
    if (status === null) continue;
    const fault = printerFault(status);
    if (fault === null) continue;
    const services = SERVICE_IDS.filter((service) => offered[service] && PRINTERS_NEEDED[service].includes(kind));
    if (services.length > 0) faults.push({ printer: kind, fault, services });
  }
  if (faults.length === 0) return null;
  return { faults, available: SERVICE_IDS.filter((service) => offered[service] && availability[service].available) };
}

export type PrinterPill =
  { kind: 'printer'; printer: PrinterKind; condition: PrinterCondition } | { kind: 'allReady' } | { kind: 'othersReady' } | { kind: 'allUnknown' };

/**
 * The status bar's printer part, compact: every printer that is not ready
 * in its own words; ready printers fold into one "打印机正常" /
 * "其余打印机正常" pill.
 */
export function printerPills(printers: Printers): PrinterPill[] {
  const conditions = PRINTER_KINDS.map((printer) => ({ printer, condition: printerCondition(printers[printer]) }));
  if (conditions.every((c) => c.condition === 'unknown')) return [{ kind: 'allUnknown' }];
  const notReady = conditions.filter((c) => c.condition !== 'ready');
  if (notReady.length === 0) return [{ kind: 'allReady' }];
  const pills: PrinterPill[] = notReady.map((c) => ({ kind: 'printer', ...c }));
  if (notReady.length < conditions.length) pills.push({ kind: 'othersReady' });
  return pills;
}
