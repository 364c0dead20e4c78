import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeWindow } from './fake-kiosk';
import { measureScreen, type ScreenMetrics } from './a11y-measure';
import { contactSheet, type SheetSection } from './contact-sheet';
import {
  ANSWERS,
  COLLECTION,
  COMPANY,
  CREDIT_AUTHORIZED,
  CREDIT_CERT_PREVIEW,
  CREDIT_CERT_PRINTED,
  CREDIT_CONSENTED_VIEW,
  CREDIT_GRADE_D,
  CREDIT_GOOD,
  CREDIT_REVOKED,
  CREDIT_VIEW,
  PAID,
  PUBLIC_CONTENT,
  publicList,
  publicOverview,
  SHOP,
} from './host-answers';
import { IDLE, PERSON, VIEWPORTS, openApp, push as pushEvent, release, repo, settle, useRenderer, type Harness, type Orientation } from './renderer-harness';

/**
 * Accessibility of every screen of every service, in one mode (normal or
 * elderly 长辈模式), language and orientation: axe-core finds no serious or
 * critical violation, and in-page measurements meet the kiosk's numbers
 * (type size, line height, touch targets, text contrast, Back/Exit on
 * screen, the primary action in view without scrolling, no text wider than
 * its box) and the page does not jump while the devices answer (Cumulative
 * Layout Shift, as Core Web Vitals count it, under 0.1 on every screen).
 * Every screen is photographed to test-results/screens/a11y/ and all walks
 * on disk are put on one contact sheet.
 *
 * axe-core is injected once per page and run with `axe.run` (what
 * @axe-core/playwright does, minus re-injecting ~500 kB at every screen).
 * Its colour-contrast rule (the slow one) runs on the portrait walk; our
 * own contrast measurement, stricter in elderly mode (7:1), runs everywhere.
 */
const outDir = join(repo, 'test-results/screens/a11y');
type Mode = 'normal' | 'elderly';
type Lang = 'zh-CN' | 'en';

/** The kiosk's numbers (issue 8), per mode. */
const LIMITS: Record<Mode, { minFontPx: number; minTargetPx: number; minContrast: number; minLineHeight: number }> = {
  normal: { minFontPx: 24, minTargetPx: 44, minContrast: 4.5, minLineHeight: 1.3 },
  elderly: { minFontPx: 32, minTargetPx: 60, minContrast: 7, minLineHeight: 1.3 },
};
/** Core Web Vitals' "good" Cumulative Layout Shift. */
const MAX_CLS = 0.1;

const ACTIVE = (deadlineIn = 90_000) => ({
  state: 'active',
  sessionId: 'visit-1',
  person: PERSON,
  rejection: null,
  idle: { deadline: Date.now() + deadlineIn, warnMs: 15_000 },
});
const pad = (n: number) => String(n).padStart(2, '0');
const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Records every layout shift from the first paint on (runs in the page before
 * its scripts). Shifts within 500 ms of a tap are the person's doing and do
 * not count, as in CLS; the walk reads the rest screen by screen. On a loaded
 * machine the frame a tap causes can come later than 500 ms, so the walk also
 * forgives shifts from a tap until that frame is drawn (Walk.tap).
 */
