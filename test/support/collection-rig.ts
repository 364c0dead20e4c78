import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BackendError, validatingBackend, type TaxBackend } from '../../shared/backend';
import type { PrinterStatus } from '../../shared/domain/device-status';
import type { IdCard } from '../../shared/domain/idcard';
import { openDatabase, type Db } from '../../electron/host/db/database';
import type { Printers } from '../../electron/host/devices/device-manager';
import { silentLogger } from '../../electron/host/logger';
import { createPiiCipher } from '../../electron/host/pii/pii-cipher';
import { loadDemoStockIfEmpty } from '../../electron/host/services/demo-stock';
import { InvoiceCollectionService } from '../../electron/host/services/invoice-collection';
import { recoverStockOnStartup } from '../../electron/host/services/stock-recovery';
import { StockAllocator } from '../../electron/host/stock/allocator';
import { DeliveryLoop } from '../../electron/host/sync/delivery-loop';
import { InProcessPublisher } from '../../electron/host/sync/in-process-publisher';
import { TransactionStore } from '../../electron/host/transactions/transaction-store';
import { createSandboxBackend, type SandboxBackend } from '../../backend/sandbox';

/**
 * Kiosks and a tax backend without devices, for the collection rules
 * (docs/collection.md): the real InvoiceCollectionService, SQLite, stock
 * allocator, delivery loop (with the in-process publisher the sandbox mode
 * uses) and sandbox backend — only the printers and the card are stand-ins.
 * Each kiosk can lose its link to the backend, and can "crash" at a chosen
 * await: the pending call never settles, the process state is dropped and
 * the database reopened with the host's startup recovery, as after a kill.
 */
export const PEOPLE = { resident: '11010519491231002X', longTerm: '370102196005150024' } as const;

/** Where the process stops: before or after the n-th backend call of the visit, before form n, or before the receipt. */
export type CrashPoint = { at: 'backend'; call: number; applied: boolean } | { at: 'form'; index: number } | { at: 'receipt' };

/** Resolves when an armed crash happened; `hang` is what the crashed call returns (never settles). */
class CrashSwitch {
  point: CrashPoint | null = null;
  backendCalls = 0;
  forms = 0;
  private fire: (() => void) | null = null;
  crashed: Promise<'crashed'> = new Promise(() => undefined);

  arm(point: CrashPoint | null): void {
    this.point = point;
    this.backendCalls = 0;
    this.forms = 0;
    this.crashed = new Promise((resolve) => (this.fire = () => resolve('crashed')));
  }

  hang<T>(): Promise<T> {
    this.point = null;
    this.fire?.();
    return new Promise<T>(() => undefined);
  }
}

function tmpRoot(): string {
  // RAM-backed where there is one: the property test commits thousands of times with synchronous=FULL.
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, 'collection-rig-'));
}

const READY = (kind: 'receipt' | 'invoice' | 'a4'): PrinterStatus => ({
  kind,
  device: 'online',
  paper: 'full',
  coverOpen: false,
  cutterError: false,
  port: 'SIM',
  model: 'SIM',
  detail: null,
});

export class RigKiosk {
  db!: Db;
  store!: TransactionStore;
  allocator!: StockAllocator;
  service!: InvoiceCollectionService;
  delivery!: DeliveryLoop;
  /** The kiosk cannot reach the backend (queries, claims and delivery alike). */
  linkDown = false;
  /** Told of every backend call of the services (not delivery), after its answer: a test can cut the link there. */
  afterCall: ((method: string) => void) | null = null;
  /** The invoice printer runs out of paper before this form of the next collection (1-based), once. */
  paperOutAtForm: number | null = null;
  readonly crash = new CrashSwitch();
  private card: IdCard | null = null;
  private readonly key = crypto.randomBytes(32);

  constructor(
    readonly id: string,
    readonly dir: string,
    private readonly sandbox: SandboxBackend,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.open();
    loadDemoStockIfEmpty(this.db, silentLogger());
  }

  /** The person whose card is on this kiosk's reader. */
  person(idNumber: string): void {
    this.card = { idNumber } as IdCard;
  }

  /** How far the delivery loop's clock runs ahead: a day lets every row backing off go now ("the next day"). */
  deliveryAheadMs = 0;

  /** A process that died at an await: its state is dropped, the database reopened, startup recovery runs. */
  async restart(): Promise<void> {
    this.crash.arm(null);
    this.db.close();
    this.open();
    recoverStockOnStartup(this.allocator, this.store, silentLogger());
    await this.service.recoverClaims();
  }

  /** No crash armed: what runs next (recovery, a check) runs to its end. */
  calm(): void {
    this.crash.arm(null);
  }

  /** One pass of the delivery loop (nothing when the link is down). */
  async deliver(): Promise<void> {
    await this.delivery.deliverDueOnce();
  }

