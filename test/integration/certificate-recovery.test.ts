import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/host';
import type { KioskHost } from '../../electron/host/host-types';
import { openDatabase } from '../../electron/host/db/database';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';
import type { TransactionState } from '../../electron/host/transactions/transaction-states';

/**
 * A host killed while a certificate was printing: at the next start the
 * certificate must not stay `printing`/`printed` for ever (docs/certificate.md
 * "After a crash"). Real host, real SQLite, simulated devices.
 */
const PERSON = '370102196005150024';
let host: KioskHost | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-cert-recovery-'));

afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What a process killed at `state` leaves: the transaction and its outbox row, nothing after. */
function leaveCertificate(store: TransactionStore, state: TransactionState): string {
  const payload = { schemaVersion: 1 as const, from: '2025-01', to: '2025-12', recordCount: 3, totalFen: 12_345, verificationCode: 'ABCDEFGHJKLMNPQ0' };
  const { id } = store.createTransaction({ kind: 'iitCertificate', taxpayerId: null, personIdNumber: PERSON, nationalFen: 0, localFen: 0, payload }, []);
  if (state === 'created') return id;
  store.transition(id, { from: 'created', to: 'printing' });
  if (state === 'printed') store.transition(id, { from: 'printing', to: 'printed' });
  return id;
}

const row = (id: string) => {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT state, last_error FROM transactions WHERE id = ?').get(id) as { state: string; last_error: string | null };
  } finally {
    db.close();
  }
};

describe('certificate recovery at host start', () => {
  it('flags a certificate caught printing, settles one the A4 printer had taken, fails one never sent', async () => {
    // A first start makes the database (migrations), then the "crash" is written by hand.
    host = await createHost({ dataDir, shell: 'chromium' });
    await host.start();
    await host.stop();
    host = undefined;

    const db = openDatabase(dataDir);
    let ids: Record<'created' | 'printing' | 'printed', string>;
    try {
      const store = new TransactionStore(db, openPiiCipher(dataDir));
      ids = { created: leaveCertificate(store, 'created'), printing: leaveCertificate(store, 'printing'), printed: leaveCertificate(store, 'printed') };
    } finally {
      db.close();
    }

    host = await createHost({ dataDir, shell: 'chromium' });
    await host.start();

    // Maybe on paper, maybe not: staff look; never a reprint with another code.
    expect(row(ids.printing)).toMatchObject({ state: 'needsAttention' });
    expect(row(ids.printing).last_error).toMatch(/printing/);
    // The printer had accepted the whole job: the certificate is out, only the receipt may be missing.
    expect(row(ids.printed).state).toBe('completed');
    // Never sent to the printer: nothing on paper.
    expect(row(ids.created).state).toBe('failed');

    const log = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).toContain('certificate.recovered');
    expect(log).not.toContain(PERSON);
  }, 60_000);
});
