import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/**
 * Chromium reads woff2; fontsource's CSS also lists a `.woff` fallback for
 * every unicode-range chunk, which would double the emitted font files.
 */
function woff2Only(): Plugin {
  return {
    name: 'kiosk:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

/** Build-only CSP (the dev server needs inline scripts for fast refresh). */
function contentSecurityPolicy(): Plugin {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self'",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'kiosk:csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [woff2Only(), react(), contentSecurityPolicy()],
  build: {
    outDir,
    emptyOutDir: true,
    // Fonts must be files: the CSP has no `data:` fonts.
    assetsInlineLimit: 0,
    target: 'chrome120',
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
