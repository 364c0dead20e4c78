import type { Command } from './command';
import { idcardReadCommand } from './commands/idcard-read';
import { simIdcardCommand } from './commands/sim-idcard';
import { printerCalibrateCommand } from './commands/printer-calibrate';
import { printerGridCommand } from './commands/printer-grid';
import { printerStatusCommand } from './commands/printer-status';
import { printerTestCommand } from './commands/printer-test';
import { simPrinterCommand } from './commands/sim-printer';
import { stockLoadCommand } from './commands/stock-load';
import { stockShowCommand } from './commands/stock-show';
import { taxQuoteCommand } from './commands/tax-quote';
import { certificateRenderCommand } from './commands/certificate-render';
import { certificateVerifyCommand } from './commands/certificate-verify';
import { creditCertificateVerifyCommand } from './commands/credit-certificate-verify';
import { devicesListCommand } from './commands/devices-list';
import { diagBundleCommand } from './commands/diag-bundle';
import { diagPinHashCommand } from './commands/diag-pin-hash';
import { configAuditCommands } from './commands/config-commands';
import { syncCommands } from './commands/sync-commands';
import { fleetStatusCommand } from './commands/fleet-status';
import { fleetSimulateCommand } from './commands/fleet-simulate';
import { loadCommand } from './commands/load';
import { contentCommands } from './commands/content-commands';

/** Every kioskctl command; add yours here (one file per command under `commands/`). */
export const commands: Command[] = [
  idcardReadCommand,
  simIdcardCommand,
  printerCalibrateCommand,
  printerGridCommand,
  printerStatusCommand,
  printerTestCommand,
  simPrinterCommand,
  stockLoadCommand,
  stockShowCommand,
  taxQuoteCommand,
  certificateRenderCommand,
  certificateVerifyCommand,
  creditCertificateVerifyCommand,
  devicesListCommand,
  diagBundleCommand,
  diagPinHashCommand,
  ...configAuditCommands,
  ...syncCommands,
  fleetStatusCommand,
  fleetSimulateCommand,
  loadCommand,
  ...contentCommands,
];