function recordLayoutShifts(): void {
  type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
  const shifts: { value: number; what: string; at: number }[] = [];
  (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Shift[]) {
      if (entry.hadRecentInput) continue;
      const node = entry.sources?.map((s) => s.node).find((n): n is Element => n instanceof Element);
      const what = node ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} "${(node.textContent ?? '').trim().slice(0, 24)}"` : '?';
      shifts.push({ value: entry.value, what, at: entry.startTime });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

interface Finding {
  screen: string;
  problem: string;
}

/** One walk's name: its folder under test-results/screens/a11y and its contact-sheet section. */
const walkName = (lang: Lang, mode: Mode, orientation: Orientation) => `${lang === 'en' ? 'en-' : ''}${mode}-${orientation}`;

/** Walks one language × mode × orientation through every screen, checking each. */
class Walk {
  readonly findings: Finding[] = [];
  readonly metrics: Record<string, ScreenMetrics & { cls: number }> = {};
  readonly timings: Record<string, number[]> = {};
  private n = 0;
  private shiftsSeen = 0;
  private readonly dir: string;
  private readonly section: SheetSection;

  constructor(
    readonly page: Page,
    readonly lang: Lang,
    readonly mode: Mode,
    readonly orientation: Orientation,
  ) {
    this.dir = join(outDir, walkName(lang, mode, orientation));
    mkdirSync(this.dir, { recursive: true });
    this.section = { title: `${lang === 'en' ? 'English · ' : ''}${mode} · ${orientation}`, portrait: orientation === 'portrait', cells: [] };
  }

  /** Findings, timings and measurements for the report; the cells for the contact sheet. */
  save(): void {
    writeFileSync(join(this.dir, 'metrics.json'), JSON.stringify({ findings: this.findings, timings: this.timings, metrics: this.metrics }, null, 2));
    writeFileSync(join(this.dir, 'cells.json'), JSON.stringify(this.section));
  }

  /** Page times [from, to] from a tap until the frame showing its result was drawn: shifts in them are the tap's. */
  private readonly tapSpans: [number, number][] = [];

  /**
   * Taps a control as a person would. With `until`, waits for what the tap
   * shows (a selector) and the frame after it: the shifts up to then are the
   * tap's doing, however long a loaded machine took to draw them.
   */
  async tap(testId: string, hasText?: string, until?: string): Promise<void> {
    const locator = this.page.locator(`[data-testid="${testId}"]`, hasText === undefined ? {} : { hasText });
    const from = await this.page.evaluate(() => performance.now());
    await locator.first().click();
    if (until === undefined) return;
    await this.page.waitForSelector(until);
    const to = await this.page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))),
    );
    this.tapSpans.push([from, to]);
  }

  async waitFor(selector: string): Promise<void> {
    await this.page.waitForSelector(selector);
  }

  async fake(fn: (f: FakeWindow['__fake'], arg: unknown) => void, arg?: unknown): Promise<void> {
    await this.page.evaluate(({ source, a }) => new Function('f', 'a', `(${source})(f, a)`)((window as unknown as FakeWindow).__fake, a), {
      source: fn.toString(),
      a: arg,
    });
  }

  /** The layout shifts (not caused by a tap) since the last screen checked: what this screen's arrival and stay cost. */
  private async layoutShift(name: string): Promise<number> {
    let shifts = await this.page.evaluate(
      (from) => (window as unknown as { __shifts: { value: number; what: string; at: number }[] }).__shifts.slice(from),
      this.shiftsSeen,
    );
    this.shiftsSeen += shifts.length;
    const byTap = (at: number) => this.tapSpans.some(([from, to]) => at >= from && at <= to);
    shifts = shifts.filter((s) => !byTap(s.at));
    const cls = shifts.reduce((sum, s) => sum + s.value, 0);
    if (cls >= MAX_CLS)
      this.findings.push({
        screen: name,
        problem: `layout shift ${cls.toFixed(3)} ≥ ${MAX_CLS}: ${[...new Set(shifts.map((s) => s.what))].slice(0, 3).join('; ')}`,
      });
    return cls;
  }

  /** Photographs the screen, runs axe and measures it. */
  async check(name: string): Promise<void> {
    const { page } = this;
    const t0 = Date.now();
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    const cls = await this.layoutShift(name);
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
          {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            rules: { 'color-contrast': { enabled: contrast } },
            resultTypes: ['violations'],
          },
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
    this.metrics[name] = { ...m, cls };
    const limit = LIMITS[this.mode];
    if (m.minFontPx < limit.minFontPx) this.findings.push({ screen: name, problem: `text ${m.minFontPx}px < ${limit.minFontPx}px: ${m.minFontText}` });
    if (m.minTargetPx < limit.minTargetPx)
      this.findings.push({ screen: name, problem: `target ${m.minTargetPx.toFixed(0)}px < ${limit.minTargetPx}px: ${m.minTargetWhat}` });
    if (m.minContrast < limit.minContrast)
      this.findings.push({ screen: name, problem: `contrast ${m.minContrast.toFixed(2)} < ${limit.minContrast}: ${m.minContrastText}` });
    // Rounding: 1.3 × 46 px is 59.8 px, which the browser may resolve to 59.79.
    if (m.minLineHeight < limit.minLineHeight - 0.005)
      this.findings.push({ screen: name, problem: `line height ${m.minLineHeight.toFixed(2)} < ${limit.minLineHeight}: ${m.minLineHeightText}` });
    for (const what of m.offscreen) this.findings.push({ screen: name, problem: `off screen: ${what}` });
    for (const what of m.primaryCut) this.findings.push({ screen: name, problem: `primary action not in view without scrolling: ${what}` });
    for (const what of m.overflow) this.findings.push({ screen: name, problem: `text overflows: ${what}` });
    for (const what of m.hidden) this.findings.push({ screen: name, problem: `hidden: ${what}` });
    for (const what of m.brokenWords) this.findings.push({ screen: name, problem: `broken words: ${what}` });
  }
}

async function open(h: Harness, lang: Lang, mode: Mode, orientation: Orientation): Promise<Walk> {
  const page = await openApp(
    h,
    VIEWPORTS[orientation],
    {
      answers: {
        ...ANSWERS,
        'credit.view': CREDIT_VIEW,
        'credit.authorize': CREDIT_AUTHORIZED,
        'credit.revoke': CREDIT_REVOKED,
        'credit.certificatePreview': CREDIT_CERT_PREVIEW,
        'credit.certificatePrint': CREDIT_CERT_PRINTED,
        'public.overview': publicOverview(),
        'public.list': publicList('guides'),
      },
      collection: COLLECTION,
      held: ['issuance.print', 'certificate.print'],
    },
    // Chinese is the kiosk's default: the English walk switches, as a visitor would.
    { holdDevices: true },
    recordLayoutShifts,
  );
  await page.evaluate(axeSource);
  return new Walk(page, lang, mode, orientation);
}

const push = (w: Walk, name: string, payload: unknown) => pushEvent(w.page, name, payload);
const step = (w: Walk, screen: string, name: string) => w.waitFor(`[data-screen="${screen}"][data-step="${name}"]`);

/** The person's choices on the attract screen: 长辈模式 and the language, as a visitor would tap them. */
async function choose(w: Walk): Promise<void> {
  if (w.mode === 'elderly') await w.tap('elderly-switch', undefined, 'html[data-elderly="true"]');
  if (w.lang === 'en') await w.tap('lang-switch', undefined, 'html[lang="en"]');
}

async function visitStart(w: Walk): Promise<void> {
  // The kiosk starts with its devices still being checked; they answer while the attract screen is up.
  await settle(w.page);
  await release(w.page, 'devices.status');
  await w.waitFor('[data-testid="reader-status"].is-ok');
  await choose(w);
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
  await choose(w);
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
  // A 取票码 names taxpayer, type and count on one screen before anything comes out (确认 / 返回).
  await keys(w, '80000001');
  await w.tap('coll-pickup-submit');
  await step(w, 'collection', 'pickupConfirm');
  await w.check('collection-pickup-confirm');
  await w.tap('coll-pickup-return');
  await step(w, 'collection', 'pickup');
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
  await w.fake((f, a) => Object.assign(f.collection, a), {
    taxpayers: { outcome: 'ok', taxpayers: [SHOP] },
    options: { outcome: 'refused', refusal: { reason: 'arrears', arrearsFen: 123_456 } },
  });
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
  await w.page
    .locator('[data-testid="osk-candidate"]', { hasText: /^张三$/ })
    .first()
    .click();
  await w.tap('osk-done');
  await w.check('issuance-2-buyer');
  await w.tap('iss-next');
  await step(w, 'issuance', 'lines');
  await w.tap('iss-add-line');
  await step(w, 'issuance', 'line');
  await keys(w, 'zixun');
  await w.page
    .locator('[data-testid="osk-candidate"]', { hasText: /^咨询$/ })
    .first()
    .click();
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
      return [...document.querySelectorAll('[data-testid="cert-row"]')].filter(
        (row) => body === undefined || row.getBoundingClientRect().bottom > body.bottom + 0.5,
      ).length;
    });
    if (cut > 0) w.findings.push({ screen: 'certificate-2-preview', problem: `${cut} record row(s) below the fold` });
  }
  await w.tap('cert-print');
  // How the ID number is printed: asked over the preview.
  await w.page.waitForSelector('[data-testid="cert-id-question"]');
  await w.check('certificate-2-id-question');
  await w.tap('cert-id-full');
  await step(w, 'certificate', 'printing');
  await w.check('certificate-3-printing');
  // The printer's progress moves the line on: no shift while it does.
  await push(w, 'certificate.progress', { step: 'printing' });
  await w.check('certificate-3-printing-a4');
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

/** 纳税信用 / 银税互动: the grades, the consent in plain words, the bank's reference, the withdrawal. */
async function credit(w: Walk): Promise<void> {
  // A new visit (the certificate walk ended with 退出), in the mode and language the person chose for 公开信息.
  await push(w, 'session.changed', { ...IDLE, state: 'reading', sessionId: 'visit-3' });
  await push(w, 'session.changed', { ...ACTIVE(), sessionId: 'visit-3' });
  await w.waitFor('[data-screen="active"]');
  await w.tap('service-tax-credit');
  await step(w, 'credit', 'view');
  await w.check('credit-1-view');
  await w.tap(`credit-authorize-${CREDIT_GOOD}`);
  await step(w, 'credit', 'consent');
  await w.check('credit-2-consent');
  await w.tap('credit-accept');
  await step(w, 'credit', 'authorized');
  await w.check('credit-3-authorized');
  await w.fake((f, a) => (f.answers['credit.view'] = a), CREDIT_CONSENTED_VIEW);
  await w.tap('credit-again');
  await step(w, 'credit', 'view');
  await w.waitFor(`[data-testid="credit-revoke-${CREDIT_GOOD}"]`);
  await w.check('credit-4-view-consented');
  await w.tap(`credit-revoke-${CREDIT_GOOD}`);
  await step(w, 'credit', 'revoked');
  await w.check('credit-5-revoked');
  // 纳税信用等级证明: the preview in its parts, then the printed result with its verification code.
  await w.tap('credit-again');
  await step(w, 'credit', 'view');
  await w.tap(`credit-certificate-${CREDIT_GRADE_D}`);
  await step(w, 'credit', 'certPreview');
  await w.check('credit-6-certificate-preview');
  await w.tap('credit-cert-next');
  await w.check('credit-6-certificate-preview-2');
  await w.tap('credit-cert-print');
  await step(w, 'credit', 'certPrinted');
  await w.check('credit-7-certificate-printed');
  await w.tap('credit-menu');
  await w.waitFor('[data-screen="active"]');
  await w.tap('exit');
  await w.waitFor('[data-screen="attract"]');
}

/** 公开信息, with no card: the sections, a page and an item of each kind, a power's flow chart, a search on the keyboard. */
async function publicInfo(w: Walk): Promise<void> {
  await choose(w);
  await w.tap('public-entry', undefined, '[data-screen="public"][data-step="home"] [data-testid="public-section-quotas"]');
  await w.check('public-1-home');
  for (const section of ['guides', 'powers', 'arrears', 'quotas'] as const) {
    await w.fake((f, a) => (f.answers['public.list'] = a), publicList(section));
    await w.tap(`public-section-${section}`, undefined, `[data-screen="public"][data-step="list-${section}"] [data-testid="public-row"]`);
    await w.check(`public-${section}-list`);
    await w.page.locator('[data-testid="public-row"]').first().click();
    await w.waitFor(`[data-screen="public"][data-step="detail-${section}"] [data-testid="public-detail"]`);
    await w.check(`public-${section}-item`);
    await w.tap('public-back', undefined, `[data-step="list-${section}"]`);
    if (section === 'arrears') {
      await w.tap('public-search', undefined, '[data-testid="osk"]');
      await keys(w, 'shangmao');
      await w.page.locator('[data-testid="osk-candidate"]', { hasText: '商贸' }).first().click();
      await w.check('public-arrears-search-keyboard');
      const found = PUBLIC_CONTENT.arrears.entries.filter((e) => e.taxpayerName.includes('商贸'));
      await w.fake((f, a) => (f.answers['public.search'] = a), publicList('arrears', found));
      await w.tap('osk-done', undefined, '[data-testid="public-search-summary"]');
      await w.check('public-arrears-search-results');
    }
    await w.tap('public-back', undefined, '[data-screen="public"][data-step="home"]');
  }
  await w.tap('public-close', undefined, '[data-screen="attract"]');
}

const ORDER = [
  'normal-portrait',
  'normal-landscape',
  'elderly-portrait',
  'elderly-landscape',
  'en-normal-portrait',
  'en-elderly-portrait',
  'en-normal-landscape',
  'en-elderly-landscape',
];

/**
 * One image of every screen, from every walk on disk. The a11y files run side
 * by side: each draws the sheet when it ends, and the last one to end draws it
 * with all of them (a file run alone uses the others' last walks, still on disk).
 */
async function writeContactSheet(h: Harness): Promise<void> {
  const sections: SheetSection[] = [];
  for (const name of ORDER) {
    const file = join(outDir, name, 'cells.json');
    if (existsSync(file)) sections.push(JSON.parse(readFileSync(file, 'utf8')) as SheetSection);
  }
  if (sections.length === 0) return;
  writeFileSync(
    join(outDir, 'contact-sheet.png'),
    await contactSheet(
      h.browser,
      sections,
      'tax-kiosk: every screen, normal and elderly mode (长辈模式), Chinese and English, portrait and landscape',
      join(outDir, 'contact-sheet.html'),
    ),
  );
}

export interface A11yRun {
  mode: Mode;
  orientation: Orientation;
  lang?: Lang;
}

/** The suite for some walks (each a mode × orientation × language, every screen), then the contact sheet. */
export function describeA11y(title: string, runs: readonly A11yRun[]): void {
  const h = useRenderer({
    before: () => {
      for (const run of runs) rmSync(join(outDir, walkName(run.lang ?? 'zh-CN', run.mode, run.orientation)), { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
    },
    after: writeContactSheet,
  });

  describe(`accessibility of every screen, ${title}`, { timeout: 300_000 }, () => {
    for (const { mode, orientation, lang = 'zh-CN' } of runs) {
      it(`${mode}, ${orientation}${lang === 'en' ? ', English' : ''}: axe finds nothing serious; type, targets, contrast, Back/Exit, primary action, overflow and layout shift meet the numbers`, async () => {
        const w = await open(h, lang, mode, orientation);
        try {
          await visitStart(w);
          await collection(w);
          await issuance(w);
          await certificate(w);
          await publicInfo(w);
          await credit(w);
          // The visit's end puts the mode and the language back to the kiosk's defaults (normal, Chinese).
          expect(await w.page.getAttribute('html', 'data-elderly')).toBe('false');
          expect(await w.page.getAttribute('html', 'lang')).toBe('zh-CN');
        } finally {
          w.save();
          await w.page.context().close();
        }
        expect(w.findings).toEqual([]);
      });
    }
  });
}
