// @ts-check
/**
 * Mutation testing of the code whose bugs cost money or trust (docs/testing.md):
 * StrykerJS plants small bugs (mutants) one at a time and runs the unit tests
 * that cover them; a mutant no test notices is a missing assertion.
 *
 *   npm run mutate               # every module, one after the other, incremental
 *   npm run mutate -- tax sam-codec   # named modules (test/mutation/modules.mjs)
 *
 * CPU-heavy: one test process, one module at a time on a shared machine.
 */

import { MODULES } from './test/mutation/modules.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // The module's own tests only (test/mutation/modules.mjs), not every test that imports it.
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  checkers: ['typescript'],
  // scripts/mutate.mjs points this at a tsconfig holding only the module and its tests.
  tsconfigFile: process.env.KIOSK_MUTATION_TSCONFIG ?? 'tsconfig.json',
  coverageAnalysis: 'perTest',
  mutate: Object.values(MODULES).flatMap((m) => m.mutate),
  concurrency: 1,
  // scripts/mutate.mjs runs one module at a time, each with its own incremental
  // file under test/mutation/incremental/ (kept in the repository, docs/testing.md
  // says why): a rerun tests only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: 'test/mutation/incremental/all.json',
  ignorePatterns: ['dist', 'out', 'build', 'docs', 'renderer/public', 'test/e2e', 'test/renderer', 'test/integration', 'test/bench', '.kiosk-data', 'reports'],
  reporters: ['clear-text', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  timeoutMS: 10_000,
};
