import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/performance.md's table and the charts in docs/perf/ are generated
 * (scripts/bench-doc.mjs) from the bench results kept beside them: a figure
 * edited by hand, or results updated without regenerating, fails here.
 */
describe('docs/performance.md', () => {
  it('is exactly what docs/perf/bench-results.json gives', () => {
    const repo = path.resolve(__dirname, '../../..');
    const out = execFileSync(process.execPath, ['scripts/bench-doc.mjs', '--check'], { cwd: repo, encoding: 'utf8' });
    expect(out).toContain('match docs/perf/bench-results.json');
  });
});
