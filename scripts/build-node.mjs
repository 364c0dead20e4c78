// Bundles the Node side (host, shells, kioskctl, Electron main and preload)
// with esbuild. Packages stay external: native modules must load from node_modules.
import { build } from 'esbuild';
import { makeExternalsLazy } from './lazy-externals.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
};

await build({
  ...common,
  entryPoints: {
    kioskctl: 'electron/kioskctl/entry.ts',
    start: 'electron/start.ts',
    // npm run sandbox -- --amqp URL: the sandbox backend as a RabbitMQ consumer.
    sandbox: 'backend/sandbox/main.ts',
    // npm run console -- --amqp URL: the fleet console (docs/console.md).
    console: 'backend/console/main.ts',
  },
  outdir: 'dist',
});

await build({
  ...common,
  entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  // The sandboxed preload may only require 'electron' and a few Node builtins.
  external: ['electron'],
});

// Start-up: PDF, font, QR and broker packages are required on first use, not at load (scripts/lazy-externals.mjs).
for (const file of ['dist/start.cjs', 'dist/electron/main.cjs', 'dist/kioskctl.cjs', 'dist/sandbox.cjs']) {
  if (makeExternalsLazy(file) === 0 && file === 'dist/start.cjs')
    throw new Error('lazy externals: no require of pdf-lib found in dist/start.cjs (esbuild output changed?)');
}
