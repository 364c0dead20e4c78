import { describe, expect, it } from 'vitest';
import { jobVerdict, statusFromQueue } from '../../../devices/printers/a4/a4-status';
import { isValidQueueName } from '../../../devices/printers/a4/cups-client';
import {
  parseIppResponse,
  parseJobAttributes,
  parsePrinterAttributes,
  parseRequestId,
  type CupsJob,
  type CupsQueue,
} from '../../../devices/printers/a4/ipp-attributes';
import { printerFault } from '../../../shared/domain/device-status';

// Recorded from Debian 12's ipptool 2.4.2 against cupsd 2.4.2 (`ipptool -t -v`).
const JOB_COMPLETED = `"/tmp/kiosk-ipptool-0/get-job.test":
    Get-Job-Attributes:
        attributes-charset (charset) = utf-8
        printer-uri (uri) = ipp://127.0.0.1:16631/printers/KioskPDF
        job-id (integer) = 2
        requested-attributes (1setOf keyword) = job-id,job-state,job-state-reasons,job-printer-state-message
    get-job                                                              [PASS]
        RECEIVED: 167 bytes in response
        status-code = successful-ok (successful-ok)
        attributes-charset (charset) = utf-8
        attributes-natural-language (naturalLanguage) = en
        job-state (enum) = completed
        job-state-reasons (keyword) = processing-to-stop-point
        job-printer-state-message (textWithoutLanguage) = 
`;
const JOB_NOT_FOUND = `    get-job                                                              [FAIL]
        RECEIVED: 114 bytes in response
        status-code = client-error-not-found (Job #99 does not exist.)
        attributes-charset (charset) = utf-8
        status-message (textWithoutLanguage) = Job #99 does not exist.
        EXPECTED: STATUS successful-ok (got client-error-not-found)
        status-message="Job #99 does not exist."
`;
const PRINTER_DISABLED = `        RECEIVED: 292 bytes in response
        status-code = successful-ok (successful-ok)
        printer-is-accepting-jobs (boolean) = true
        printer-state (enum) = stopped
        printer-state-message (textWithoutLanguage) = paper jam in tray 2
        printer-state-reasons (keyword) = paused
        printer-make-and-model (textWithoutLanguage) = Generic CUPS-PDF Printer (w/ options)
`;

const queue = (over: Partial<CupsQueue> = {}): CupsQueue => ({
  name: 'KioskA4',
  state: 'idle',
  reasons: [],
  message: '',
  accepting: true,
  model: 'HP LaserJet',
  ...over,
});
const job = (over: Partial<CupsJob> = {}): CupsJob => ({ id: 7, state: 'processing', reasons: [], message: '', ...over });

describe('CUPS tool output', () => {
  it('reads job-state from the response, not from the echoed request', () => {
    const response = parseIppResponse(JOB_COMPLETED);
    expect(response?.status).toBe('successful-ok');
    expect(parseJobAttributes(2, response!.attributes)).toEqual({ id: 2, state: 'completed', reasons: ['processing-to-stop-point'], message: '' });
    expect(response?.attributes.has('printer-uri')).toBe(false);
  });

  it('tells "no such job" apart from "no scheduler answered"', () => {
    expect(parseIppResponse(JOB_NOT_FOUND)?.status).toBe('client-error-not-found');
    expect(parseIppResponse('')).toBeNull();
  });

  it('reads a disabled queue with its reason', () => {
    const q = parsePrinterAttributes('KioskPDF', parseIppResponse(PRINTER_DISABLED)!.attributes);
    expect(q).toEqual({
      name: 'KioskPDF',
      state: 'stopped',
      reasons: ['paused'],
      message: 'paper jam in tray 2',
      accepting: true,
      model: 'Generic CUPS-PDF Printer (w/ options)',
    });
  });

  it('rejects an unknown job-state instead of guessing', () => {
    expect(() => parseJobAttributes(1, new Map([['job-state', 'printed']]))).toThrow();
  });

  it('parses lp request ids only for the queue it printed to', () => {
    expect(parseRequestId('request id is KioskA4-123 (1 file(s))\n', 'KioskA4')).toBe(123);
    expect(parseRequestId('request id is KioskPDF-9 (0 file(s))\n', 'KioskA4')).toBeNull();
    expect(parseRequestId('lp: Error - The printer or class does not exist.', 'KioskA4')).toBeNull();
  });

  it('accepts only queue names that cannot be read as an option or a path', () => {
    for (const ok of ['KioskA4', 'HP_LaserJet-M404', 'a4.office']) expect(isValidQueueName(ok), ok).toBe(true);
    for (const bad of ['', '-d', 'a b', '../x', 'a/b', 'q;rm', 'x'.repeat(128)]) expect(isValidQueueName(bad), bad).toBe(false);
  });
});

