import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { serveStatic } from './static-server';
import { installFakeKiosk, type FakeOptions, type FakeWindow } from './fake-kiosk';
import { measureScreen, type ScreenMetrics } from './a11y-measure';
import { contactSheet, type SheetSection } from './contact-sheet';

/**
 * Accessibility of every screen of every service, in one mode (normal or
 * elderly 长辈模式), portrait and landscape: axe-core finds no serious or
 * critical violation, and in-page measurements meet the kiosk's numbers
 * (type size, line height, touch targets, text contrast, Back/Exit on
 * screen). Every screen is photographed to test-results/screens/a11y/ and
 * all of them (both modes' files) put on one contact sheet.
 *
 * axe-core is injected once per page and run with `axe.run` (what
 * @axe-core/playwright does, minus re-injecting ~500 kB at every screen).
 * Its colour-contrast rule (the slow one) runs on the portrait walk; our
 * own contrast measurement, stricter in elderly mode (7:1), runs everywhere.
 */
const repo = resolve(__dirname, '../../..');
const distDir = join(repo, 'dist/renderer');
const outDir = join(repo, 'test-results/screens/a11y');
const VIEWPORTS = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
type Orientation = keyof typeof VIEWPORTS;
type Mode = 'normal' | 'elderly';

/** The kiosk's numbers (issue 8), per mode. */
const LIMITS: Record<Mode, { minFontPx: number; minTargetPx: number; minContrast: number; minLineHeight: number }> = {
  normal: { minFontPx: 24, minTargetPx: 44, minContrast: 4.5, minLineHeight: 1.3 },
  elderly: { minFontPx: 32, minTargetPx: 60, minContrast: 7, minLineHeight: 1.3 },
};

const IDLE = { state: 'idle', sessionId: null, person: null, rejection: null, idle: null };
const ACTIVE = (deadlineIn = 90_000) => ({
  state: 'active',
  sessionId: 'visit-1',
  person: { cardType: 'resident', maskedName: '张*三', maskedId: '110105********002X', sex: 'male' },
  rejection: null,
  idle: { deadline: Date.now() + deadlineIn, warnMs: 15_000 },
});

