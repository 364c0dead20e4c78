import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { woff2Only } from '../../../scripts/vite-woff2-only.ts';

/**
 * The fleet console's page (docs/console.md): built to dist/console-page,
 * which the console server serves. Same font approach as the kiosk's screen
 * (renderer/vite.config.ts): the bundled Noto Sans SC, woff2 only, so Chinese
 * renders on an office desktop without CJK system fonts.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../../dist/console-page', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [woff2Only('console'), react()],
  build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, target: 'chrome120', sourcemap: false },
  logLevel: 'warn',
});
