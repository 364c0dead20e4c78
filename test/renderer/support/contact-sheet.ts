import type { Browser } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SheetCell {
  /** The screenshot (PNG or JPEG file). */
  file: string;
  label: string;
}

export interface SheetSection {
  title: string;
  /** Every cell of a section has the same orientation. */
  portrait: boolean;
  cells: SheetCell[];
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One image of every screen, so a reviewer sees the whole product at a
 * glance: an HTML page of labelled thumbnails (`htmlFile`, kept for a
 * closer look), drawn and photographed by Chromium.
 */
export async function contactSheet(browser: Browser, sections: SheetSection[], title: string, htmlFile: string): Promise<Buffer> {
  const width = 2400;
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; padding: 24px; width: ${width - 48}px; font: 18px/1.3 'Noto Sans SC', 'Noto Sans CJK SC', sans-serif; background: #dfe7f1; color: #102238; }
    h1 { font-size: 32px; margin: 0 0 16px; }
    h2 { font-size: 24px; margin: 24px 0 12px; }
    .grid { display: flex; flex-wrap: wrap; gap: 14px; }
    figure { margin: 0; background: #fff; padding: 6px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
    figure.p img { width: 210px; height: 373px; }
    figure.l img { width: 373px; height: 210px; }
    img { display: block; border: 1px solid #cfd9e5; }
    figcaption { font-size: 15px; padding-top: 4px; max-width: 373px; overflow-wrap: anywhere; }
    figure.p figcaption { max-width: 210px; }
  </style></head><body><h1>${escape(title)}</h1>${sections
    .map(
      (section) =>
        `<h2>${escape(section.title)}</h2><div class="grid">${section.cells
          .map(
            (cell) =>
              `<figure class="${section.portrait ? 'p' : 'l'}"><img src="${escape(relative(dirname(htmlFile), cell.file))}" alt=""><figcaption>${escape(cell.label)}</figcaption></figure>`,
          )
          .join('')}</div>`,
    )
    .join('')}</body></html>`;
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    // A file next to the screenshots, loaded by URL: no megabytes of base64 through the protocol.
    writeFileSync(htmlFile, html);
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    // Size the viewport to the whole sheet (a full-page capture of a tall page can stop at the viewport).
    const height = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
    await page.setViewportSize({ width, height });
    // Some 250 full-size screenshots scaled into one tall page: slow on a busy 2-core machine.
    return await page.screenshot({ timeout: 150_000 });
  } finally {
    await context.close();
  }
}