// ---- scripted answers (as the host would send them) ----
const COMPANY = { id: '91370102MA01TK019U', name: '示例科技有限公司', kind: 'enterprise', asAgent: true };
const SHOP = { id: '92110101L000000116', name: '东城区示例便利店', kind: 'individual', asAgent: false };
const COLLECTION = {
  taxpayers: { outcome: 'ok', taxpayers: [COMPANY, SHOP] },
  options: {
    outcome: 'ok',
    types: [
      { code: '04', name: '增值税普通发票', quotaRemaining: 20, stockRemaining: 50, maxQuantity: 20 },
      { code: '01', name: '增值税专用发票', quotaRemaining: 0, stockRemaining: 30, maxQuantity: 0 },
    ],
  },
  collect: { outcome: 'completed', transactionId: 'T-1', invoiceType: '04', invoiceTypeName: '增值税普通发票', code: '011002300111', first: '00012301', last: '00012301', quantity: 1, receiptPrinted: true },
  progress: [{ step: 'printingForms', done: 0, total: 1 }],
  holdCollect: true,
};
const TX = '01J0000000000000000000000A';
const QUOTE = {
  outcome: 'ok',
  quote: {
    grossFen: 30_000,
    netFen: 29_126,
    exempt: false,
    levyRateBp: 300,
    national: { totalFen: 874, lines: [{ kind: 'vat', baseFen: 30_000, rateBp: 300, reductionBp: 0, amountFen: 874 }] },
    local: {
      totalFen: 491,
      lines: [
        { kind: 'urbanMaintenance', baseFen: 874, rateBp: 700, reductionBp: 5000, amountFen: 31 },
        { kind: 'education', baseFen: 874, rateBp: 300, reductionBp: 5000, amountFen: 13 },
        { kind: 'localEducation', baseFen: 874, rateBp: 200, reductionBp: 5000, amountFen: 9 },
        { kind: 'iit', baseFen: 29_126, rateBp: 150, reductionBp: 0, amountFen: 438 },
      ],
    },
    payableFen: 1_365,
  },
};
const QR = { size: 21, rows: Array.from({ length: 21 }, (_, r) => Array.from({ length: 21 }, (_, c) => ((r * 7 + c * 3) % 5 < 2 ? '1' : '0')).join('')) };
const PAID = { transactionId: TX, sellerName: SHOP.name, buyerName: '张*', grossFen: 30_000, paidFen: 1_365 };
const pad = (n: number) => String(n).padStart(2, '0');
const RECORDS = Array.from({ length: 12 }, (_, i) => ({
  period: i === 0 ? '2024-12' : `2025-${pad(i)}`,
  item: '工资薪金所得',
  agent: '示例科技有限公司',
  amountFen: 45_000 + i * 100,
  paidOn: i === 0 ? '2025-01-15' : `2025-${pad(i + 1)}-15`,
  authority: '国家税务总局示例市历下区税务局',
}));
const ANSWERS = {
  'issuance.begin': { outcome: 'ok', sellers: [COMPANY, SHOP], unfinished: [], maxLines: 8, limitFen: 9_999_999 },
  'issuance.seller': { outcome: 'ok' },
  'issuance.quote': QUOTE,
  'issuance.pay': { outcome: 'awaitingPayment', payment: { transactionId: TX, orderId: 'ORDER-1', amountFen: 1_365, qr: QR, expiresAt: '2030-01-01T08:15:00.000Z' } },
  'issuance.paymentStatus': { status: 'pending', paid: null },
  'issuance.cancel': { status: 'cancelled', paid: null },
  'issuance.print': { outcome: 'completed', transactionId: TX, invoiceCode: '1100261632', invoiceNumber: '00000007', grossFen: 30_000, nationalFen: 874, localFen: 491, receiptPrinted: true },
  'certificate.periods': {
    earliest: '2023-01',
    latest: '2025-12',
    historyMonths: 36,
    maxSpanMonths: 12,
    presets: [
      { id: 'last12Months', from: '2024-12', to: '2025-11' },
      { id: 'thisYear', from: '2025-01', to: '2025-12' },
      { id: 'lastYear', from: '2024-01', to: '2024-12' },
    ],
  },
  'certificate.records': { outcome: 'ok', from: '2024-12', to: '2025-11', records: RECORDS, totalFen: RECORDS.reduce((s, r) => s + r.amountFen, 0) },
  'certificate.print': { outcome: 'completed', transactionId: '01JTESTCERT0000000000000000', from: '2024-12', to: '2025-11', recordCount: 12, totalFen: 547_800, pages: 2, verificationCode: 'WJ1F-D25K-9WGA-EDT7-D', receiptPrinted: true },
};

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

interface Finding {
  screen: string;
  problem: string;
}

/** Walks one mode × orientation through every screen, checking each. */
class Walk {
  readonly findings: Finding[] = [];
  readonly metrics: Record<string, ScreenMetrics> = {};
  readonly timings: Record<string, number[]> = {};
  private n = 0;
  private readonly dir: string;
  private readonly section: SheetSection;

  constructor(
    readonly page: Page,
    readonly mode: Mode,
    readonly orientation: Orientation,
  ) {
    this.dir = join(outDir, `${mode}-${orientation}`);
    mkdirSync(this.dir, { recursive: true });
    this.section = { title: `${mode} · ${orientation}`, portrait: orientation === 'portrait', cells: [] };
  }

  /** Findings, timings and measurements for the report; the cells for the contact sheet. */
  save(): void {
    writeFileSync(join(this.dir, 'metrics.json'), JSON.stringify({ findings: this.findings, timings: this.timings, metrics: this.metrics }, null, 2));
    writeFileSync(join(this.dir, 'cells.json'), JSON.stringify(this.section));
  }

  async tap(testId: string, hasText?: string): Promise<void> {
    const locator = this.page.locator(`[data-testid="${testId}"]`, hasText === undefined ? {} : { hasText });
    await locator.first().click();
  }

  async waitFor(selector: string): Promise<void> {
    await this.page.waitForSelector(selector);
  }

  async fake(fn: (f: FakeWindow['__fake'], arg: unknown) => void, arg?: unknown): Promise<void> {
    await this.page.evaluate(({ source, a }) => new Function('f', 'a', `(${source})(f, a)`)((window as unknown as FakeWindow).__fake, a), { source: fn.toString(), a: arg });
  }

