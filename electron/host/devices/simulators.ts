import path from 'node:path';
import { startIdCardSimulator } from '../../../devices/simulators/idcard/idcard-simulator';
import { startEscposSimulator, type EscposSimulator } from '../../../devices/simulators/escpos/escpos-simulator';
import { startEscpSimulator, type EscpSimulator } from '../../../devices/simulators/escp/escp-simulator';
import { createA4FilePrinter, type A4FilePrinter } from '../../../devices/simulators/a4/a4-file-printer';

/** What the contract's `sim.*` methods may do to the in-process ID-card simulator. */
export interface IdCardSimulatorControl {
  readonly portPath: string;
  profiles(): string[];
  placed(): string | null;
  place(profile: string): Promise<void>;
  lift(): Promise<void>;
  close(): Promise<void>;
}

/** Every simulated device of `devices.mode = "sim"`, each on its own real PTY. */
export interface Simulators {
  idcard: IdCardSimulatorControl;
  /** The full simulators, so tests and diagnostics can read what was printed. */
  receipt: EscposSimulator;
  invoice: EscpSimulator;
  /** The A4 printer writes PDFs into `<dataDir>/sim-a4/` instead of going through CUPS. */
  a4: A4FilePrinter;
  close(): Promise<void>;
}

export async function startSimulators(dataDir: string, a4TestPage: () => Promise<Uint8Array>): Promise<Simulators> {
  const [sim, receipt, invoice] = await Promise.all([startIdCardSimulator({ paceBaud: 115200 }), startEscposSimulator({}), startEscpSimulator({})]);
  const idcard: IdCardSimulatorControl = {
    portPath: sim.portPath,
    profiles: () => [...sim.profiles],
    placed: () => sim.placed(),
    place: (profile) => sim.place(profile),
    lift: () => sim.lift(),
    close: () => sim.close(),
  };
  return {
    idcard,
    receipt,
    invoice,
    a4: createA4FilePrinter(path.join(dataDir, 'sim-a4'), a4TestPage),
    async close() {
      await Promise.allSettled([sim.close(), receipt.close(), invoice.close()]);
    },
  };
}
