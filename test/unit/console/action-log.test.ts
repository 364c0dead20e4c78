import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionLog, actionHash, verifyActionChain } from '../../../backend/console/store/action-log';
import { openConsoleDb } from '../../../backend/console/store/console-db';
import type { Db } from '../../../electron/host/db/database';

/** The console's log of who did what: each entry is chained to the one before, so an edit anywhere shows. */
let dir: string;
let db: Db;

function fresh(): ActionLog {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-actions-'));
  db = openConsoleDb(dir);
  const log = new ActionLog(db, () => new Date('2026-12-07T10:00:00Z'));
  log.append('alice', 'login', 'from 127.0.0.1');
  log.append('alice', 'alert.ack', 'alert 3 paperOut K-1: on my way');
  log.append('bob', 'rule.update', 'stockLow: threshold=20');
  return log;
}

afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the action log', () => {
  it('chains every entry to the previous one and verifies', () => {
    const log = fresh();
    const entries = log.list(10, null);
    expect(entries.map((e) => [e.seq, e.actor, e.action])).toEqual([
      [3, 'bob', 'rule.update'],
      [2, 'alice', 'alert.ack'],
      [1, 'alice', 'login'],
    ]);
    expect(entries[0]?.prevHash).toBe(entries[1]?.hash);
    expect(verifyActionChain(db)).toEqual({ ok: true, entries: 3 });
  });

  it('refuses edits and deletions through SQL', () => {
    fresh();
    expect(() => db.prepare("UPDATE actions SET actor = 'mallory' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM actions WHERE seq = 3').run()).toThrow(/append-only/);
  });

  it('detects an edited entry even when the triggers were dropped', () => {
    fresh();
    db.exec('DROP TRIGGER actions_no_update');
    db.prepare("UPDATE actions SET actor = 'mallory' WHERE seq = 2").run();
    expect(verifyActionChain(db)).toMatchObject({ ok: false, seq: 2, problem: 'content does not match its hash' });
  });

  it('detects a removed entry', () => {
    fresh();
    db.exec('DROP TRIGGER actions_no_delete');
    db.prepare('DELETE FROM actions WHERE seq = 2').run();
    expect(verifyActionChain(db)).toMatchObject({ ok: false, seq: 3, problem: 'expected seq 2' });
  });

  it('detects an edited entry whose own hash was recomputed: the next entry no longer links to it', () => {
    fresh();
    db.exec('DROP TRIGGER actions_no_update');
    const row = db.prepare('SELECT * FROM actions WHERE seq = 2').get() as { seq: number; at: string; action: string; detail: string; prev_hash: string };
    const forged = { seq: row.seq, at: row.at, actor: 'mallory', action: row.action, detail: row.detail, prevHash: row.prev_hash };
    db.prepare('UPDATE actions SET actor = ?, hash = ? WHERE seq = 2').run('mallory', actionHash(forged));
    expect(verifyActionChain(db)).toMatchObject({ ok: false, seq: 3, problem: 'not linked to the entry before' });
  });
});