  pendingRows(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL').get() as { n: number }).n;
  }

  /** Runs `call` as a visit step; 'crashed' when an armed crash stopped it (then `restart()`). */
  async visit<T>(call: () => Promise<T>, crash: CrashPoint | null = null): Promise<T | 'crashed'> {
    this.crash.arm(crash);
    return Promise.race([call(), this.crash.crashed]);
  }

  private open(): void {
    this.db = openDatabase(this.dir);
    this.store = new TransactionStore(this.db, createPiiCipher(this.key));
    this.allocator = new StockAllocator(this.db);
    const backend = this.backend();
    this.service = new InvoiceCollectionService({
      db: this.db,
      backend,
      session: { activeCard: () => this.card },
      store: this.store,
      allocator: this.allocator,
      printers: () => this.printers(),
      log: silentLogger(),
      kioskId: () => this.id,
      lang: () => 'zh-CN',
      progress: () => undefined,
    });
    this.delivery = new DeliveryLoop({
      db: this.db,
      appId: this.id,
      openPublisher: () => Promise.resolve(new InProcessPublisher({ backend: this.backend({ crashes: false }), timeoutMs: 5000 })),
      now: () => new Date(Date.now() + this.deliveryAheadMs),
    });
  }

  /** The sandbox as this kiosk reaches it: contract-checked, behind this kiosk's link and crash switch. */
  private backend(options: { crashes: boolean } = { crashes: true }): TaxBackend {
    const inner = validatingBackend(this.sandbox);
    return new Proxy(inner, {
      get: (target, name: keyof TaxBackend) => {
        const method = target[name] as (request: unknown) => Promise<unknown>;
        return async (request: unknown) => {
          if (this.linkDown) throw new BackendError('unreachable', `${String(name)}: link down`);
          if (!options.crashes) return method(request);
          const n = ++this.crash.backendCalls;
          const point = this.crash.point;
          if (point?.at === 'backend' && point.call === n && !point.applied) return this.crash.hang();
          const reply = await method(request);
          if (point?.at === 'backend' && point.call === n) return this.crash.hang();
          this.afterCall?.(String(name));
          return reply;
        };
      },
    });
  }

  private printers(): Printers {
    const crash = this.crash;
    const printers = {
      receipt: {
        status: () => READY('receipt'),
        printReceipt: () => (crash.point?.at === 'receipt' ? crash.hang() : Promise.resolve({ ok: true })),
      },
      invoice: {
        status: () => READY('invoice'),
        ejectBlankForms: () => {
          const index = ++crash.forms;
          if (crash.point?.at === 'form' && crash.point.index === index) return crash.hang();
          if (this.paperOutAtForm === index) {
            this.paperOutAtForm = null;
            return Promise.resolve({ ok: false, code: 'paperOut', fault: 'paperOut', detail: 'paper out', formsFed: 0 });
          }
          return Promise.resolve({ ok: true, formsFed: 1 });
        },
      },
      a4: { status: () => READY('a4') },
    };
    return printers as unknown as Printers;
  }
}

const SANDBOX_FILE = 'sandbox-backend.sqlite';

/**
 * One backend and `kiosks` kiosks, each with the demo stock (50 forms of
 * each demo type). `template`: a directory a closed rig left (`saveAs`), whose
 * files are copied instead of migrating and seeding again — a property test
 * starts thousands of fresh worlds.
 */
export class CollectionRig {
  readonly root = tmpRoot();
  readonly sandbox: SandboxBackend;
  readonly kiosks: RigKiosk[];
  private readonly sandboxPath = path.join(this.root, SANDBOX_FILE);
  private reader: Database.Database | null = null;

  constructor(kiosks = 2, template: string | null = null) {
    if (template !== null) fs.cpSync(template, this.root, { recursive: true });
    this.sandbox = createSandboxBackend({ dbPath: this.sandboxPath });
    this.kiosks = Array.from({ length: kiosks }, (_, i) => new RigKiosk(`KIOSK-${i + 1}`, path.join(this.root, `kiosk-${i + 1}`), this.sandbox));
  }

  /** Closes this rig and keeps its files as a template for `new CollectionRig(n, dir)`. */
  static template(kiosks = 2): string {
    const rig = new CollectionRig(kiosks);
    rig.closeFiles();
    return rig.root;
  }

  /** Reads the backend's own database (a second connection; the sandbox keeps writing through its own). */
  backendDb<T>(fn: (db: Database.Database) => T): T {
    this.reader ??= new Database(this.sandboxPath, { readonly: true });
    return fn(this.reader);
  }

  close(): void {
    this.closeFiles();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private closeFiles(): void {
    this.reader?.close();
    for (const kiosk of this.kiosks) if (kiosk.db.open) kiosk.db.close();
    this.sandbox.close();
  }
}
