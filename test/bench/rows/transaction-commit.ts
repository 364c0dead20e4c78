import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../electron/host/db/database';
import { openPiiCipher } from '../../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../../electron/host/transactions/transaction-store';
import { issue, issueLegs } from '../../unit/host/transaction-fixtures';
import type { BenchRow } from '../bench-types';
import { msSince, percentile } from '../stats';

const COMMITS = 400;

let dir = '';
let db: Db | null = null;
let store: TransactionStore | null = null;

/**
 * An invoice issued on behalf with its two outbox legs, committed as the
 * kiosk commits it: one IMMEDIATE transaction, WAL, synchronous=FULL (an
 * fsync per commit), on this machine's disk.
 */
export const transactionCommitRow: BenchRow = {
  id: 'transaction-commit',
  title: 'transaction + outbox rows commit (synchronous=FULL)',
  measures: `createTransaction() called → committed to disk (${COMMITS} commits per run)`,
  runs: 3,
  async setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-commit-'));
    db = openDatabase(dir);
    store = new TransactionStore(db, openPiiCipher(dir));
  },
  async run() {
    if (!store) throw new Error('not set up');
    const latencies: number[] = [];
    const start = process.hrtime.bigint();
    for (let i = 0; i < COMMITS; i++) {
      const t = process.hrtime.bigint();
      store.createTransaction(issue(), issueLegs());
      latencies.push(msSince(t));
    }
    const seconds = msSince(start) / 1000;
    return [
      { name: 'commits/s', value: COMMITS / seconds, unit: '/s' },
      { name: 'p99', value: percentile(latencies, 99), unit: 'ms' },
    ];
  },
  async teardown() {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
};
