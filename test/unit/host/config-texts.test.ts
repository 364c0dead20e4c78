import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TextsSection, TimeoutsSection } from '../../../shared/config/config-bundle';
import { translate } from '../../../shared/i18n';
import { ActiveConfig } from '../../../electron/host/config/active-config';
import { openDatabase } from '../../../electron/host/db/database';
import { loadLocalConfig } from '../../../electron/host/local-config';
import { collectionReceipt } from '../../../electron/host/services/collection-receipt';
import { certificateReceipt } from '../../../electron/host/services/iit-certificate-receipt';
import { renderIitCertificate } from '../../../electron/host/documents/iit-certificate';
import { SessionService } from '../../../electron/host/session/session-service';
import { pdfText } from '../../support/pdf-tools';
import { sampleInput } from '../documents/iit-certificate-sample';
import { bundle, kioskctl, makeKey, makeKioskDir, tempDir, writeSigned } from './config-fixtures';
import { silentLogger } from '../../../electron/host/logger';
import type { CardChecks, IdCard } from '../../../shared/domain/idcard';

/**
 * A bundle's `texts` and elderly-mode settings in the host: the text lookup
 * of what the host prints (receipts, the certificate PDF) takes the
 * overrides, the schema keeps them plain, and the elderly timeout and default
 * reach the visits with no restart.
 */
const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

const OVERRIDES = {
  'zh-CN': {
    'attract.prompt': '请把身份证放在右下方的读卡区',
    'receipt.collection.title': '发票领用凭条（试点）',
    'receipt.collection.quantityValue': '共{count}份',
    'certificate.title': '个人所得税纳税记录',
  },
  en: { 'receipt.collection.title': 'Invoice pickup slip' },
} as const;

const CARD: IdCard = {
  cardType: 'resident',
  name: '张三丰',
  sex: 'male',
  nation: { code: '01', name: '汉' },
  birthDate: '1949-12-31',
  address: '北京市东城区某某路1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局东城分局',
  validFrom: '2020-01-01',
  validTo: null,
};
const OK_CHECKS: CardChecks = { checkCharacter: 'pass', birthDateMatchesNumber: 'pass', notExpired: 'pass' };

function collectionData(texts?: TextsSection) {
  return {
    lang: 'zh-CN' as const,
    texts,
    taxpayerName: '东城区示例便利店',
    invoiceTypeName: '增值税普通发票',
    code: '011002300111',
    first: '00000001',
    last: '00000003',
    quantity: 3,
    at: new Date('2025-03-01T02:00:00Z'),
    kioskId: 'KIOSK-T-0001',
    transactionId: 'T-1',
  };
}

const receiptText = (lines: ReturnType<typeof collectionReceipt>['lines']) =>
  lines.map((l) => (l.type === 'text' ? l.text : l.type === 'pair' ? `${l.label} ${l.value}` : '')).join('\n');

/** Applies a signed bundle with kioskctl and opens the host's view of the config, as a running host holds it. */
async function kioskWithBundle(payload: Record<string, unknown>): Promise<{ active: ActiveConfig; dataDir: string; close: () => void }> {
  const dir = tempDir('kiosk-config-texts-');
  roots.push(dir);
  const key = makeKey(path.join(dir, 'admin'));
  const dataDir = makeKioskDir(dir, [key]);
  const db = openDatabase(dataDir);
  const active = new ActiveConfig(db, loadLocalConfig(dataDir));
  const file = writeSigned(path.join(dir, 'signed.json'), bundle({ version: 5, payload: payload as never }), key);
  const applied = await kioskctl('config', 'apply', file, '--json', '--data-dir', dataDir);
  expect(applied.code, applied.out.join('\n') + applied.err.join('\n')).toBe(0);
  return { active, dataDir, close: () => db.close() };
}

