import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createA4Printer, type A4Printer, type A4PrinterOptions } from '../../devices/printers/a4/a4-printer';
import { createCupsClient } from '../../devices/printers/a4/cups-client';
import type { PrinterStatus } from '../../shared/domain/device-status';
import { renderA4TestPage } from '../../electron/host/documents/a4-test-page';
import { cupsUnavailableReason, freePort, startCupsServer, type CupsServer } from '../support/cups-server';
import { ocr, pdfText, rasterize } from '../support/pdf-tools';
import { systemDeps } from '../support/system-deps';

/**
 * The A4 driver against a real cupsd (a private one per run, see
 * test/support/cups-server.ts) with real queues:
 * - KioskPDF: cups-pdf, the job comes out as a PDF file;
 * - HeldPDF: cups-pdf whose jobs CUPS holds (job-hold-until-default=indefinite);
 * - OffA4: a network printer that is switched off (socket:// to a closed port), the job never leaves CUPS;
 * - BrokenA4: a serial printer that is not there, with error policy abort-job.
 */
// A missing CUPS fails the suite (test/support/system-deps.ts); skipped only when asked, and then listed as NOT RUN.
const deps = systemDeps('the CUPS A4 printer suite', cupsUnavailableReason());

let cups: CupsServer;
const printers: A4Printer[] = [];

beforeAll(async () => {
  if (!deps.ok) return;
  cups = await startCupsServer();
  await cups.addPdfQueue('KioskPDF');
  await cups.addPdfQueue('HeldPDF', ['job-hold-until-default=indefinite']);
  await cups.addQueue('OffA4', `socket://127.0.0.1:${await freePort()}`);
  await cups.addQueue('BrokenA4', 'serial:/dev/ttyKIOSK-NONE?baud=9600', ['printer-error-policy=abort-job']);
}, 60_000);

beforeEach((ctx) => {
  if (!deps.ok) ctx.skip(deps.note);
});

afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.stop()));
});

afterAll(async () => {
  await cups?.stop();
  // Nothing of the private scheduler may outlive the tests.
  expect(processesMentioning(cups?.root ?? 'kiosk-cups-never')).toEqual([]);
});

function printer(options: Partial<A4PrinterOptions> & { queue: string }): A4Printer {
  const p = createA4Printer({ server: cups.server, jobPollIntervalMs: 150, pollIntervalMs: 200, ...options });
  printers.push(p);
  return p;
}

