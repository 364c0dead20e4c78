import { describe, expect, it } from 'vitest';
import type { PrinterKind, PrinterStatus } from '../../../shared/domain/device-status';
import { createKioskStore } from '../../../renderer/src/store';
import { selectAvailability, selectServiceAvailability } from '../../../renderer/src/store/selectors';
import { printerCondition, printerConditionKey, printerFaultKey, printerNotice, printerPills, serviceHold } from '../../../renderer/src/flow/printers';
import { translate } from '../../../shared/i18n';
import { PrinterFault } from '../../../shared/domain/device-status';
import type { Printers } from '../../../renderer/src/store';

function printer(kind: PrinterKind, over: Partial<PrinterStatus> = {}): PrinterStatus {
  return { kind, device: 'online', paper: 'full', coverOpen: false, cutterError: false, port: null, model: null, detail: null, ...over };
}

const READY: Printers = { receipt: printer('receipt'), invoice: printer('invoice'), a4: printer('a4') };

function storeWith(printers: Printers) {
  const store = createKioskStore();
  store.getState().setPrinters(printers);
  return store;
}

describe('printer selectors', () => {
  it('every service is off while the printers are not known yet', () => {
    const state = createKioskStore().getState();
    expect(state.printers).toEqual({ receipt: null, invoice: null, a4: null });
    for (const service of ['invoiceCollection', 'invoiceIssue', 'iitCertificate'] as const) {
      expect(selectServiceAvailability(service)(state).available).toBe(false);
    }
  });

  it('all ready: every service is on', () => {
    const state = storeWith(READY).getState();
    expect(selectAvailability(state)).toEqual({
      invoiceCollection: { available: true },
      invoiceIssue: { available: true },
      iitCertificate: { available: true },
    });
  });

  it('invoice printer out of paper turns off the two invoice services, not the certificate', () => {
    const state = storeWith({ ...READY, invoice: printer('invoice', { paper: 'out' }) }).getState();
    expect(selectServiceAvailability('invoiceCollection')(state)).toEqual({ available: false, printer: 'invoice', fault: 'paperOut' });
    expect(selectServiceAvailability('invoiceIssue')(state)).toEqual({ available: false, printer: 'invoice', fault: 'paperOut' });
    expect(selectServiceAvailability('iitCertificate')(state)).toEqual({ available: true });
  });

  it('receipt printer out of paper turns off every service (each ends with a receipt)', () => {
    const state = storeWith({ ...READY, receipt: printer('receipt', { paper: 'out' }) }).getState();
    for (const availability of Object.values(selectAvailability(state))) {
      expect(availability).toEqual({ available: false, printer: 'receipt', fault: 'paperOut' });
    }
  });

  it('A4 printer offline turns off only the certificate; paper low turns off nothing', () => {
    const store = storeWith({ ...READY, a4: printer('a4', { device: 'offline' }) });
    expect(selectServiceAvailability('iitCertificate')(store.getState())).toEqual({ available: false, printer: 'a4', fault: 'offline' });
    expect(selectServiceAvailability('invoiceIssue')(store.getState()).available).toBe(true);
    store.getState().setPrinter(printer('a4', { paper: 'low' }));
    expect(selectServiceAvailability('iitCertificate')(store.getState()).available).toBe(true);
  });

  it('answers stay the same object while the printers do not change (no render loop in useStore)', () => {
    const store = storeWith(READY);
    const first = selectAvailability(store.getState());
    store.getState().setLang('en');
    expect(selectAvailability(store.getState())).toBe(first);
    expect(selectServiceAvailability('invoiceIssue')(store.getState())).toBe(first.invoiceIssue);
    store.getState().setPrinter(printer('receipt', { coverOpen: true }));
    expect(selectAvailability(store.getState())).not.toBe(first);
  });

  it('a device.printer event replaces only its own printer; reset() keeps the printers', () => {
    const store = storeWith(READY);
    store.getState().setPrinter(printer('invoice', { paper: 'jammed' }));
    expect(store.getState().printers.invoice?.paper).toBe('jammed');
    expect(store.getState().printers.receipt).toBe(READY.receipt);
    store.getState().reset();
    expect(store.getState().printers.invoice?.paper).toBe('jammed');
  });
});

describe('printer words', () => {
  it('status bar: ready printers fold into one pill, each other printer in words', () => {
    expect(printerPills({ receipt: null, invoice: null, a4: null })).toEqual([{ kind: 'allUnknown' }]);
    expect(printerPills(READY)).toEqual([{ kind: 'allReady' }]);
    expect(printerPills({ ...READY, receipt: printer('receipt', { paper: 'out' }) })).toEqual([
      { kind: 'printer', printer: 'receipt', condition: 'paperOut' },
      { kind: 'othersReady' },
    ]);
    expect(printerPills({ receipt: printer('receipt', { paper: 'low' }), invoice: printer('invoice', { device: 'noDevice' }), a4: null })).toEqual([
      { kind: 'printer', printer: 'receipt', condition: 'paperLow' },
      { kind: 'printer', printer: 'invoice', condition: 'noDevice' },
      { kind: 'printer', printer: 'a4', condition: 'unknown' },
    ]);
  });

  it('every condition and fault has words in both languages', () => {
    for (const fault of PrinterFault.options) {
      expect(translate('zh-CN', printerFaultKey(fault), { printer: '凭条打印机' })).toMatch(/^凭条打印机/);
      expect(translate('en', printerFaultKey(fault), { printer: 'receipt printer' })).toMatch(/^The receipt printer /);
      expect(translate('en', printerConditionKey(fault))).not.toBe('');
    }
    expect(translate('zh-CN', printerConditionKey(printerCondition(printer('a4', { coverOpen: true }))))).toBe('机盖未关');
    expect(printerCondition(null)).toBe('unknown');
  });

  it('the notice names each faulty printer with the services it pauses, then what still works', () => {
    const printers: Printers = { ...READY, invoice: printer('invoice', { paper: 'out' }) };
    const availability = selectAvailability(storeWith(printers).getState());
    expect(printerNotice(READY, selectAvailability(storeWith(READY).getState()))).toBeNull();
    expect(printerNotice(printers, availability)).toEqual({
      faults: [{ printer: 'invoice', fault: 'paperOut', services: ['invoiceCollection', 'invoiceIssue'] }],
      available: ['iitCertificate'],
    });
  });

  it('an unknown printer is "checking", never "not connected"; it makes no attract notice', () => {
    const printers: Printers = { receipt: printer('receipt'), invoice: null, a4: printer('a4') };
    const availability = selectAvailability(storeWith(printers).getState());
    expect(serviceHold(availability.invoiceCollection, printers)).toEqual({ kind: 'checking' });
    expect(serviceHold(availability.iitCertificate, printers)).toEqual({ kind: 'open' });
    expect(printerNotice(printers, availability)).toBeNull();
  });
});
