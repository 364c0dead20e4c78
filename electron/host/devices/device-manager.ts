import type { IdCardDeviceConfig, LocalConfig } from '../../../shared/config/local-config';
import type { PrinterKind, PrinterStatus } from '../../../shared/domain/device-status';
import { createIdCardReader } from '../../../devices/idcard/discovery';
import type { IdCardReader } from '../../../devices/idcard/reader-types';
import { createReceiptPrinter, type ReceiptPrinter } from '../../../devices/printers/escpos/receipt-printer';
import { createInvoicePrinter, type InvoicePrinter } from '../../../devices/printers/escp/invoice-printer';
import { createA4Printer } from '../../../devices/printers/a4/a4-printer';
import type { PrintOutcome, PrinterDriver } from '../../../devices/printers/printer-types';
import type { Logger } from '../logger';
import { renderA4TestPage } from '../documents/a4-test-page';
import { startSimulators, type Simulators } from './simulators';

/** The A4 printer as the host uses it: CUPS in production, PDF files in simulator mode. */
export interface A4Output extends PrinterDriver {
  printPdf(pdf: Uint8Array, title: string): Promise<PrintOutcome & { jobId?: string }>;
}

export interface Printers {
  receipt: ReceiptPrinter;
  invoice: InvoicePrinter;
  a4: A4Output;
}

export interface DeviceSet {
  reader: IdCardReader;
  printers: Printers;
  /** Present in simulator mode only. */
  simulators: Simulators | null;
  printerStatuses(): Record<PrinterKind, PrinterStatus>;
  start(): void;
  stop(): Promise<void>;
}

export interface DeviceDeps {
  config: LocalConfig;
  dataDir: string;
  log: Logger;
  calibration: () => { dxTenthMm: number; dyTenthMm: number };
}

/**
 * Builds every device from the device map (or the simulators in `sim` mode).
 * A printer with no port configured is still a driver: it reports `noDevice`,
 * so the services that need it are switched off with a reason.
 */
export async function createDevices(deps: DeviceDeps): Promise<DeviceSet> {
  const { config, log } = deps;
  const queue = config.devices.a4Printer.queue;
  const testPage = () => renderA4TestPage({ kioskId: config.kioskId, queue, at: new Date(), lang: config.lang });
  const simulators = config.devices.mode === 'sim' ? await startSimulators(deps.dataDir, testPage) : null;

  const receiptPort = simulators?.receipt.portPath ?? config.devices.receiptPrinter.port;
  const invoicePort = simulators?.invoice.portPath ?? config.devices.invoicePrinter.port;
  const readerConfig: IdCardDeviceConfig = simulators ? { transport: 'serial', port: simulators.idcard.portPath, baud: 115200 } : config.devices.idcard;

  // Discovery must never send probe bytes to a printer.
  const excludePorts = [receiptPort, invoicePort].filter((p): p is string => typeof p === 'string');
  const reader = createIdCardReader(readerConfig, { log, excludePorts });

  const printers: Printers = {
    receipt: createReceiptPrinter({ port: receiptPort ?? '', baud: config.devices.receiptPrinter.baud, log }),
    invoice: createInvoicePrinter({ port: invoicePort ?? '', baud: config.devices.invoicePrinter.baud, calibration: deps.calibration, log }),
    a4: simulators?.a4 ?? createA4Printer({ queue, server: config.devices.a4Printer.server, log, testPage }),
  };

  return {
    reader,
    printers,
    simulators,
    printerStatuses: () => ({
      receipt: printers.receipt.status(),
      invoice: printers.invoice.status(),
      a4: printers.a4.status(),
    }),
    start() {
      reader.start();
      printers.receipt.start();
      printers.invoice.start();
      printers.a4.start();
    },
    async stop() {
      await Promise.allSettled([reader.stop(), printers.receipt.stop(), printers.invoice.stop(), printers.a4.stop()]);
      await simulators?.close();
    },
  };
}
