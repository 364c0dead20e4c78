import { startIdCardSimulator } from '../../devices/simulators/idcard/idcard-simulator';

/** What the contract's `sim.*` methods may do to the in-process simulators. */
export interface IdCardSimulatorControl {
  readonly portPath: string;
  profiles(): string[];
  placed(): string | null;
  place(profile: string): Promise<void>;
  lift(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the ID-card simulator on a real PTY, for `devices.mode = "sim"`. */
export async function startSimulators(): Promise<IdCardSimulatorControl> {
  const sim = await startIdCardSimulator({});
  let placed: string | null = null;
  return {
    portPath: sim.portPath,
    profiles: () => [...sim.profiles],
    placed: () => placed,
    async place(profile) {
      await sim.place(profile);
      placed = profile;
    },
    async lift() {
      await sim.lift();
      placed = null;
    },
    close: () => sim.close(),
  };
}
