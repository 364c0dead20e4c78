// Bundles the Node side (host, shells, kioskctl, Electron main and preload)
// with esbuild. Packages stay external: native modules must load from node_modules.
import { build } from 'esbuild';

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
    sandbox: 'electron/sandbox-backend/main.ts',
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
