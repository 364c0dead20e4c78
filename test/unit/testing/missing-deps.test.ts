import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { summarize } from '../../support/summary-reporter';
import { MISSING_DEPS_NOTE, systemDeps } from '../../support/system-deps';

/** A missing system package is a failure, or — only when asked, outside CI — a skip the summary shouts about. */
describe('tests that need a system package', () => {
  const reason = '/usr/sbin/cupsd missing (apt-get install cups)';

  it('run when nothing is missing', () => {
    expect(systemDeps('the CUPS suite', null, {})).toEqual({ ok: true });
  });

  it('fail by default when something is missing, saying what to install', () => {
    expect(() => systemDeps('the CUPS suite', reason, {})).toThrow(
      /the CUPS suite cannot run: \/usr\/sbin\/cupsd missing .*install-system-deps\.sh.*KIOSK_ALLOW_MISSING_DEPS=1/,
    );
  });

  it('fail in CI even when skipping was asked for', () => {
    expect(() => systemDeps('the CUPS suite', reason, { CI: 'true', KIOSK_ALLOW_MISSING_DEPS: '1' })).toThrow(/cannot run/);
  });

  it('skip with a note only when asked, outside CI', () => {
    expect(systemDeps('the CUPS suite', reason, { KIOSK_ALLOW_MISSING_DEPS: '1' })).toEqual({
      ok: false,
      note: `${MISSING_DEPS_NOTE}: the CUPS suite — ${reason}`,
    });
  });
});

type FakeTest = { result(): { state: 'passed' | 'failed' | 'skipped' | 'pending'; note?: string } };
function fakeModule(id: string, tests: FakeTest['result'][]): TestModule {
  const all = tests.map((result) => ({ result }));
  return { relativeModuleId: id, state: () => 'passed', children: { allTests: () => all[Symbol.iterator]() } } as unknown as TestModule;
}

describe('the summary line', () => {
  const passed = () => ({ state: 'passed' as const });
  const skippedFor = (note?: string) => () => ({ state: 'skipped' as const, note });

  it('ends with the plain closing line CI reads', () => {
    const out = summarize([fakeModule('a.test.ts', [passed, passed, skippedFor()])]);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed, 1 skipped');
    expect(out).not.toContain('NOT RUN');
  });

  it('lists the tests not run for a missing package, loudly, before that line', () => {
    const note = `${MISSING_DEPS_NOTE}: the CUPS suite — /usr/sbin/cupsd missing`;
    const out = summarize([
      fakeModule('test/integration/cups-a4-printer.test.ts', [skippedFor(note), skippedFor(note), skippedFor(note)]),
      fakeModule('b.test.ts', [passed]),
    ]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain('!!! NOT RUN: 3 test(s) skipped for a missing system package (KIOSK_ALLOW_MISSING_DEPS=1). This run proves nothing about them:');
    expect(lines).toContain(`!!!   3 × test/integration/cups-a4-printer.test.ts: ${note}`);
    expect(lines.at(-1)).toBe('1 passed, 0 failed, 3 skipped');
  });
});
