import fs from 'node:fs';
import path from 'node:path';
import { LocalConfig } from '../../shared/config/local-config';
import { describeIssues } from '../../shared/contract/router';

export const LOCAL_CONFIG_FILE = 'kiosk.json';

export class ConfigError extends Error {}

/** Reads `kiosk.json` from the data dir (absent = defaults) and applies overrides. */
export function loadLocalConfig(dataDir: string, overrides: Partial<LocalConfig> = {}): LocalConfig {
  const file = path.join(dataDir, LOCAL_CONFIG_FILE);
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const merged = deepMerge(raw, overrides);
  const parsed = LocalConfig.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`${file} is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}
