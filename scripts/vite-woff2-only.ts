import type { Plugin } from 'vite';

/**
 * Shared by the kiosk's screen (renderer/vite.config.ts) and the fleet
 * console's page (backend/console/page/vite.config.ts); it runs in Node at
 * build time only, which is why it lives here and not in shared/. Both
 * configs import it with its `.ts` extension (allowImportingTsExtensions in
 * their tsconfigs), as Vite's config loader asks of a relative import.
 *
 * Chromium reads woff2; fontsource's CSS also lists a `.woff` fallback for
 * every unicode-range chunk, which would double the emitted font files.
 * `namespace` keeps each build's plugin name (`kiosk:…`, `console:…`) in
 * Vite's messages.
 */
export function woff2Only(namespace: string): Plugin {
  return {
    name: `${namespace}:woff2-only`,
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}