async function tokenPdf(token: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(`Kiosk A4 test ${token}`, { x: 72, y: 760, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

const newToken = () => `KT${randomBytes(4).toString('hex').toUpperCase()}`;

async function jobState(queue: string, jobId: string | undefined) {
  const id = Number(jobId?.split('-').pop());
  return (await createCupsClient({ server: cups.server }).job(queue, id))?.state;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function processesMentioning(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

describe('A4 printer through a real CUPS', () => {
  it('prints: reports ok only once CUPS says completed, and the PDF comes out with its text', async () => {
    const token = newToken();
    const a4 = printer({ queue: 'KioskPDF' });
    const outcome = await a4.printPdf(await tokenPdf(token), `${token} certificate`);
    expect(outcome).toMatchObject({ ok: true, jobId: expect.stringMatching(/^KioskPDF-\d+$/) });
    expect(await jobState('KioskPDF', outcome.jobId)).toBe('completed');
    const file = await cups.waitForOutput(token);
    expect(pdfText(file)).toContain(`Kiosk A4 test ${token}`);
    expect(a4.status()).toMatchObject({ kind: 'a4', device: 'online', paper: 'unknown', port: 'KioskPDF', model: expect.stringContaining('CUPS-PDF') });
  }, 60_000);

  it('prints the technician test page; the Chinese title is on the page that came out', async () => {
    const token = newToken();
    const a4 = printer({
      queue: 'KioskPDF',
      testPage: () => renderA4TestPage({ kioskId: token, queue: 'KioskPDF', at: new Date(), lang: 'zh-CN' }),
    });
    const earlier = cups.outputs('A4_test_page');
    const outcome = await a4.printTestPage();
    expect(outcome.ok).toBe(true);
    // cups-pdf re-renders through PostScript and Ghostscript, which turns the CID font into Type 3 glyphs
    // without usable Unicode: so read the printed page as a person would, with OCR.
    const file = await cups.waitForOutput('A4_test_page', { exclude: earlier });
    // The title block at 150 dpi: 25 mm from the left, 30 mm from the top.
    const png = rasterize(file, path.resolve('test-results/pdf/cups-test-page-title.png'), 150, { x: 100, y: 150, width: 1000, height: 260 });
    expect(ocr(png, 'chi_sim')).toContain('打印测试页');
  }, 60_000);

  it('refuses a disabled queue before submitting, with the reason CUPS gives', async () => {
    await cups.tool('/usr/sbin/cupsdisable', ['-r', 'paper jam in tray 2', 'KioskPDF']);
    try {
      const a4 = printer({ queue: 'KioskPDF' });
      const before = await cups.tool('lpstat', ['-W', 'all', '-o', 'KioskPDF']);
      const outcome = await a4.printPdf(await tokenPdf(newToken()), 'refused');
      expect(outcome).toEqual({ ok: false, code: 'deviceNotReady', fault: 'offline', detail: expect.stringContaining('paper jam in tray 2') });
      expect((await cups.tool('lpstat', ['-W', 'all', '-o', 'KioskPDF'])).stdout).toBe(before.stdout);
      expect(a4.status()).toMatchObject({ device: 'offline', detail: expect.stringContaining('paper jam') });
    } finally {
      await cups.tool('/usr/sbin/cupsenable', ['KioskPDF']);
    }
  });

  it('refuses a queue that rejects jobs (cupsreject) as offline', async () => {
    await cups.tool('/usr/sbin/cupsreject', ['-r', 'maintenance', 'KioskPDF']);
    try {
      const outcome = await printer({ queue: 'KioskPDF' }).printPdf(await tokenPdf(newToken()), 'refused');
      expect(outcome).toMatchObject({ ok: false, fault: 'offline', detail: expect.stringContaining('not accepting') });
      expect(outcome.jobId).toBeUndefined();
    } finally {
      await cups.tool('/usr/sbin/cupsaccept', ['KioskPDF']);
    }
  });

  it('reports a missing queue, and a missing scheduler, as noDevice', async () => {
    const missing = printer({ queue: 'NoSuchQueue' });
    expect(await missing.refreshStatus()).toMatchObject({ kind: 'a4', device: 'noDevice', detail: 'CUPS has no queue NoSuchQueue' });
    expect(await missing.printPdf(await tokenPdf(newToken()), 'x')).toMatchObject({ ok: false, fault: 'noDevice', code: 'deviceNotReady' });

    const noScheduler = printer({ queue: 'KioskPDF', server: `127.0.0.1:${await freePort()}` });
    expect(await noScheduler.refreshStatus()).toMatchObject({ device: 'noDevice', detail: expect.stringContaining('CUPS not reachable') });
  });

  it('a job canceled in CUPS while the printer is off is reported canceled, never printed', async () => {
    const a4 = printer({ queue: 'OffA4' });
    const pending = a4.printPdf(await tokenPdf(newToken()), 'to be canceled');
    const [id] = await waitFor('a job on OffA4', async () => {
      const jobs = await cups.activeJobs('OffA4');
      return jobs.length > 0 && jobs;
    });
    // The printer is off: the job sits in CUPS, and the driver keeps waiting rather than guessing.
    await new Promise((r) => setTimeout(r, 600));
    expect((await cups.activeJobs('OffA4')).includes(id ?? -1)).toBe(true);
    await cups.tool('cancel', [`OffA4-${id}`]);
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, code: 'canceled', jobId: `OffA4-${id}` });
  });

  it('a job the printer never takes times out, and the driver cancels it in CUPS', async () => {
    const a4 = printer({ queue: 'OffA4', jobTimeoutMs: 2000 });
    const started = Date.now();
    const outcome = await a4.printPdf(await tokenPdf(newToken()), 'timeout');
    expect(outcome).toMatchObject({ ok: false, code: 'timeOut' });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await jobState('OffA4', outcome.jobId)).toBe('canceled');
  });

  it('a job CUPS holds is canceled and reported as not printed; nothing comes out', async () => {
    const token = newToken();
    const outcome = await printer({ queue: 'HeldPDF' }).printPdf(await tokenPdf(token), `${token} held`);
    expect(outcome).toMatchObject({ ok: false, code: 'deviceNotReady', fault: 'offline', detail: expect.stringContaining('holds job') });
    expect(await jobState('HeldPDF', outcome.jobId)).toBe('canceled');
    await new Promise((r) => setTimeout(r, 500));
    expect(cups.outputs(token)).toEqual([]);
  });

  it('a job CUPS aborts (the printer port is missing) is a hardware error', async () => {
    const outcome = await printer({ queue: 'BrokenA4' }).printPdf(await tokenPdf(newToken()), 'aborted');
    expect(outcome).toMatchObject({ ok: false, code: 'hardwareError', fault: 'hardwareError', detail: expect.stringContaining('aborted') });
    expect(await jobState('BrokenA4', outcome.jobId)).toBe('aborted');
  });

  it('polls the queue while idle and tells when it is disabled and enabled again', async () => {
    const a4 = printer({ queue: 'KioskPDF' });
    const seen: PrinterStatus[] = [];
    a4.onStatus((s) => seen.push(s));
    a4.start();
    await waitFor('online', () => seen.some((s) => s.device === 'online'));
    await cups.tool('/usr/sbin/cupsdisable', ['-r', 'toner replacement', 'KioskPDF']);
    try {
      await waitFor('offline', () => seen.find((s) => s.device === 'offline' && s.detail?.includes('toner replacement')));
    } finally {
      await cups.tool('/usr/sbin/cupsenable', ['KioskPDF']);
    }
    await waitFor('online again', () => seen.at(-1)?.device === 'online');
  });
});
