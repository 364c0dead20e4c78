#!/usr/bin/env bash
# Installs the Debian packages the kiosk and its tests need. Idempotent.
set -euo pipefail

PACKAGES=(
  chromium          # the Chromium shell and the end-to-end tests
  libusb-1.0-0      # node-hid
  udev              # serialport's port listing (udevadm)
  socat             # real pseudo-terminals for the device simulators
  tesseract-ocr     # OCR checks that Chinese is really drawn
  tesseract-ocr-chi-sim
  poppler-utils     # PDF checks (pdftotext, pdffonts, pdftoppm)
  rime-data-pinyin-simp  # source of the keyboard's pinyin lexicon (the generated file is checked against it)
  cups              # the A4 printer's print system (tests start their own cupsd)
  printer-driver-cups-pdf  # a virtual PDF printer for the A4 tests
  cups-ipp-utils    # ipptool: the A4 driver reads job-state with it (also pulled in by cups)
  rabbitmq-server   # the backend queue: the tests start their own broker on loopback
  espeak-ng         # builds the voice prompts (Mandarin and English) from the catalogues at build time
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
