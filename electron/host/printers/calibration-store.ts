import { z } from 'zod';
import type { Db } from '../db/database';

/**
 * The invoice printer's calibration: where the printer puts (0, 0) relative
 * to the pre-printed form, set by a technician from the test grid
 * (`kioskctl printer calibrate`). Stored in `printer_calibration`
 * (migration 2) in 0.1 mm, bounded to ±10.0 mm each way: a larger offset is
 * a form loaded wrong, not a calibration.
 */
export const CALIBRATION_LIMIT_TENTH_MM = 100;

export const Calibration = z.object({
  dxTenthMm: z.number().int().min(-CALIBRATION_LIMIT_TENTH_MM).max(CALIBRATION_LIMIT_TENTH_MM),
  dyTenthMm: z.number().int().min(-CALIBRATION_LIMIT_TENTH_MM).max(CALIBRATION_LIMIT_TENTH_MM),
});
export type Calibration = z.infer<typeof Calibration>;

export interface StoredCalibration extends Calibration {
  /** ISO time of the last change; null when never set (offsets 0). */
  updatedAt: string | null;
}

const Row = z.object({ dx_tenth_mm: z.number().int(), dy_tenth_mm: z.number().int(), updated_at: z.string() });

export function getCalibration(db: Db): StoredCalibration {
  const raw = db.prepare("SELECT dx_tenth_mm, dy_tenth_mm, updated_at FROM printer_calibration WHERE printer = 'invoice'").get();
  if (raw === undefined) return { dxTenthMm: 0, dyTenthMm: 0, updatedAt: null };
  const row = Row.parse(raw);
  return { dxTenthMm: row.dx_tenth_mm, dyTenthMm: row.dy_tenth_mm, updatedAt: row.updated_at };
}

/** Stores new offsets; throws a ZodError for values out of bounds or not whole 0.1 mm. Returns the previous values. */
export function setCalibration(db: Db, calibration: Calibration, at: Date | string): StoredCalibration {
  const next = Calibration.parse(calibration);
  const when = typeof at === 'string' ? at : at.toISOString();
  return db.transaction(() => {
    const previous = getCalibration(db);
    db.prepare(
      `INSERT INTO printer_calibration (printer, dx_tenth_mm, dy_tenth_mm, updated_at) VALUES ('invoice', ?, ?, ?)
       ON CONFLICT (printer) DO UPDATE SET dx_tenth_mm = excluded.dx_tenth_mm, dy_tenth_mm = excluded.dy_tenth_mm, updated_at = excluded.updated_at`,
    ).run(next.dxTenthMm, next.dyTenthMm, when);
    return previous;
  })();
}

/** `--dx 1.5` → 15. Decimal mm with at most one decimal; null when malformed. */
export function parseMmToTenths(text: string): number | null {
  if (!/^[+-]?\d{1,3}(\.\d)?$/.test(text.trim())) return null;
  const negative = text.trim().startsWith('-');
  const [whole = '0', frac = '0'] = text.trim().replace(/^[+-]/, '').split('.');
  const tenths = Number(whole) * 10 + Number(frac);
  return negative ? -tenths : tenths;
}

/** 15 → `+1.5`, -20 → `-2.0`. */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '+';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}
