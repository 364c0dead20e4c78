import { z } from 'zod';

/**
 * Pure parsers for what the CUPS tools print: `lp`'s request id and
 * `ipptool -t -v`'s dump of an IPP response. ipptool prints each received
 * attribute as `name (syntax) = value`, 1setOf values joined by commas:
 *
 *     RECEIVED: 167 bytes in response
 *     status-code = successful-ok (successful-ok)
 *     job-state (enum) = completed
 *     job-state-reasons (keyword) = job-completed-successfully
 *
 * The request it sent is echoed above `RECEIVED:` in the same form, so only
 * the lines below it count. What comes out is checked with zod: the
 * scheduler is a boundary like any device.
 */

/** RFC 8011 §5.3.7 `job-state`, as ipptool names the enum values. */
export const IppJobState = z.enum(['pending', 'pending-held', 'processing', 'processing-stopped', 'canceled', 'aborted', 'completed']);
export type IppJobState = z.infer<typeof IppJobState>;

/** RFC 8011 §5.4.11 `printer-state`. */
export const IppPrinterState = z.enum(['idle', 'processing', 'stopped']);
export type IppPrinterState = z.infer<typeof IppPrinterState>;

export interface CupsJob {
  id: number;
  state: IppJobState;
  /** `job-state-reasons` keywords; informative only (see cups-client.ts). */
  reasons: string[];
  /** `job-printer-state-message`: what the backend last said, e.g. "Unable to open serial port". */
  message: string;
}

export interface CupsQueue {
  name: string;
  state: IppPrinterState;
  /** `printer-state-reasons` keywords without `none`, e.g. `media-empty-error`, `paused`. */
  reasons: string[];
  /** `printer-state-message`: the reason given to `cupsdisable -r`, or the backend's last words. */
  message: string;
  /** false after `cupsreject`. */
  accepting: boolean;
  model: string | null;
}

export interface IppResponse {
  /** e.g. `successful-ok`, `client-error-not-found`. */
  status: string;
  attributes: Map<string, string>;
}

const ATTRIBUTE_LINE = /^\s*([a-z][a-z0-9-]*) \(([^)]+)\) = ?(.*)$/;
const STATUS_LINE = /^\s*status-code = (\S+)/;

/** The response part of `ipptool -t -v` output; null when no response came (no scheduler). */
export function parseIppResponse(stdout: string): IppResponse | null {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => /^\s*RECEIVED: /.test(line));
  if (start < 0) return null;
  let status: string | null = null;
  const attributes = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    const statusMatch = STATUS_LINE.exec(line);
    if (statusMatch?.[1]) {
      status = statusMatch[1];
      continue;
    }
    const match = ATTRIBUTE_LINE.exec(line);
    // First value wins: a later group (e.g. a second job) must not overwrite the one asked for.
    if (match?.[1] && !attributes.has(match[1])) attributes.set(match[1], match[3] ?? '');
  }
  return status === null ? null : { status, attributes };
}

const JobAttributes = z.object({
  'job-state': IppJobState,
  'job-state-reasons': z.string().default(''),
  'job-printer-state-message': z.string().default(''),
});

const PrinterAttributes = z.object({
  'printer-state': IppPrinterState,
  'printer-state-reasons': z.string().default(''),
  'printer-state-message': z.string().default(''),
  'printer-is-accepting-jobs': z.enum(['true', 'false']),
  'printer-make-and-model': z.string().optional(),
});

export function parseJobAttributes(id: number, attributes: Map<string, string>): CupsJob {
  const a = JobAttributes.parse(Object.fromEntries(attributes));
  return { id, state: a['job-state'], reasons: keywords(a['job-state-reasons']), message: a['job-printer-state-message'].trim() };
}

export function parsePrinterAttributes(name: string, attributes: Map<string, string>): CupsQueue {
  const a = PrinterAttributes.parse(Object.fromEntries(attributes));
  const model = a['printer-make-and-model']?.trim();
  return {
    name,
    state: a['printer-state'],
    reasons: keywords(a['printer-state-reasons']),
    message: a['printer-state-message'].trim(),
    accepting: a['printer-is-accepting-jobs'] === 'true',
    model: model ? model : null,
  };
}

function keywords(value: string): string[] {
  return value
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '' && k !== 'none');
}

/** `request id is KioskA4-123 (1 file(s))` → 123; null when `lp` said something else. */
export function parseRequestId(stdout: string, queue: string): number | null {
  const match = /request id is (\S+)-(\d+) \(/.exec(stdout);
  if (!match || match[1] !== queue) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
