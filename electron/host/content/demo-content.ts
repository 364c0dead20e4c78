import fs from 'node:fs';
import path from 'node:path';
import { sandboxContentBundle } from '../services/tax-backend-choice';
import { DEMO_SIGNING_DIR, KeyError, PRIVATE_KEY_FILE, readPrivateKey } from '../config/bundle-keys';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { ContentService } from './content-service';
import { signContentBundle } from './content-signature';
import { contentVersion, contentVersionInForce } from './content-store';

/**
 * Simulator mode only: with no 公开信息 content in force, the sandbox bureau's
 * content is signed with the demo's own signing key and applied through the
 * same verify-and-store path as a pushed bundle (so the demo shows what a
 * real kiosk would, and nothing skips the signature check). A real kiosk
 * gets its content only from its administrators.
 */
export function loadDemoContentIfEmpty(db: Db, dataDir: string, content: ContentService, log: Logger, now: Date = new Date()): boolean {
  if (contentVersionInForce(db, now) !== null) return false;
  const keyFile = path.join(dataDir, DEMO_SIGNING_DIR, PRIVATE_KEY_FILE);
  if (!fs.existsSync(keyFile)) return false;
  let key;
  try {
    key = readPrivateKey(keyFile);
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    log.warn({ event: 'content.demoKey', detail: error.message }, 'demo signing key unusable: no demo content');
    return false;
  }
  const signed = signContentBundle(sandboxContentBundle(now, { version: contentVersion(db) + 1 }), key);
  const outcome = content.applyBytes(Buffer.from(JSON.stringify(signed)), 'demo', 'kiosk');
  return outcome.outcome === 'applied';
}
