// Start-up time: Node packages only needed after a visit begins (PDF making,
// font subsetting, QR codes) or only with a broker (amqplib) cost ~1.5 s of
// `require` on a loaded 2-core kiosk. esbuild hoists every external
// `require` to the top of the bundle; this rewrites those of LAZY into a
// proxy that requires the package on first property access instead. Every
// use esbuild emits is `import_x.Name` (named and default imports alike), so
// behaviour is unchanged, only later.
import fs from 'node:fs';

export const LAZY = ['pdf-lib', '@pdf-lib/fontkit', 'subset-font', 'qrcode', 'amqplib'];

const HELPER =
  'var __lazyModule = (load) => { let m; const get = () => (m ??= load()); ' +
  'return new Proxy({}, { get: (_, k) => get()[k], has: (_, k) => k in get(), ' +
  'ownKeys: () => Reflect.ownKeys(get()), getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(get(), k); return d && { ...d, configurable: true }; } }); };\n';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const DECLARATION = new RegExp(`^var (import_\\w+) = (__toESM\\()?require\\("(${LAZY.map(escape).join('|')})"\\)(, 1\\))?;$`, 'gm');

/** Rewrites one bundle in place; returns how many requires were made lazy. */
export function makeExternalsLazy(file) {
  const code = fs.readFileSync(file, 'utf8');
  let count = 0;
  const rewritten = code.replace(DECLARATION, (_all, name, toEsm, pkg, toEsmEnd) => {
    count++;
    const load = toEsm ? `__toESM(require("${pkg}")${toEsmEnd}` : `require("${pkg}")`;
    return `var ${name} = __lazyModule(() => ${load});`;
  });
  if (count === 0) return 0;
  // On the "use strict" line esbuild writes first: no line moves, so the source map still fits.
  const strict = '"use strict";\n';
  if (!rewritten.startsWith(strict)) throw new Error(`${file}: unexpected bundle start, cannot add the lazy helper`);
  fs.writeFileSync(file, `"use strict"; ${HELPER.trimEnd()}\n${rewritten.slice(strict.length)}`);
  return count;
}