describe('text overrides from a config bundle', () => {
  it('are laid over the catalogues by the host lookup and on the receipts, once applied, without a restart', async () => {
    const { active, close } = await kioskWithBundle({ texts: OVERRIDES });
    try {
      // Before the host notices the apply: the catalogues.
      expect(active.text('zh-CN', 'attract.prompt')).toBe(translate('zh-CN', 'attract.prompt'));
      expect(active.refresh()).toBe(true);
      expect(active.text('zh-CN', 'attract.prompt')).toBe('请把身份证放在右下方的读卡区');
      expect(active.text('en', 'receipt.collection.title')).toBe('Invoice pickup slip');
      // A key or a language the bundle does not override keeps the catalogue's text.
      expect(active.text('en', 'attract.prompt')).toBe(translate('en', 'attract.prompt'));
      expect(active.text('zh-CN', 'receipt.collection.quantityValue', { count: 3 })).toBe('共3份');
      expect(active.view().texts).toEqual(OVERRIDES);

      const receipt = collectionReceipt(collectionData(active.current().texts));
      expect(receipt.lines[0]).toMatchObject({ type: 'text', text: '发票领用凭条（试点）' });
      expect(receiptText(receipt.lines)).toContain('领用数量 共3份');
      // The same receipt without overrides: the catalogue (the override is not baked in anywhere).
      expect(collectionReceipt(collectionData()).lines[0]).toMatchObject({ type: 'text', text: translate('zh-CN', 'receipt.collection.title') });
    } finally {
      close();
    }
  });

  it('reach the certificate receipt and the certificate PDF', async () => {
    const texts = TextsSection.parse(OVERRIDES);
    const receipt = certificateReceipt({
      lang: 'zh-CN',
      texts: TextsSection.parse({ 'zh-CN': { 'receipt.certificate.title': '纳税记录打印凭条', 'certificate.month': '{year}年第{month}月' } }),
      name: '张三',
      idNumber: '11010519491231002X',
      from: '2024-01',
      to: '2024-12',
      recordCount: 12,
      totalFen: 120_000,
      pages: 1,
      verificationCode: '1234 5678 9012 3456',
      at: new Date('2025-03-01T02:00:00Z'),
      kioskId: 'KIOSK-T-0001',
      transactionId: 'T-2',
    });
    const text = receiptText(receipt.lines);
    expect(text).toContain('纳税记录打印凭条');
    expect(text).toContain('2024年第01月');

    const dir = tempDir('kiosk-config-pdf-');
    roots.push(dir);
    const file = path.join(dir, 'certificate.pdf');
    fs.writeFileSync(file, await renderIitCertificate({ ...sampleInput(), texts }));
    const pdf = pdfText(file).replace(/\s+/g, '');
    expect(pdf).toContain('个人所得税纳税记录');
    expect(pdf).not.toContain(translate('zh-CN', 'certificate.title'));
  });

  it('applied by an older app are kept where this catalogue still accepts them, and left out one by one where not', async () => {
    const { active, dataDir, close } = await kioskWithBundle({ texts: OVERRIDES });
    // What an older app could have stored: a key this catalogue has dropped and a placeholder it no longer has.
    const older = openDatabase(dataDir);
    try {
      const texts = { 'zh-CN': { 'attract.prompt': '请刷身份证', 'gone.key': '旧文字', 'receipt.collection.quantityValue': '共{total}份' } };
      older
        .prepare(
          `INSERT INTO config_applied (version, bundle_hash, key_id, issued_at, expires_at, target, payload, source, applied_at, applied_by)
                  VALUES (6, ?, 'old', '2025-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '{"all":true}', ?, 'file', '2025-01-01T00:00:00Z', 'test')`,
        )
        .run('a'.repeat(64), JSON.stringify({ texts }));
      expect(active.refresh()).toBe(true);
      expect(active.text('zh-CN', 'attract.prompt')).toBe('请刷身份证');
      expect(active.text('zh-CN', 'receipt.collection.quantityValue', { count: 3 })).toBe(translate('zh-CN', 'receipt.collection.quantityValue', { count: 3 }));
      expect(active.view().texts).toEqual({ 'zh-CN': { 'attract.prompt': '请刷身份证' } });
    } finally {
      older.close();
      close();
    }
  });

  it('are plain text for known keys only: markup, control bytes and unknown placeholders are refused', () => {
    const refused = (texts: unknown) => {
      const r = TextsSection.safeParse(texts);
      expect(r.success).toBe(false);
      return r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') ?? '';
    };
    expect(refused({ 'zh-CN': { 'attract.prompt': '<b>请刷卡</b>' } })).toMatch(/attract\.prompt: no markup/);
    expect(refused({ en: { 'receipt.collection.title': 'Receipt\u001b@' } })).toMatch(/no control characters/);
    expect(refused({ 'zh-CN': { 'receipt.collection.quantityValue': '共{total}份' } })).toMatch(/\{total\} is not in the catalogue's text/);
    expect(refused({ en: { 'no.such.key': 'x' } })).toMatch(/not a message key/);
    expect(refused({ en: { 'attract.prompt': 'x'.repeat(2001) } })).toMatch(/attract\.prompt/);
    expect(refused({ fr: { 'attract.prompt': 'Bonjour' } })).not.toBe('');
    expect(TextsSection.safeParse(OVERRIDES).success).toBe(true);
  });
});

describe('elderly-mode settings from a config bundle', () => {
  it('are in the bundle schema with the bounds of kiosk.json', () => {
    expect(TimeoutsSection.safeParse({ elderlyIdleTimeoutMs: 240_000, elderlyByDefault: true }).success).toBe(true);
    expect(TimeoutsSection.safeParse({ elderlyIdleTimeoutMs: 999 }).success).toBe(false);
    expect(TimeoutsSection.safeParse({ elderlyByDefault: 'yes' }).success).toBe(false);
  });

  it('start the next visit in elderly mode with the pushed timeout, without a restart', async () => {
    const { active, dataDir, close } = await kioskWithBundle({ timeouts: { elderlyIdleTimeoutMs: 240_000, elderlyByDefault: true } });
    let now = 1_000_000;
    const session = new SessionService({ config: () => active.timeouts(), log: silentLogger(), onChange: () => undefined, now: () => now });
    try {
      expect(active.view().elderlyDefault).toBe(false);
      expect(active.refresh()).toBe(true);
      expect(active.timeouts()).toMatchObject({ elderlyIdleTimeoutMs: 240_000, elderlyByDefault: true, idleTimeoutMs: 90_000 });
      expect(active.view().elderlyDefault).toBe(true);

      session.handleCardEvent({ type: 'cardRead', card: CARD, checks: OK_CHECKS });
      const view = session.view();
      expect(view.state).toBe('active');
      expect(view.idle?.deadline).toBe(now + 240_000);
      now += 1000;
      // Out of elderly mode the visit goes back to the normal timeout.
      expect(session.setElderly(false).idle?.deadline).toBe(now + 90_000);

      const shown = await kioskctl('config', 'show', '--data-dir', dataDir);
      expect(shown.out.join('\n')).toMatch(/elderly idle 240000 ms \(every visit starts in elderly mode\)/);
    } finally {
      session.dispose();
      close();
    }
  });
});
