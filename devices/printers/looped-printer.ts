import type { PrinterStatus } from '../../shared/domain/device-status';
import { LoopedDriver } from '../lifecycle/looped-driver';
import type { PaperLevel, PaperThresholds } from './paper-thresholds';

/** A printer driver: the shared driver surface plus paper threshold events. */
export abstract class LoopedPrinter extends LoopedDriver<PrinterStatus> {
  protected abstract readonly thresholds: PaperThresholds;

  /** Paper went low or out, or is full again: once per crossing. */
  onPaperThreshold(listener: (paper: PaperLevel) => void): () => void {
    return this.thresholds.add(listener);
  }
}
