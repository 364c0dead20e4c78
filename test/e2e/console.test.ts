import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import amqp, { type ChannelModel } from 'amqplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../backend/console/console';
import { rolloutExtension } from '../../backend/console/rollouts/rollout-extension';
import { FleetSimulation } from '../../electron/kioskctl/fleet-sim/sim-runner';
import { launchChromium } from '../support/browser';
import { startBroker, type Broker } from '../support/rabbitmq';
import { signedBundle } from '../unit/console/rollouts/bundle-fixtures';

/**
 * The fleet console as an administrator uses it, in Debian's Chromium: a
 * simulated fleet of 60 kiosks (kioskctl fleet simulate's engine) on a real
 * RabbitMQ, the console with its rollout module, and the page. Log in, read
 * the overview and one kiosk, acknowledge an alert as an operator, run a
 * rollout to every kiosk in two waves, and watch one whose canary refuses
 * halt by itself at wave 1. Each page is photographed to
 * test-results/screens/console/, and the Chinese title is read back by OCR
 * (the bundled font draws it; a fresh machine has no CJK system font).
 */
const repo = path.resolve(__dirname, '../..');
const shots = path.join(repo, 'test-results/screens/console');
const KIOSKS = 60;
const REFUSER = 'KIOSK-0002';
const ADMIN = { name: 'admin', password: 'correct horse battery' };
const OPERATOR = { name: 'duty-operator', password: 'another long password' };

