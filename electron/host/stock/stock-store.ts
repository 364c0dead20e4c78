import { z } from 'zod';
import type { Db } from '../db/database';

/**
 * Invoice stock: the ranges of pre-printed forms a technician loaded into the
 * kiosk (`kioskctl stock load`). Numbers are 8-digit strings at the edges of
 * the system and integers inside SQLite (so ranges can be compared and counted).
 * The overlap and one-type-per-code rules are checked here for a clear message
 * and again by triggers in migration 3.
 */
export type StockErrorCode = 'invalid' | 'overlap' | 'typeMismatch' | 'tooLarge';

/**
 * Forms in one loaded range, unless kiosk.json says otherwise (`stock.maxFormsPerLoad`).
 * A kiosk's feeder holds a few hundred forms; a range of millions is a typing
 * slip (issue 14: `--to 99999999` loaded 99,999,999 forms), never a delivery.
 */
export const DEFAULT_MAX_FORMS_PER_LOAD = 10_000;

export class StockError extends Error {
  constructor(
    readonly code: StockErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StockError';
  }
}

export const InvoiceTypeId = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,31}$/, 'an invoice type: a letter, then letters, digits, . _ - (at most 32)');
export const InvoiceCode = z.string().regex(/^(\d{10}|\d{12})$/, 'an invoice code of 10 or 12 digits');
export const InvoiceNumber = z.string().regex(/^\d{8}$/, 'an invoice number of exactly 8 digits');

export const formatNumber = (n: number): string => String(n).padStart(8, '0');

export interface StockRange {
  id: number;
  type: string;
  code: string;
  first: string;
  last: string;
  size: number;
  /** Numbers never claimed (returned numbers count as free again). */
  remaining: number;
  loadedAt: string;
  loadedBy: string;
}

const RangeRow = z.object({
  id: z.number().int(),
  invoice_type: z.string(),
  code: z.string(),
  first_number: z.number().int(),
  last_number: z.number().int(),
  loaded_at: z.string(),
  loaded_by: z.string(),
  claimed: z.number().int(),
});

const RANGES_SQL = `
  SELECT s.*, (SELECT count(*) FROM allocated_numbers a
               WHERE a.code = s.code AND a.number BETWEEN s.first_number AND s.last_number) AS claimed
  FROM invoice_stock s`;

function toRange(raw: unknown): StockRange {
  const row = RangeRow.parse(raw);
  const size = row.last_number - row.first_number + 1;
  return {
    id: row.id,
    type: row.invoice_type,
    code: row.code,
    first: formatNumber(row.first_number),
    last: formatNumber(row.last_number),
    size,
    remaining: size - row.claimed,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
  };
}

function field<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new StockError('invalid', `${name} must be ${result.error.issues[0]?.message ?? 'valid'} (got ${JSON.stringify(value)})`);
  return result.data;
}

export interface LoadStockInput {
  type: string;
  code: string;
  /** 8-digit first number, inclusive. */
  from: string;
  /** 8-digit last number, inclusive. */
  to: string;
}

/** Adds a range; throws `StockError` (invalid, overlap, typeMismatch) and stores nothing on refusal. */
export function loadStock(db: Db, input: LoadStockInput, meta: { loadedBy: string; now?: Date; maxForms?: number }): StockRange {
  const type = field(InvoiceTypeId, input.type, 'type');
  const code = field(InvoiceCode, input.code, 'code');
  const first = Number(field(InvoiceNumber, input.from, 'from'));
  const last = Number(field(InvoiceNumber, input.to, 'to'));
  if (first > last) throw new StockError('invalid', `from ${input.from} is after to ${input.to}`);
  const maxForms = meta.maxForms ?? DEFAULT_MAX_FORMS_PER_LOAD;
  if (last - first + 1 > maxForms) {
    throw new StockError(
      'tooLarge',
      `${input.from}–${input.to} is ${last - first + 1} forms; one load takes at most ${maxForms} (stock.maxFormsPerLoad in kiosk.json)`,
    );
  }
  const at = (meta.now ?? new Date()).toISOString();
  return db
    .transaction(() => {
      const clash = db
        .prepare(
          'SELECT invoice_type, first_number, last_number FROM invoice_stock WHERE code = ? AND first_number <= ? AND last_number >= ? ORDER BY first_number LIMIT 1',
        )
        .get(code, last, first);
      if (clash !== undefined) {
        const c = RangeRow.pick({ first_number: true, last_number: true }).parse(clash);
        throw new StockError(
          'overlap',
          `code ${code} ${formatNumber(first)}–${formatNumber(last)} overlaps the loaded range ${formatNumber(c.first_number)}–${formatNumber(c.last_number)}`,
        );
      }
      const other = db.prepare('SELECT invoice_type FROM invoice_stock WHERE code = ? AND invoice_type <> ? LIMIT 1').get(code, type);
      if (other !== undefined) {
        const t = z.object({ invoice_type: z.string() }).parse(other).invoice_type;
        throw new StockError('typeMismatch', `code ${code} is already loaded as type ${t}, not ${type}`);
      }
      const { lastInsertRowid } = db
        .prepare('INSERT INTO invoice_stock (invoice_type, code, first_number, last_number, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?)')
        .run(type, code, first, last, at, meta.loadedBy);
      db.prepare(`INSERT INTO stock_events (at, event, stock_id, code, first_number, last_number, actor) VALUES (?, 'loaded', ?, ?, ?, ?, ?)`).run(
        at,
        lastInsertRowid,
        code,
        first,
        last,
        meta.loadedBy,
      );
      return toRange(db.prepare(`${RANGES_SQL} WHERE s.id = ?`).get(lastInsertRowid));
    })
    .immediate();
}

/** Every loaded range, by type, then code, then first number ("lowest first", the allocation order). */
export function listRanges(db: Db, type?: string): StockRange[] {
  const rows =
    type === undefined
      ? db.prepare(`${RANGES_SQL} ORDER BY s.invoice_type, s.code, s.first_number`).all()
      : db.prepare(`${RANGES_SQL} WHERE s.invoice_type = ? ORDER BY s.code, s.first_number`).all(type);
  return rows.map(toRange);
}

export interface TypeSummary {
  type: string;
  total: number;
  remaining: number;
  /** Numbers allocated but not yet completed/voided (allocated, printing, printed). */
  inFlight: number;
}

/** Remaining and in-flight counts per invoice type. */
export function stockSummary(db: Db): TypeSummary[] {
  const inFlight = new Map(
    db
      .prepare(
        `SELECT invoice_type AS type, sum(last_number - first_number + 1) AS n FROM stock_allocations
         WHERE state IN ('allocated', 'printing', 'printed') GROUP BY invoice_type`,
      )
      .all()
      .map((raw) => {
        const row = z.object({ type: z.string(), n: z.number().int() }).parse(raw);
        return [row.type, row.n] as const;
      }),
  );
  const byType = new Map<string, TypeSummary>();
  for (const range of listRanges(db)) {
    const entry = byType.get(range.type) ?? { type: range.type, total: 0, remaining: 0, inFlight: inFlight.get(range.type) ?? 0 };
    entry.total += range.size;
    entry.remaining += range.remaining;
    byType.set(range.type, entry);
  }
  return [...byType.values()];
}
