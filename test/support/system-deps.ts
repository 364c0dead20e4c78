/**
 * Tests that need a Debian package (cups, rime-data-pinyin-simp, …; installed by
 * scripts/install-system-deps.sh) never skip silently. When the package is
 * missing:
 * - in CI, or by default anywhere: the test FAILS, saying what to install;
 * - with KIOSK_ALLOW_MISSING_DEPS=1 outside CI (a laptop without root, say):
 *   the tests are skipped with a note, and the summary reporter
 *   (test/support/summary-reporter.ts) lists them loudly under NOT RUN.
 */
export const MISSING_DEPS_NOTE = 'missing system package';

export type DepsCheck = { ok: true } | { ok: false; note: string };

/** `reason` is null when everything is there, else what is missing and how to install it. */
export function systemDeps(what: string, reason: string | null, env: NodeJS.ProcessEnv = process.env): DepsCheck {
  if (reason === null) return { ok: true };
  if (env.CI || env.KIOSK_ALLOW_MISSING_DEPS !== '1') {
    throw new Error(
      `${what} cannot run: ${reason}. Install it (bash scripts/install-system-deps.sh)` +
        (env.CI ? '.' : ', or set KIOSK_ALLOW_MISSING_DEPS=1 to skip it (listed as NOT RUN in the summary).'),
    );
  }
  return { ok: false, note: `${MISSING_DEPS_NOTE}: ${what} — ${reason}` };
}
