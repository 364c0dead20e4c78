#!/usr/bin/env node
/**
 * `npm run mutate [-- NAME… | --force | --doc]`: mutation testing of the core
 * modules (test/mutation/modules.mjs), one module after the other, each with
 * its own incremental file under test/mutation/incremental/, then the score
 * table of docs/testing.md regenerated from those files (scripts/mutation-doc.mjs).
 *
 *   npm run mutate                  # every module (hours on 2 cores the first time; minutes after)
 *   npm run mutate -- tax sam-codec # named modules only
 *   npm run mutate -- tax --force   # retest every mutant of `tax`, ignoring its incremental file
 *   npm run mutate -- --doc         # only rewrite docs/testing.md from the incremental files
 *
 * One Stryker process per module, at lower CPU priority, with one test runner:
 * the machine is shared, and one module's incremental file must never be
 * overwritten by another module's run (Stryker writes only what it ran).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../test/mutation/modules.mjs';
import { writeMutationDoc, incrementalFileOf } from './mutation-doc.mjs';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const docOnly = args.includes('--doc');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in MODULES));
if (unknown.length > 0) {
  console.error(`mutate: unknown module ${unknown.join(', ')}; modules: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names : Object.keys(MODULES);
const ambientDeclarations = spawnSync('git', ['ls-files', '*.d.ts'], { cwd: repo, encoding: 'utf8' })
  .stdout.split('\n')
  .filter((f) => f.length > 0);

let failed = 0;
if (!docOnly) {
  for (const name of selected) {
    const { mutate: globs, tests } = MODULES[name];
    console.log(`\n== mutate ${name}: ${globs.join(' ')} (tests: ${tests.join(' ')})`);
    // The TypeScript checker compiles what the module's tests reach, not the whole
    // repository: each mutant's check is then a small program (seconds, not tens).
    const tsconfig = `test/mutation/tsconfig.${name}.json`;
    // Plus the repository's ambient declarations (e.g. electron/host/documents/subset-font.d.ts):
    // a module that reaches an untyped package would otherwise fail the checker's dry run.
    const include = [...tests, ...globs, ...ambientDeclarations].map((g) => `../../${g}`);
    fs.writeFileSync(path.join(repo, tsconfig), `${JSON.stringify({ extends: '../../tsconfig.json', include }, null, 2)}\n`);
    const stryker = path.join(repo, 'node_modules/@stryker-mutator/core/bin/stryker.js');
    const run = spawnSync(
      'nice',
      [
        '-n',
        '10',
        process.execPath,
        stryker,
        'run',
        'stryker.config.mjs',
        '--mutate',
        globs.join(','),
        '--incrementalFile',
        incrementalFileOf(name),
        ...(force ? ['--force'] : []),
      ],
      { cwd: repo, stdio: 'inherit', env: { ...process.env, KIOSK_MUTATION_TESTS: tests.join(','), KIOSK_MUTATION_TSCONFIG: tsconfig } },
    );
    if (run.status !== 0) {
      console.error(`mutate: ${name} failed (exit ${run.status ?? run.signal})`);
      failed++;
    }
  }
}
const table = writeMutationDoc(repo);
console.log(`\n${table}`);
process.exit(failed > 0 ? 1 : 0);
