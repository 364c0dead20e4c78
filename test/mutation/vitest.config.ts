import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant (stryker.config.mjs): the unit
 * tests that specify the module under test (KIOSK_MUTATION_TESTS, set by
 * scripts/mutate.mjs from test/mutation/modules.mjs), else every unit test. They are pure and fast; integration tests (PTYs, brokers,
 * browsers) would multiply a mutation run's hours and add timing noise. A
 * mutant only an integration test kills gets a unit test of its own.
 */
export default defineConfig({
  test: {
    include: process.env.KIOSK_MUTATION_TESTS?.split(',') ?? ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Generous: a dry run on a loaded shared machine once took over 30 s for one test.
    testTimeout: 300_000,
  },
});