  /** Photographs the screen, runs axe and measures it. */
  async check(name: string): Promise<void> {
    const { page } = this;
    const t0 = Date.now();
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    this.n += 1;
    const file = join(this.dir, `${pad(this.n)}-${name}.png`);
    writeFileSync(file, await page.screenshot({ animations: 'disabled' }));
    this.section.cells.push({ file, label: `${pad(this.n)} ${name}` });

    const t1 = Date.now();
    const violations = await page.evaluate(
      async ({ contrast }) => {
        type Axe = { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> };
        const axe = (window as unknown as { axe: Axe }).axe;
        const result = await axe.run(
          { exclude: [['.sim-corner']] },
          { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, rules: { 'color-contrast': { enabled: contrast } }, resultTypes: ['violations'] },
        );
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      },
      { contrast: this.orientation === 'portrait' },
    );
    for (const v of violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      this.findings.push({ screen: name, problem: `axe ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).join(', ')}` });
    }

    const t2 = Date.now();
    const m = await page.evaluate(measureScreen);
    this.timings[name] = [t1 - t0, t2 - t1, Date.now() - t2];
    this.metrics[name] = m;
    const limit = LIMITS[this.mode];
    if (m.minFontPx < limit.minFontPx) this.findings.push({ screen: name, problem: `text ${m.minFontPx}px < ${limit.minFontPx}px: ${m.minFontText}` });
    if (m.minTargetPx < limit.minTargetPx) this.findings.push({ screen: name, problem: `target ${m.minTargetPx.toFixed(0)}px < ${limit.minTargetPx}px: ${m.minTargetWhat}` });
    if (m.minContrast < limit.minContrast) this.findings.push({ screen: name, problem: `contrast ${m.minContrast.toFixed(2)} < ${limit.minContrast}: ${m.minContrastText}` });
    if (m.minLineHeight < limit.minLineHeight) this.findings.push({ screen: name, problem: `line height ${m.minLineHeight.toFixed(2)} < ${limit.minLineHeight}: ${m.minLineHeightText}` });
    for (const what of m.offscreen) this.findings.push({ screen: name, problem: `off screen: ${what}` });
  }
}

