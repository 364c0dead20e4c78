import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { DeviceMapSection, ServicesSection, TextsSection, TimeoutsSection } from '../../../shared/config/config-bundle';
import { TaxConfig, defaultTaxConfig } from '../../../shared/config/tax-config';
import { DATABASE_FILE, type Db } from '../db/database';
import { StoredBundleRow, storedBundleMeta, type StoredBundleMeta } from '../signed-bundles/stored-bundle-row';

/**
 * Reads of the applied config (`config_applied`, migration 4). The version in
 * force is the highest applied; each section's value is the one of the newest
 * bundle that carried it (config-bundle.ts: a section replaces, absence keeps).
 * Tax rates also wait for their `effectiveFrom` (China date): an administrator
 * may push next year's rates in December.
 */
export interface AppliedBundle extends StoredBundleMeta {
  /** The sections the bundle carried, sorted. */
  sections: string[];
}

const Row = StoredBundleRow.extend({ payload: z.string() });

function toApplied(raw: unknown): AppliedBundle {
  const row = Row.parse(raw);
  // Spelled out around the shared part so that `config show --json` keeps its field order.
  const { source, appliedAt, appliedBy, ...head } = storedBundleMeta(row);
  const sections = Object.keys(z.record(z.string(), z.unknown()).parse(JSON.parse(row.payload))).sort();
  return { ...head, sections, source, appliedAt, appliedBy };
}

/** The bundle in force, null when none was ever applied. */
export function appliedBundle(db: Db): AppliedBundle | null {
  const raw = db.prepare('SELECT * FROM config_applied ORDER BY version DESC LIMIT 1').get();
  return raw === undefined ? null : toApplied(raw);
}

/** Applied bundles, newest first. */
export function appliedHistory(db: Db, limit = 20): AppliedBundle[] {
  return db.prepare('SELECT * FROM config_applied ORDER BY version DESC LIMIT ?').all(limit).map(toApplied);
}

export function appliedVersion(db: Db): number {
  const raw = db.prepare('SELECT coalesce(max(version), 0) AS v FROM config_applied').get();
  return z.object({ v: z.number().int() }).parse(raw).v;
}

/** The newest applied value of one section, parsed with its schema; null when no bundle had it. */
function latestSection<T>(db: Db, section: string, schema: z.ZodType<T>, extraWhere = '', params: unknown[] = []): { version: number; value: T } | null {
  const raw = db
    .prepare(
      `SELECT version, json_extract(payload, '$.${section}') AS value FROM config_applied
       WHERE json_type(payload, '$.${section}') = 'object' ${extraWhere} ORDER BY version DESC LIMIT 1`,
    )
    .get(...params);
  if (raw === undefined) return null;
  const row = z.object({ version: z.number().int(), value: z.string() }).parse(raw);
  return { version: row.version, value: schema.parse(JSON.parse(row.value)) };
}

/** YYYY-MM-DD in China (UTC+8, no daylight saving): the calendar tax dates follow. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The tax config in force on `at`: the newest applied rates whose effectiveFrom has come, else the defaults. */
export function readActiveTaxConfig(db: Db, at: Date): TaxConfig {
  return latestSection(db, 'taxRates', TaxConfig, "AND json_extract(payload, '$.taxRates.effectiveFrom') <= ?", [chinaDate(at)])?.value ?? defaultTaxConfig();
}

/** Texts as stored: checked against the catalogue of the app that applied them. */
const StoredTexts = z.record(z.string(), z.record(z.string(), z.string()));

/**
 * The stored overrides this app's catalogue still accepts. An update may drop
 * a key or a placeholder an older bundle overrode; such an entry is left out
 * (the catalogue's text shows) instead of making the whole config unreadable.
 */
function stillValidTexts(stored: z.infer<typeof StoredTexts> | null): TextsSection | null {
  if (stored === null) return null;
  const kept: Record<string, Record<string, string>> = {};
  for (const [lang, map] of Object.entries(stored)) {
    for (const [key, text] of Object.entries(map)) {
      if (!TextsSection.safeParse({ [lang]: { [key]: text } }).success) continue;
      (kept[lang] ??= {})[key] = text;
    }
  }
  return TextsSection.parse(kept);
}

export interface AppliedSections {
  texts: TextsSection | null;
  timeouts: TimeoutsSection | null;
  services: ServicesSection | null;
  deviceMap: DeviceMapSection | null;
}

export function readAppliedSections(db: Db): AppliedSections {
  return {
    texts: stillValidTexts(latestSection(db, 'texts', StoredTexts)?.value ?? null),
    timeouts: latestSection(db, 'timeouts', TimeoutsSection)?.value ?? null,
    services: latestSection(db, 'services', ServicesSection)?.value ?? null,
    deviceMap: latestSection(db, 'deviceMap', DeviceMapSection)?.value ?? null,
  };
}

/**
 * Runs `read` on the kiosk database if it exists and has the config tables,
 * without creating or migrating anything (a read from kioskctl or a quote must
 * not make a data directory appear). `fallback` otherwise.
 */
export function readExistingDb<T>(dataDir: string, read: (db: Db) => T, fallback: () => T): T {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) return fallback();
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'config_applied'").get();
    return has === undefined ? fallback() : read(db);
  } finally {
    db.close();
  }
}
