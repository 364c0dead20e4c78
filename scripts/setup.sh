#!/usr/bin/env bash
# Everything a fresh Debian machine needs before `npm start` or `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund

# Electron's binary is fetched from the internet. Where that is impossible the
# kiosk runs in the Chromium shell instead, so a failed fetch is not an error.
if [ "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" != "1" ] && [ ! -f node_modules/electron/path.txt ]; then
  timeout 120 node node_modules/electron/install.js >/dev/null 2>&1 \
    && echo "electron: binary installed" \
    || echo "electron: binary not available here; npm start uses the Chromium shell"
fi
