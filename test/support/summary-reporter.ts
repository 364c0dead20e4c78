import type { Reporter, TestModule } from 'vitest/node';
import { MISSING_DEPS_NOTE } from './system-deps';

/**
 * Prints the plain closing line `N passed, N failed, N skipped` that CI reads,
 * and before it, loudly, every test that did NOT RUN because a system package
 * is missing (test/support/system-deps.ts): a skip of that kind must never pass
 * for green unnoticed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    process.stdout.write(summarize(testModules));
  }
}

export function summarize(testModules: ReadonlyArray<TestModule>): string {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  /** note → test count, per module. */
  const notRun = new Map<string, number>();
  for (const mod of testModules) {
    for (const test of mod.children.allTests()) {
      const result = test.result();
      if (result.state === 'passed') passed++;
      else if (result.state === 'failed') failed++;
      else {
        skipped++;
        const note = result.state === 'skipped' ? result.note : undefined;
        if (note?.startsWith(MISSING_DEPS_NOTE)) {
          const key = `${mod.relativeModuleId}: ${note}`;
          notRun.set(key, (notRun.get(key) ?? 0) + 1);
        }
      }
    }
    if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
  }
  const lines = [''];
  if (notRun.size > 0) {
    const count = [...notRun.values()].reduce((a, b) => a + b, 0);
    lines.push(`!!! NOT RUN: ${count} test(s) skipped for a ${MISSING_DEPS_NOTE} (KIOSK_ALLOW_MISSING_DEPS=1). This run proves nothing about them:`);
    for (const [where, n] of notRun) lines.push(`!!!   ${n} × ${where}`);
  }
  lines.push(`${passed} passed, ${failed} failed, ${skipped} skipped`, '');
  return lines.join('\n');
}
