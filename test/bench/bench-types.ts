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
  teardown?(): Promise<void>;
}

export interface RowResult {
  id: string;
  title: string;
  measures: string;
  command: string;
  runs: number;
  metrics: (Metric & { samples: number[]; met: boolean | null })[];
  error?: string;
}
