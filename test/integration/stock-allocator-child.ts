/**
 * Child process for stock-allocator-crash.test.ts, bundled with esbuild to a
 * temp .cjs and run with plain node. It opens the kiosk database like the host
 * does and either allocates in a loop (concurrency) or stops at one step and
 * waits to be killed with SIGKILL (crash). Every allocation it gets is written
 * to stdout as a JSON line before the next step, synchronously, so the parent
 * knows exactly what the child was handed.
 */
import fs from 'node:fs';
import { openDatabase } from '../../electron/host/db/database';
import { openPiiCipher } from '../../electron/host/pii/pii-cipher';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';
import { StockAllocator } from '../../electron/host/stock/allocator';
import { collection } from '../unit/host/transaction-fixtures';

type Mode = 'loop' | 'afterAllocate' | 'afterPrinting' | 'afterPrinted' | 'midTransaction';
const [dataDir = '', modeArg = 'loop', countArg = '1', seedArg = '1'] = process.argv.slice(2);
const mode = modeArg as Mode;

const db = openDatabase(dataDir);
const store = new TransactionStore(db, openPiiCipher(dataDir));
const allocator = new StockAllocator(db);
const say = (value: unknown) => fs.writeSync(1, `${JSON.stringify(value)}\n`);
/** Blocks the thread without spinning until SIGKILL arrives. */
const hang = (): never => {
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

/** The service's first step: its transaction and its numbers in one SQLite transaction. */
function allocateOne(quantity: number) {
  const { id } = store.createTransaction(collection(quantity), []);
  const result = allocator.allocate({ transactionId: id, type: 'vatOrdinary', quantity });
  if (!result.ok) throw new Error(`noStock: ${result.remaining} remaining`);
  return result.allocation;
}
const allocateTx = db.transaction(allocateOne);

let seed = Number(seedArg);
const nextQuantity = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return 1 + (seed % 3);
};

switch (mode) {
  case 'loop':
    // Start together: the parent creates <dataDir>/go once both children have opened the database.
    say({ step: 'opened' });
    while (!fs.existsSync(`${dataDir}/go`)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    say({ step: 'started', at: Date.now() });
    for (let i = 0; i < Number(countArg); i++) {
      const a = allocateTx.immediate(nextQuantity());
      say({ step: 'allocated', allocation: a });
      allocator.markPrinting(a.id);
      allocator.markPrinted(a.id);
      allocator.complete(a.id);
      // The printing a real kiosk does between allocations: without a pause, SQLite's busy
      // handler lets one back-to-back writer starve the other and nothing interleaves.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + (seed % 5));
    }
    say({ step: 'done', at: Date.now() });
    db.close();
    break;
  case 'afterAllocate':
    say({ step: 'ready', allocation: allocateTx.immediate(2) });
    hang();
    break;
  case 'afterPrinting': {
    const a = allocateTx.immediate(2);
    allocator.markPrinting(a.id);
    say({ step: 'ready', allocation: a });
    hang();
    break;
  }
  case 'afterPrinted': {
    const a = allocateTx.immediate(2);
    allocator.markPrinting(a.id);
    allocator.markPrinted(a.id);
    say({ step: 'ready', allocation: a });
    hang();
    break;
  }
  case 'midTransaction':
    // Killed inside the SQLite transaction: rows written, never committed.
    db.transaction(() => {
      say({ step: 'ready', allocation: allocateOne(2) });
      hang();
    }).immediate();
    break;
  default:
    throw new Error(`unknown mode ${String(mode)}`);
}