describe('queue status', () => {
  it('maps CUPS states and reasons to the kiosk status model', () => {
    expect(statusFromQueue('KioskA4', queue())).toEqual({
      kind: 'a4',
      device: 'online',
      paper: 'unknown',
      coverOpen: false,
      cutterError: false,
      port: 'KioskA4',
      model: 'HP LaserJet',
      detail: null,
    });
    expect(statusFromQueue('KioskA4', queue({ state: 'processing' })).device).toBe('busy');
    expect(statusFromQueue('KioskA4', null)).toMatchObject({ device: 'noDevice', detail: 'CUPS has no queue KioskA4' });
    expect(statusFromQueue('KioskA4', null, 'connection refused')).toMatchObject({ device: 'noDevice', detail: 'CUPS not reachable: connection refused' });
    expect(statusFromQueue('KioskA4', queue({ state: 'stopped', reasons: ['paused'], message: 'toner' }))).toMatchObject({
      device: 'offline',
      detail: 'queue stopped: toner',
    });
    expect(statusFromQueue('KioskA4', queue({ accepting: false }))).toMatchObject({ device: 'offline' });
    expect(statusFromQueue('KioskA4', queue({ reasons: ['offline-report'] })).device).toBe('offline');
  });

  it('turns printer-reported reasons into the faults the taxpayer message is chosen by', () => {
    const fault = (reasons: string[]) => printerFault(statusFromQueue('KioskA4', queue({ reasons })));
    expect(fault(['media-empty-error'])).toBe('paperOut');
    expect(fault(['media-needed'])).toBe('paperOut');
    expect(fault(['media-jam-error'])).toBe('jammed');
    expect(fault(['door-open-error'])).toBe('coverOpen');
    expect(fault(['toner-empty-error'])).toBe('hardwareError');
    // Low paper and warnings still print.
    expect(fault(['media-low-warning'])).toBeNull();
    expect(fault(['toner-low-report', 'cups-waiting-for-job-completed'])).toBeNull();
    expect(statusFromQueue('KioskA4', queue({ reasons: ['media-low-warning'] })).paper).toBe('low');
  });
});

describe('job verdict', () => {
  const ready = statusFromQueue('KioskA4', queue({ state: 'processing' }));
  it('only "completed" is printed', () => {
    expect(jobVerdict('KioskA4', 7, job({ state: 'completed' }), null)).toEqual({ kind: 'printed' });
    expect(jobVerdict('KioskA4', 7, job({ state: 'processing' }), ready)).toEqual({ kind: 'wait' });
    expect(jobVerdict('KioskA4', 7, job({ state: 'pending' }), ready)).toEqual({ kind: 'wait' });
  });

  it('canceled, aborted and vanished jobs fail without a cancel; held and stopped ones are canceled', () => {
    expect(jobVerdict('KioskA4', 7, job({ state: 'canceled', reasons: ['job-canceled-by-user'] }), null)).toMatchObject({
      kind: 'failed',
      cancel: false,
      outcome: { code: 'canceled', fault: null },
    });
    expect(jobVerdict('KioskA4', 7, job({ state: 'aborted', message: 'Unable to open serial port' }), null)).toMatchObject({
      kind: 'failed',
      cancel: false,
      outcome: { code: 'hardwareError', fault: 'hardwareError', detail: 'job KioskA4-7 aborted: Unable to open serial port' },
    });
    expect(jobVerdict('KioskA4', 7, null, null)).toMatchObject({
      kind: 'failed',
      cancel: false,
      outcome: { ok: false, detail: 'CUPS no longer knows job KioskA4-7' },
    });
    expect(jobVerdict('KioskA4', 7, job({ state: 'pending-held' }), null)).toMatchObject({
      kind: 'failed',
      cancel: true,
      outcome: { code: 'deviceNotReady', fault: 'offline' },
    });
    expect(jobVerdict('KioskA4', 7, job({ state: 'processing-stopped' }), null)).toMatchObject({ kind: 'failed', cancel: true, outcome: { fault: 'offline' } });
  });

  it('a printer that runs out of paper mid-job fails the job with paperOut', () => {
    const out = statusFromQueue('KioskA4', queue({ state: 'processing', reasons: ['media-empty-error'], message: 'Out of paper' }));
    expect(jobVerdict('KioskA4', 7, job(), out)).toMatchObject({ kind: 'failed', cancel: true, outcome: { code: 'deviceNotReady', fault: 'paperOut' } });
  });
});