let broker: Broker;
let model: ChannelModel;
let simulation: FleetSimulation;
let running: RunningConsole;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  broker = await startBroker('console-e2e');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-'));
  // The console holds the public key only.
  const keysDir = path.join(dataDir, 'keys', 'config');
  fs.mkdirSync(keysDir, { recursive: true });
  fs.copyFileSync(path.join(repo, 'test/fixtures/bundles/test-only-signing.pub.pem'), path.join(keysDir, 'test-only-signing.pub.pem'));
  running = await startConsole({
    amqpUrl: broker.url,
    dataDir,
    port: 0,
    sweepMs: 1000,
    pageDir: path.join(repo, 'dist/console-page'),
    extensions: [rolloutExtension({ amqpUrl: broker.url, keysDir, tickMs: 500 })],
  });
  await running.auth.addUser(ADMIN.name, 'admin', ADMIN.password);
  await running.auth.addUser(OPERATOR.name, 'operator', OPERATOR.password);

  model = await amqp.connect(broker.url);
  simulation = new FleetSimulation({
    kiosks: KIOSKS,
    branches: 3,
    seed: 17,
    intervalMs: 1000,
    faultRate: 0.05,
    refuse: new Set([REFUSER]),
    appVersion: '0.1.0',
  });
  await simulation.start(model, () => undefined);
  await until(() => running.fleet.kiosks.size === KIOSKS, 60_000, 'every simulated kiosk heard');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (simulation && model) await simulation.stop(model).catch(() => undefined);
  await running?.close();
  await broker?.dispose();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function until(probe: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function signIn(who: { name: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(running.url);
  await page.fill('[data-testid="login-name"]', who.name);
  await page.fill('[data-testid="login-password"]', who.password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid="health-cards"]');
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

const cardCount = async (page: Page, id: string) => Number(await page.locator(`[data-testid="${id}"] .num`).textContent());

describe('the fleet console in Chromium', { timeout: 180_000 }, () => {
  it('refuses an API call without a session or token (401), and a wrong password on the page', async () => {
    const response = await fetch(new URL('/api/summary', running.url));
    expect(response.status).toBe(401);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(running.url);
    await page.fill('[data-testid="login-name"]', ADMIN.name);
    await page.fill('[data-testid="login-password"]', 'not the password at all');
    await page.click('[data-testid="login-submit"]');
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toContain('用户名或密码不正确');
    await shot(page, '01-login-refused');
    await context.close();
  });

  it('shows the simulated fleet by health, filters it, and opens one kiosk with its devices, stock and timeline', async () => {
    const page = await signIn(ADMIN);
    await expect
      .poll(() =>
        cardCount(page, 'card-ok').then(
          async (ok) => ok + (await cardCount(page, 'card-visit')) + (await cardCount(page, 'card-down')) + (await cardCount(page, 'card-stale')),
        ),
      )
      .toBe(KIOSKS);
    await shot(page, '02-overview');
    // What a person reads is what was drawn: OCR of the Chinese title (the bundled font, not boxes).
    const title = path.join(shots, 'ocr-title.png');
    await page.locator('header h1').screenshot({ path: title });
    const { stdout } = await promisify(execFile)('tesseract', [title, 'stdout', '-l', 'chi_sim', '--psm', '7']);
    expect(stdout.replace(/\s/g, '')).toMatch(/设备监控台|自助办税终端/);

    // Only the kiosks needing a visit, each with its reasons in words.
    await page.selectOption('[data-testid="filter-state"]', 'visit');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="kiosk-table"] tbody tr')].every((tr) => tr.classList.contains('row-visit')));
    await shot(page, '03-overview-visit');

    await page.selectOption('[data-testid="filter-state"]', '');
    // Counts by branch; a tap on one lists only its kiosks.
    await page.click('[data-testid="by-branch"] summary');
    await page.locator('[data-testid="by-branch"] button', { hasText: 'BRANCH-02' }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="kiosk-table"] tbody tr')].every((tr) => tr.children[1]?.textContent === 'BRANCH-02'),
    );
    await shot(page, '03-overview-branch');
    await page.selectOption('[data-testid="filter-branch"]', '');
    await page.fill('[data-testid="filter-search"]', 'KIOSK-0001');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="kiosk-table"] tbody tr').length === 1);
    await page.click('[data-testid="kiosk-table"] tbody a');
    await page.waitForSelector('[data-testid="device-table"]');
    expect(await page.locator('[data-testid="device-table"]').textContent()).toContain('凭条打印机');
    expect(await page.locator('[data-testid="stock-table"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="timeline"] li').count()).toBeGreaterThan(0);
    await shot(page, '04-kiosk');
    // English one touch away.
    await page.click('[data-testid="lang"]');
    await expect.poll(() => page.locator('[data-testid="device-table"]').textContent()).toContain('receipt printer');
    await shot(page, '05-kiosk-en');
    await page.click('[data-testid="lang"]');
    await page.context().close();
  });

  it('an operator acknowledges an alert; who and when stay with it', async () => {
    await until(() => running.alerts.openCount() > 0, 60_000, 'an alert from the simulated faults');
    const page = await signIn(OPERATOR);
    await page.goto(`${running.url}#/alerts`);
    const ack = page.locator('[data-testid^="ack-"]').first();
    await ack.waitFor();
    const id = (await ack.getAttribute('data-testid'))?.replace('ack-', '') ?? '';
    await page.locator(`[data-testid="alert-${id}"] input`).fill('已派人处理');
    await ack.click();
    await expect.poll(() => page.locator(`[data-testid="alert-${id}"] [data-testid="acked"]`).textContent()).toContain(OPERATOR.name);
    await shot(page, '06-alert-acknowledged');
    await page.context().close();
  });

  it('a rollout in four waves (canary, half a branch, the branch, another branch) reaches every kiosk it targets; one whose canary refuses halts at wave 1 and sends nothing more', async () => {
    const page = await signIn(ADMIN);
    const bundles = fs.mkdtempSync(path.join(os.tmpdir(), 'bundles-'));
    type Wave =
      { kind: 'kiosks'; ids: string } | { kind: 'percentOfBranch'; branch: string; percent: number } | { kind: 'branch'; branch: string } | { kind: 'all' };
    const start = async (version: number, waves: Wave[]): Promise<void> => {
      const file = path.join(bundles, `config-v${version}.signed.json`);
      fs.writeFileSync(file, signedBundle(version));
      await page.goto(`${running.url}#/rollouts`);
      await page.click('[data-testid="new-rollout"] summary');
      await page.setInputFiles('[data-testid="bundle-file"]', file);
      // The form starts with two waves (a canary, then all): shape them as an administrator would.
      for (const [i, wave] of waves.entries()) {
        if (i >= (await page.locator('[data-testid^="wave-"]').count())) await page.getByRole('button', { name: '增加一批' }).click();
        const row = page.locator(`[data-testid="wave-${i}"]`);
        await row.locator('select').selectOption(wave.kind);
        if (wave.kind === 'kiosks') await row.getByLabel('终端编号，用逗号分隔').fill(wave.ids);
        if (wave.kind === 'percentOfBranch' || wave.kind === 'branch') await row.getByLabel('网点编号').fill(wave.branch);
        if (wave.kind === 'percentOfBranch') await row.getByLabel('比例（%）').fill(String(wave.percent));
      }
      await shot(page, `07-new-rollout-v${version}`);
      await page.click('[data-testid="start-rollout"]');
      await page.waitForSelector('[data-testid="rollout-state"]');
    };

    // Canary → half of branch 1 → branch 1 → branch 3 (branch 2 holds the kiosk that refuses everything).
    await start(50, [
      { kind: 'kiosks', ids: 'KIOSK-0001' },
      { kind: 'percentOfBranch', branch: 'BRANCH-01', percent: 50 },
      { kind: 'branch', branch: 'BRANCH-01' },
      { kind: 'branch', branch: 'BRANCH-03' },
    ]);
    await expect.poll(() => page.locator('[data-testid="rollout-state"]').textContent(), { timeout: 90_000 }).toBe('已完成');
    const applied = await page.locator('[data-testid="wave-table"] .count-applied').allTextContents();
    expect(applied.map(Number)).toEqual([1, 10, 9, 20]);
    await shot(page, '08-rollout-completed');
    // "Behind" is behind the rollout that targets a kiosk: branch 2 was not targeted, so it is not behind.
    await page.goto(`${running.url}#/overview`);
    await page.selectOption('[data-testid="filter-reason"]', 'configBehind');
    await page.waitForSelector('[data-testid="kiosk-table"]');
    expect(await page.locator('[data-testid="kiosk-table"] tbody tr').count()).toBe(0);

    await start(51, [{ kind: 'kiosks', ids: REFUSER }, { kind: 'all' }]);
    await expect.poll(() => page.locator('[data-testid="rollout-state"]').textContent(), { timeout: 60_000 }).toBe('已暂停');
    // The halt reason in Chinese from its codes, not the server's English (`wave 1 of 2: … refused: …`).
    const haltReason = await page.locator('[data-testid="halt-reason"]').textContent();
    expect(haltReason).toContain(`第 1 批（共 2 批）：${REFUSER} 拒绝：`);
    expect(haltReason).not.toMatch(/wave|refused/);
    // Wave 2 never started: nobody beyond the canary was sent v51.
    expect(await page.locator('[data-testid="wave-table"] tbody tr').nth(1).textContent()).toContain('未开始');
    expect(await page.locator('[data-testid="wave-table"] tbody tr').nth(1).locator('.count-applied').textContent()).toBe('0');
    await page.waitForSelector('[data-testid="target-table"]');
    // The kiosk's refusal code in words (the simulator words it as a kiosk does: `schema: …`).
    expect(await page.locator('[data-testid="target-table"]').textContent()).toContain('配置内容不符合规范');
    await shot(page, '09-rollout-halted');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid="abort"]');
    await expect.poll(() => page.locator('[data-testid="rollout-state"]').textContent()).toBe('已中止');
    await shot(page, '10-rollout-aborted');
    fs.rmSync(bundles, { recursive: true, force: true });

    // Everything a person did is in the console's own log.
    await page.goto(`${running.url}#/audit`);
    await page.waitForSelector('[data-testid="action-table"]');
    expect(await page.locator('[data-testid="action-table"]').textContent()).toMatch(/rollout/);
    await shot(page, '11-action-log');
    await page.context().close();
  });
});
