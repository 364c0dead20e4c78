import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, as the kiosk uses it; never a downloaded browser. */
export const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
