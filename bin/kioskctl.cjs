#!/usr/bin/env node
'use strict';
// Thin launcher: the real code is bundled by `npm run build` into dist/.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'kioskctl.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('kioskctl: not built yet; run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(1);
}
require(bundle);
