// `npm run bench`: bundles test/bench/run.ts (esbuild, like the product's Node
// side) and runs it with the arguments given after `--`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({
  entryPoints: { bench: 'test/bench/run.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/bench',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', 'dist/bench/bench.cjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
