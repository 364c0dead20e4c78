import { z } from 'zod';

/**
 * Error codes every contract call may answer with. Handlers throw a
 * `KioskError` with one of these; anything else becomes `internal`.
 * Codes are a public interface for the renderer: add, never rename.
 */
export const ErrorCode = z.enum(['unknownMethod', 'invalidRequest', 'invalidResult', 'notAvailable', 'deviceNotReady', 'timeOut', 'conflict', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const KioskErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
});
export type KioskErrorShape = z.infer<typeof KioskErrorShape>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskErrorShape };

/** Thrown by handlers to answer with a typed error instead of `internal`. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Schema of a serialized result, for the wire (WebSocket bridge). */
export const ResultEnvelope = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: KioskErrorShape })]);
