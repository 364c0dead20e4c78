import { createInvoicePrinter } from './escp/invoice-printer';
import { createReceiptPrinter, type PrinterLog } from './escpos/receipt-printer';
import type { PrinterDriver } from './printer-types';
import { assertNever } from '../../shared/assert-never';

/** The printer models a technician can name (`kioskctl printer … --model`). */
export const PRINTER_MODELS = ['escpos', 'escp'] as const;
export type PrinterModel = (typeof PRINTER_MODELS)[number];

export function isPrinterModel(value: unknown): value is PrinterModel {
  return typeof value === 'string' && (PRINTER_MODELS as readonly string[]).includes(value);
}

export interface OpenPrinterOptions {
  port: string;
  baud?: number;
  pollIntervalMs?: number;
  statusTimeoutMs?: number;
  log?: PrinterLog;
}

/** One driver per model: `escpos` the 80 mm receipt printer, `escp` the 24-pin invoice printer. */
export function openPrinterByModel(model: PrinterModel, opts: OpenPrinterOptions): PrinterDriver {
  switch (model) {
    case 'escpos':
      return createReceiptPrinter(opts);
    case 'escp':
      return createInvoicePrinter(opts);
    default:
      return assertNever(model, 'printer model');
  }
}
