import { quoteTax } from '../../../shared/domain/tax/quote';
import { defaultTaxConfig } from '../../../shared/config/tax-config';
import type { BenchRow } from '../bench-types';
import { msSince } from '../stats';

const CALLS = 100_000;

/** Vector A of docs/tax-rules.md, quoted many times; the figure is the mean of one call. */
export const taxQuoteRow: BenchRow = {
  id: 'tax-quote',
  title: 'tax quote',
  measures: `quoteTax() called → quote returned (mean of ${CALLS.toLocaleString('en')} calls, warm)`,
  runs: 5,
  async run() {
    const config = defaultTaxConfig();
    let sink = 0;
    for (let i = 0; i < 10_000; i++) sink += quoteTax({ grossFen: 1_030_000 + (i % 7), monthToDateFen: 10_000_000 }, config).ok ? 1 : 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) sink += quoteTax({ grossFen: 1_030_000 + (i % 7), monthToDateFen: 10_000_000 }, config).ok ? 1 : 0;
    const ms = msSince(start) / CALLS;
    if (sink === 0) throw new Error('no quote succeeded');
    return [{ name: 'per call', value: ms, unit: 'ms', target: { op: '<', value: 0.1 } }];
  },
};
