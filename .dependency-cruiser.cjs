/**
 * The layering of docs/architecture.md ("Layers: who may import whom"),
 * enforced in `npm test` and `npm run check` (`npm run layering`):
 *   shared   ← devices ← electron        renderer ← shared only
 *   backend/ (the tax authority's side: sandbox, console) ← shared, electron's infrastructure
 * The kiosk reaches backend/ only through electron/host/services/tax-backend-choice.ts.
 * Native packages never reach renderer/ or shared/; only electron/main.ts and
 * electron/preload.ts import `electron`.
 */
const NATIVE = '^(node-hid|serialport|@serialport/.+|better-sqlite3|amqplib)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'shared/ runs in every process: it may import only shared/ and pure packages.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(devices|electron|renderer)/' },
    },
    {
      name: 'shared-is-runtime-neutral',
      comment: 'shared/ also runs in the renderer: no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'kiosk-reaches-backend-only-through-the-seam',
      comment: "backend/ is the tax authority's side; the kiosk chooses it in one place (docs/architecture.md).",
      severity: 'error',
      from: { path: '^(shared|devices|electron|renderer)/', pathNot: '^electron/host/services/tax-backend-choice\\.ts$' },
      to: { path: '^backend/' },
    },
    {
      name: 'console-page-is-browser-code',
      comment: 'The fleet console page runs in an office browser: shared/ and itself only, no Node (its Vite config excepted).',
      severity: 'error',
      from: { path: '^backend/console/page/', pathNot: '^backend/console/page/vite\\.config\\.ts$' },
      to: { path: '^(devices|electron|renderer)/|^backend/(?!console/page/)' },
    },
    {
      name: 'console-page-has-no-node',
      severity: 'error',
      from: { path: '^backend/console/page/', pathNot: '^backend/console/page/vite\\.config\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'backend-never-imports-renderer',
      severity: 'error',
      from: { path: '^backend/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'devices-import-shared-only',
      severity: 'error',
      from: { path: '^devices/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'electron-never-imports-renderer',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'renderer-imports-shared-only',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(devices|electron)/' },
    },
    {
      name: 'renderer-has-no-node',
      comment: 'The build config runs in Node at build time, never in the page.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'native-packages-stay-in-node-layers',
      severity: 'error',
      from: { path: '^(renderer|shared)/' },
      to: { path: NATIVE },
    },
    {
      name: 'native-packages-by-name',
      comment: 'Also catches packages resolved through node_modules.',
      severity: 'error',
      from: { path: '^(renderer|shared)/' },
      to: { path: 'node_modules/(node-hid|serialport|@serialport|better-sqlite3|amqplib)/' },
    },
    {
      name: 'only-main-and-preload-import-electron',
      severity: 'error',
      from: { pathNot: '^electron/(main|preload)\\.ts$' },
      to: { path: '(^|node_modules/)electron/', pathNot: '^electron/' },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
  },
};