async function open(mode: Mode, orientation: Orientation): Promise<Walk> {
  const context = await browser.newContext({ viewport: VIEWPORTS[orientation], deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const options: FakeOptions = { simulators: false, defaultLang: 'zh-CN', reader: 'online' };
  await page.addInitScript(installFakeKiosk, options);
  await page.goto(server.url);
  await page.waitForSelector('[data-screen="attract"]');
  await page.evaluate(axeSource);
  await page.evaluate(
    ({ answers, collection }) => {
      const f = (window as unknown as FakeWindow).__fake;
      Object.assign(f.answers, answers);
      Object.assign(f.collection, collection);
      f.held = ['issuance.print', 'certificate.print'];
    },
    { answers: ANSWERS, collection: COLLECTION },
  );
  return new Walk(page, mode, orientation);
}

const push = (w: Walk, name: string, payload: unknown) => w.page.evaluate(([n, p]) => (window as unknown as FakeWindow).__fake.push(n as string, p), [name, payload] as const);
const step = (w: Walk, screen: string, name: string) => w.waitFor(`[data-screen="${screen}"][data-step="${name}"]`);

async function visitStart(w: Walk): Promise<void> {
  if (w.mode === 'elderly') {
    await w.tap('elderly-switch');
    await w.waitFor('html[data-elderly="true"]');
  }
  await w.check('attract');
  await push(w, 'session.changed', { ...IDLE, state: 'reading', sessionId: 'visit-1' });
  await w.waitFor('[data-screen="reading"]');
  await w.check('reading');
  await push(w, 'session.changed', { ...IDLE, state: 'cardRejected', sessionId: 'visit-1', rejection: 'expired' });
  await w.waitFor('[data-screen="rejected"]');
  await w.check('rejected');
  // A refused card ends in idle (which resets the mode to the default): choose it again, as a person would.
  await push(w, 'session.changed', IDLE);
  await w.waitFor('[data-screen="attract"]');
  if (w.mode === 'elderly') await w.tap('elderly-switch');
  await push(w, 'session.changed', { ...IDLE, state: 'reading', sessionId: 'visit-2' });
  await push(w, 'session.changed', ACTIVE());
  await w.waitFor('[data-screen="active"]');
  await w.check('menu');
  await push(w, 'session.changed', ACTIVE(12_000));
  await w.waitFor('[data-testid="idle-overlay"]');
  await w.check('idle-countdown');
  // One touch gives the time back.
  await w.tap('idle-continue');
  await w.page.waitForSelector('[data-testid="idle-overlay"]', { state: 'detached' });
}

async function collection(w: Walk): Promise<void> {
  await w.tap('service-invoice-collect');
  await step(w, 'collection', 'chooseTaxpayer');
  await w.check('collection-1-taxpayer');
  await w.tap('coll-taxpayer', COMPANY.name);
  await step(w, 'collection', 'chooseType');
  await w.check('collection-2-type');
  await w.tap('coll-pickup');
  await step(w, 'collection', 'pickup');
  await w.check('collection-pickup-keyboard');
  await w.tap('coll-back');
  await step(w, 'collection', 'chooseType');
  await w.tap('coll-next');
  await step(w, 'collection', 'confirm');
  await w.check('collection-3-confirm');
  await w.tap('coll-confirm-go');
  await step(w, 'collection', 'collecting');
  await w.check('collection-4-progress');
  await w.fake((f) => f.releaseCollect());
  await step(w, 'collection', 'completed');
  await w.check('collection-5-done');
  await w.tap('coll-menu');
  await w.waitFor('[data-screen="active"]');
  // A refusal: one taxpayer in arrears.
  await w.fake((f, a) => Object.assign(f.collection, a), { taxpayers: { outcome: 'ok', taxpayers: [SHOP] }, options: { outcome: 'refused', refusal: { reason: 'arrears', arrearsFen: 123_456 } } });
  await w.tap('service-invoice-collect');
  await step(w, 'collection', 'refused');
  await w.check('collection-refused');
  await w.tap('coll-menu');
  await w.waitFor('[data-screen="active"]');
}

async function keys(w: Walk, chars: string): Promise<void> {
  for (const k of chars) await w.tap(`osk-key-${k}`);
}

async function issuance(w: Walk): Promise<void> {
  await w.tap('service-invoice-issue');
  await step(w, 'issuance', 'chooseSeller');
  await w.check('issuance-1-seller');
  await w.tap('iss-seller', SHOP.name);
  await step(w, 'issuance', 'buyer');
  await w.tap('iss-buyer-individual');
  await keys(w, 'zhangsan');
  await w.check('issuance-2-buyer-keyboard');
  await w.page.locator('[data-testid="osk-candidate"]', { hasText: /^张三$/ }).first().click();
  await w.tap('osk-done');
  await w.check('issuance-2-buyer');
  await w.tap('iss-next');
  await step(w, 'issuance', 'lines');
  await w.tap('iss-add-line');
  await step(w, 'issuance', 'line');
  await keys(w, 'zixun');
  await w.page.locator('[data-testid="osk-candidate"]', { hasText: /^咨询$/ }).first().click();
  await w.tap('osk-done');
  await w.tap('iss-unit-次');
  await w.tap('osk-backspace');
  await keys(w, '2');
  await w.tap('osk-done');
  await keys(w, '150.00');
  await w.check('issuance-3-line');
  await w.tap('iss-line-save');
  await step(w, 'issuance', 'lines');
  await w.check('issuance-4-lines');
  await w.tap('iss-next');
  await step(w, 'issuance', 'quote');
  await w.check('issuance-5-quote');
  await w.tap('iss-pay');
  await step(w, 'issuance', 'awaitingPayment');
  await w.check('issuance-6-pay');
  await w.fake((f, a) => (f.answers['issuance.paymentStatus'] = a), { status: 'paid', paid: PAID });
  await step(w, 'issuance', 'printing');
  await w.check('issuance-7-printing');
  await w.fake((f) => f.release('issuance.print'));
  await step(w, 'issuance', 'completed');
  await w.check('issuance-8-done');
  await w.tap('iss-menu');
  await w.waitFor('[data-screen="active"]');
  await w.fake((f, a) => (f.answers['issuance.seller'] = a), { outcome: 'refused', refusal: { reason: 'sellerHasArrears', arrearsFen: 1_234_500 } });
  await w.tap('service-invoice-issue');
  await w.tap('iss-seller', COMPANY.name);
  await step(w, 'issuance', 'refused');
  await w.check('issuance-refused');
  await w.tap('iss-menu');
  await w.waitFor('[data-screen="active"]');
}

async function certificate(w: Walk): Promise<void> {
  await w.tap('service-tax-certificate');
  await step(w, 'certificate', 'choosePeriod');
  await w.check('certificate-1-period');
  await w.tap('cert-preset-custom');
  await step(w, 'certificate', 'customPeriod');
  await w.check('certificate-custom');
  await w.tap('cert-back');
  await step(w, 'certificate', 'choosePeriod');
  await w.tap('cert-preset-last12Months');
  await step(w, 'certificate', 'preview');
  await w.check('certificate-2-preview');
  if (w.mode === 'normal') {
    // All five records of a page in view, without scrolling (the landscape preview once cut the fifth).
    const cut = await w.page.evaluate(() => {
      const body = document.querySelector('.cert-body')?.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="cert-row"]')].filter((row) => body === undefined || row.getBoundingClientRect().bottom > body.bottom + 0.5).length;
    });
    if (cut > 0) w.findings.push({ screen: 'certificate-2-preview', problem: `${cut} record row(s) below the fold` });
  }
  await w.tap('cert-print');
  await step(w, 'certificate', 'printing');
  await w.check('certificate-3-printing');
  await w.fake((f) => f.release('certificate.print'));
  await step(w, 'certificate', 'completed');
  await w.check('certificate-4-done');
  await w.tap('cert-finish');
  await w.waitFor('[data-screen="active"]');
  await w.fake((f, a) => (f.answers['certificate.records'] = a), { outcome: 'refused', refusal: { reason: 'backendUnreachable' } });
  await w.tap('service-tax-certificate');
  await w.tap('cert-preset-thisYear');
  await step(w, 'certificate', 'refused');
  await w.check('certificate-refused');
  await w.tap('exit');
  await w.waitFor('[data-screen="attract"]');
}

const ORDER = ['normal-portrait', 'normal-landscape', 'elderly-portrait', 'elderly-landscape'];

/**
 * One image of every screen. Both modes' files run side by side: the one
 * that finishes second finds all four walks and draws the sheet (a file run
 * alone uses the other mode's last walk, still on disk).
 */
async function writeContactSheet(): Promise<void> {
  const sections: SheetSection[] = [];
  for (const name of ORDER) {
    const file = join(outDir, name, 'cells.json');
    if (existsSync(file)) sections.push(JSON.parse(readFileSync(file, 'utf8')) as SheetSection);
  }
  if (sections.length < ORDER.length) return;
  writeFileSync(join(outDir, 'contact-sheet.png'), await contactSheet(browser, sections, 'tax-kiosk: every screen, normal and elderly mode (长辈模式), portrait and landscape', join(outDir, 'contact-sheet.html')));
}

/** The suite for one mode: both orientations, every screen, then the contact sheet. */
export function describeA11y(mode: Mode): void {
  beforeAll(async () => {
    const index = join(distDir, 'index.html');
    const built = existsSync(index) ? statSync(index).mtimeMs : 0;
    if (newest(join(repo, 'renderer')) > built || newest(join(repo, 'shared')) > built) {
      execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
    }
    for (const orientation of ['portrait', 'landscape']) rmSync(join(outDir, `${mode}-${orientation}`), { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    server = await serveStatic(distDir);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    if (browser) await writeContactSheet();
    await browser?.close();
    await server?.close();
  }, 60_000);

  describe(`accessibility of every screen, ${mode} mode`, { timeout: 180_000 }, () => {
    for (const orientation of ['portrait', 'landscape'] as const) {
      it(`${orientation}: axe finds nothing serious; type, targets, contrast and Back/Exit meet the numbers`, async () => {
        const w = await open(mode, orientation);
        try {
          await visitStart(w);
          await collection(w);
          await issuance(w);
          await certificate(w);
          // The visit's end puts the mode back to the kiosk's default (normal).
          expect(await w.page.getAttribute('html', 'data-elderly')).toBe('false');
        } finally {
          w.save();
          await w.page.context().close();
        }
        expect(w.findings).toEqual([]);
      });
    }
  });
}
