/**
 * One row of `npm run bench`: what it measures from and to, its target, and
 * how to reproduce it alone. A row's `run` is called several times; every
 * metric it returns is reported as the median over the runs.
 */
export interface Metric {
  /** Short name of the figure within the row ("time", "size", "floor"). */
  name: string;
  value: number;
  unit: string;
  /** What the figure must be; absent for figures reported without a target. */
  target?: { op: '<' | '>'; value: number };
}

/**
 * A figure's trend, drawn by scripts/bench-doc.mjs into docs/perf/*.svg where
 * a line or a distribution says more than one number.
 */
export type Chart =
  | {
      kind: 'lines';
      /** File name under docs/perf/ (without .svg). */
      id: string;
      title: string;
      x: { label: string; values: number[] };
      lines: { name: string; unit: string; values: number[] }[];
    }
  | { kind: 'distribution'; id: string; title: string; unit: string; samples: number[] };

/** Where and under what load a row ran: wall-clock figures measure the machine as much as the code. */
export interface RunEnvironment {
  startedAt: string;
  finishedAt: string;
  /** 1-minute load average before and after the row (os.loadavg()[0]). */
  loadBefore: number;
  loadAfter: number;
  /** Other processes using more than 20 % CPU when the row started (name and %CPU), from ps. */
  busyProcesses: string[];
}

export interface BenchRow {
  id: string;
  title: string;
  /** "from → to": where the clock starts and stops. */
  measures: string;
  /** How many times `run` is called (the median is reported). */
  runs: number;
  /** Expensive shared state (a browser, a kiosk process) made once per row. */
  setup?(): Promise<void>;
  run(): Promise<Metric[]>;
  /** Charts of the last run (memory over visits, latency distribution), when a trend says more than a number. */
  charts?(): Chart[];
  teardown?(): Promise<void>;
}

export interface RowResult {
  id: string;
  title: string;
  measures: string;
  command: string;
  runs: number;
  metrics: (Metric & { samples: number[]; met: boolean | null })[];
  charts?: Chart[];
  environment?: RunEnvironment;
  error?: string;
}
