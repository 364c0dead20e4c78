import { describe, expect, it } from 'vitest';
import { deviceLine } from '../../../renderer/src/flow/diag-words';
import { invoiceTypeByCode } from '../../../shared/i18n/terms';
import { translate, type MessageKey, type ParamsArg } from '../../../shared/i18n';

const zh = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => translate('zh-CN', key, ...args);
const en = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => translate('en', key, ...args);
const ASCII_WORD = /[A-Za-z]{3,}/;

describe('diagnostics in the screen language (issue 15: "online · notPresent · not started" in Chinese mode)', () => {
  it('a device line is said in Chinese: device state, media state and the not-started detail', () => {
    const line = deviceLine(zh, { device: 'online', media: 'notPresent', detail: 'not started' });
    expect(line).not.toMatch(ASCII_WORD);
    expect(line).toBe('在线 · 无卡 · 未启动');
    expect(deviceLine(en, { device: 'online', media: 'notPresent', detail: 'not started' })).toBe('Online · No card · Not started');
  });

  it('every device and media state the host reports has its words', () => {
    for (const device of ['online', 'offline', 'noDevice', 'hardwareError', 'userError', 'busy']) {
      for (const media of [
        'present',
        'notPresent',
        'jammed',
        'unknown',
        'paper full',
        'paper low',
        'paper out',
        'paper jammed',
        'paper unknown, cover open, cutter error',
      ]) {
        expect(deviceLine(zh, { device, media, detail: null }), `${device} ${media}`).not.toMatch(ASCII_WORD);
      }
    }
  });

  it('an invoice type code is named, not shown raw', () => {
    expect(invoiceTypeByCode('zh-CN', 'ordinary-paper-10', zh)).toBe('增值税普通发票（100,000元版）');
    expect(invoiceTypeByCode('en', 'special-paper-1', en)).toBe('VAT special invoice (up to 10,000 yuan each)');
    // A code of another shape is shown as it came (better than hidden).
    expect(invoiceTypeByCode('zh-CN', 'X1', zh)).toBe('X1');
  });
});
