import { printerFault, type PaperState, type PrinterFault, type PrinterStatus } from '../../../shared/domain/device-status';
import { assertNever } from '../../../shared/assert-never';
import type { PrintOutcome } from '../printer-types';
import type { CupsJob, CupsQueue } from './ipp-attributes';

/**
 * Pure mapping from what CUPS says to the kiosk's printer status and to a
 * job's outcome. `printer-state-reasons` keywords (RFC 8011 §5.4.12, PWG
 * 5100.9) carry a severity suffix (`-report`, `-warning`, `-error`); the
 * stem says what is wrong, so the stems are matched.
 */

const has = (reasons: string[], ...stems: string[]): boolean => reasons.some((r) => stems.some((stem) => r === stem || r.startsWith(`${stem}-`)));

const KNOWN_STEMS = ['media-empty', 'media-needed', 'media-low', 'media-jam', 'cover-open', 'door-open', 'interlock-open', 'offline', 'paused'];

function paperOf(reasons: string[]): PaperState {
  if (has(reasons, 'media-jam')) return 'jammed';
  if (has(reasons, 'media-empty', 'media-needed')) return 'out';
  if (has(reasons, 'media-low')) return 'low';
  // CUPS knows paper only when the printer reports it; silence is not "full".
  return 'unknown';
}

/** The status of queue `name`; `q` null = CUPS has no such queue; `unreachable` = no scheduler answered. */
export function statusFromQueue(name: string, q: CupsQueue | null, unreachable?: string): PrinterStatus {
  const base = { kind: 'a4' as const, paper: 'unknown' as PaperState, coverOpen: false, cutterError: false, port: name, model: null };
  if (unreachable !== undefined) return { ...base, device: 'noDevice', detail: `CUPS not reachable: ${unreachable}` };
  if (!q) return { ...base, device: 'noDevice', detail: `CUPS has no queue ${name}` };
  const reasons = q.reasons;
  const said = q.message || reasons.join(' ') || null;
  const common = { ...base, model: q.model, paper: paperOf(reasons), coverOpen: has(reasons, 'cover-open', 'door-open', 'interlock-open') };
  // Errors a printer reports that are not paper, cover or link, e.g. `toner-empty-error`.
  const otherError = reasons.find((r) => r.endsWith('-error') && !KNOWN_STEMS.some((stem) => r.startsWith(`${stem}-`)));
  if (q.state === 'stopped') return { ...common, device: 'offline', detail: `queue stopped${said ? `: ${said}` : ''}` };
  if (!q.accepting) return { ...common, device: 'offline', detail: `queue not accepting jobs${q.message ? `: ${q.message}` : ''}` };
  if (has(reasons, 'offline')) return { ...common, device: 'offline', detail: said };
  if (otherError) return { ...common, device: 'hardwareError', detail: said };
  switch (q.state) {
    case 'processing':
      return { ...common, device: 'busy', detail: q.message || null };
    case 'idle':
      return { ...common, device: 'online', detail: q.message || null };
    default:
      return assertNever(q.state, 'printer-state');
  }
}

export type Refusal = Extract<PrintOutcome, { ok: false }>;

export function refusalFor(fault: PrinterFault, status: PrinterStatus): Refusal {
  return {
    ok: false,
    code: fault === 'hardwareError' ? 'hardwareError' : 'deviceNotReady',
    fault,
    detail: status.detail ?? fault,
  };
}

/**
 * What a poll of a submitted job means: keep waiting, printed, or failed.
 * `cancel` asks the driver to cancel the job in CUPS, so a document the
 * taxpayer was told did not print cannot come out later for the next person.
 */
export type JobVerdict = { kind: 'wait' } | { kind: 'printed' } | { kind: 'failed'; outcome: Refusal; cancel: boolean };

export function jobVerdict(queue: string, jobId: number, job: CupsJob | null, queueStatus: PrinterStatus | null): JobVerdict {
  const name = `${queue}-${jobId}`;
  if (!job) {
    // Purged or the scheduler lost its state: it may have printed, but only "completed" may be reported as printed.
    return { kind: 'failed', cancel: false, outcome: { ok: false, code: 'hardwareError', fault: 'hardwareError', detail: `CUPS no longer knows job ${name}` } };
  }
  const said = job.message || job.reasons.join(' ');
  switch (job.state) {
    case 'completed':
      return { kind: 'printed' };
    case 'canceled':
      return { kind: 'failed', cancel: false, outcome: { ok: false, code: 'canceled', fault: null, detail: `job ${name} canceled${said ? `: ${said}` : ''}` } };
    case 'aborted':
      return {
        kind: 'failed',
        cancel: false,
        outcome: { ok: false, code: 'hardwareError', fault: 'hardwareError', detail: `job ${name} aborted${said ? `: ${said}` : ''}` },
      };
    case 'pending-held':
      // A kiosk never holds its jobs: whatever holds it, nobody will release it while the taxpayer waits.
      return {
        kind: 'failed',
        cancel: true,
        outcome: { ok: false, code: 'deviceNotReady', fault: 'offline', detail: `CUPS holds job ${name}${said ? `: ${said}` : ''}` },
      };
    case 'processing-stopped':
      return stoppedVerdict(name, queueStatus, said);
    case 'pending':
    case 'processing': {
      const fault = queueStatus ? printerFault(queueStatus) : null;
      if (!fault || !queueStatus) return { kind: 'wait' };
      return { kind: 'failed', cancel: true, outcome: { ...refusalFor(fault, queueStatus), detail: `job ${name} stopped: ${queueStatus.detail ?? fault}` } };
    }
    default:
      return assertNever(job.state, 'job-state');
  }
}

function stoppedVerdict(name: string, queueStatus: PrinterStatus | null, said: string): JobVerdict {
  const fault = (queueStatus && printerFault(queueStatus)) ?? 'offline';
  return {
    kind: 'failed',
    cancel: true,
    outcome: {
      ok: false,
      code: fault === 'hardwareError' ? 'hardwareError' : 'deviceNotReady',
      fault,
      detail: `job ${name} stopped${said ? `: ${said}` : ''}`,
    },
  };
}
