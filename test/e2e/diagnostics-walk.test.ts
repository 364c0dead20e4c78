import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_TECHNICIAN_PIN } from '../../shared/contract/services/diagnostics';
import { launchChromium } from '../support/browser';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { measureScreen } from '../renderer/support/a11y-measure';
import { screensDir } from '../renderer/support/renderer-harness';

/**
 * Every diagnostics screen as a technician sees it (the real host, simulated
 * devices, Chromium), in both orientations and both languages: photographed to
 * test-results/screens/diagnostics/, checked by axe, and measured as the
 * taxpayer's screens are (support/a11y-measure.ts): nothing cut off by the
 * screen, no text wider than its box, no label broken mid-term, nothing hidden
 * without a sign, text at least 24 px and targets at least 44 px. A technician
 * on a ladder reads it at arm's length.
 */
const MIN_FONT_PX = 24;
const MIN_TARGET_PX = 44;
const TABS = ['devices', 'tests', 'stock', 'backend', 'config', 'export'] as const;
const VIEWPORTS = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');
const dir = join(screensDir, 'diagnostics');

let browser: Browser;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** What one screen shows wrong; empty when it is fine. */
async function findings(page: Page, name: string): Promise<string[]> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  writeFileSync(join(dir, `${name}.png`), await page.screenshot({ animations: 'disabled' }));
  const problems: string[] = [];
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type Axe = { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(
      { exclude: [['.sim-corner']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] },
    );
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') problems.push(`axe ${v.id}: ${v.nodes.slice(0, 3).join(', ')}`);
  const m = await page.evaluate(measureScreen);
  if (m.minFontPx < MIN_FONT_PX) problems.push(`text ${m.minFontPx}px: ${m.minFontText}`);
  if (m.minTargetPx < MIN_TARGET_PX) problems.push(`target ${m.minTargetPx.toFixed(0)}px: ${m.minTargetWhat}`);
  for (const what of [...m.offscreen, ...m.overflow, ...m.brokenWords, ...m.hidden]) problems.push(what);
  return problems.map((p) => `${name}: ${p}`);
}

describe('diagnostics screens: seen, and measured', { timeout: 180_000 }, () => {
  // A technician works in the kiosk's own language (config `lang`); the choice a visitor makes on the
  // attract screen is theirs, and survives the technician opening diagnostics (store-visit.test.ts).
  for (const lang of ['zh-CN', 'en'] as const) {
    describe(lang, () => {
      let kiosk: KioskProcess;
      beforeAll(async () => {
        kiosk = await startKiosk({ session: { idleTimeoutMs: 120_000 }, lang });
      }, 60_000);
      afterAll(async () => {
        await kiosk?.stop();
      });
      for (const [orientation, viewport] of Object.entries(VIEWPORTS)) {
        it(`${lang}, ${orientation}: the PIN pad and every tab meet the numbers, in the language chosen`, async () => {
          // bypassCSP: the kiosk's policy (script-src 'self') would refuse axe, injected for the check only.
          const page = await browser.newPage({ viewport, bypassCSP: true });
          try {
            await page.goto(kiosk.url);
            await page.getByTestId('attract-prompt').waitFor();
            await page.waitForSelector(`html[lang="${lang}"]`);
            const label = page.locator('.status-kiosk');
            for (let i = 0; i < 5; i++) await label.click();
            await page.getByTestId('diag-pin').waitFor();
            const problems = await findings(page, `${lang}-${orientation}-0-pin`);
            for (const digit of DEMO_TECHNICIAN_PIN) await page.getByTestId(`diag-pin-${digit}`).click();
            await page.getByTestId('diag-pin-ok').click();
            await page.getByTestId('diag-screen').waitFor({ timeout: 10_000 });
            await page.getByTestId('diag-device-receipt').waitFor({ timeout: 10_000 });
            for (const [i, tab] of TABS.entries()) {
              await page.getByTestId(`diag-tab-${tab}`).click();
              await page.waitForSelector(`[data-testid="diag-tab-${tab}"][aria-selected="true"]`);
              problems.push(...(await findings(page, `${lang}-${orientation}-${i + 1}-${tab}`)));
            }
            // In English, no Chinese left on a technician's screen (catalogue values included).
            if (lang === 'en') {
              const chinese = await page.locator('[data-testid="diag-screen"]').evaluate((el) => (el.textContent ?? '').match(/[\u3400-\u9fff]+/g) ?? []);
              expect(chinese, 'Chinese words on the English diagnostics screen').toEqual([]);
            }
            await page.getByTestId('diag-exit').click();
            await page.getByTestId('attract-prompt').waitFor();
            expect(problems).toEqual([]);
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});
