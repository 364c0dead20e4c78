import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  BackendError,
  backendMethods,
  type BackendMethodName,
  type BackendReply,
  type BackendRequest,
  type PaymentStatus,
  type TaxBackend,
} from '../../shared/backend';
import { migrate, type Db } from '../../electron/host/db/database';
import { intakeCounts, submit } from './intake';
import { auditHead } from './audit-anchor';
import { verifyCertificate } from './certificates';
import { iitRecords } from './iit';
import { bankApplication, bankAuthorizations, creditFacts } from './bank';
import { verifyCreditCertificate } from './credit-certificates';
import { sandboxMigrations } from './migrations';
import { monthOf } from './month';
import { createOrder, orderStatus, settleOrder } from './payments';
import { seedIfEmpty } from './seed';
import { createFaultSwitch, type FaultMode } from './simulate-faults';
import { forPerson, monthToDate } from './taxpayers';
import { collectionClaim, collectionRelease, eligibility, pickupLookup } from './claims';

export type { FaultMode } from './simulate-faults';

export interface SandboxBackendOptions {
  /** The sandbox's own SQLite file (never the kiosk's `kiosk.sqlite`). Created and seeded on first open. */
  dbPath: string;
  /** Defaults to the system clock. Drives the current month, payment expiry and auto-confirm. */
  clock?: () => Date;
  /** Demo: a pending order counts as paid this many ms after it was created. Off by default. */
  paymentAutoConfirmMs?: number;
  /** Initial fault mode; defaults to `none`. */
  faults?: FaultMode;
}

/** The sandbox backend: the TaxBackend contract plus the controls a demo or a test needs. */
export interface SandboxBackend extends TaxBackend {
  /** The taxpayer "paid" the order (what the payment provider would report). Answers the status afterwards. */
  confirmPayment(orderId: string): PaymentStatus;
  /** The order was cancelled (a pending order only). Answers the status afterwards. */
  cancelPayment(orderId: string): PaymentStatus;
  setFault(mode: FaultMode): void;
  /** Accepted intake messages per authority. */
  intakeCounts(): { national: number; local: number };
  /** What the sandbox bank holds (银税互动): every consent it received, for tests and demos. */
  bankAuthorizations(): Array<{ consentId: string; taxpayerId: string; bankId: string; revoked: boolean }>;
  close(): void;
}

function openSandboxDb(dbPath: string, now: Date): Db {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  // Same durability as the kiosk's own database (docs/sync.md: WAL's NORMAL can lose the last commits).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, sandboxMigrations);
  seedIfEmpty(db, now);
  return db;
}

export function createSandboxBackend(options: SandboxBackendOptions): SandboxBackend {
  const clock = options.clock ?? (() => new Date());
  const autoConfirmMs = options.paymentAutoConfirmMs;
  if (autoConfirmMs !== undefined && !(Number.isInteger(autoConfirmMs) && autoConfirmMs >= 0)) {
    throw new RangeError('paymentAutoConfirmMs must be a non-negative integer');
  }
  const db = openSandboxDb(options.dbPath, clock());
  const faults = createFaultSwitch(options.faults);

  /**
   * Every call: the fault gate, the request checked as a backend would, then
   * the reply checked against the same schema the kiosk applies — so the
   * sandbox can never answer something the kiosk would refuse.
   */
  async function serve<M extends BackendMethodName>(
    method: M,
    request: BackendRequest<M>,
    handler: (request: BackendRequest<M>, now: Date) => BackendReply<M> | undefined,
  ): Promise<BackendReply<M>> {
    await faults.gate(method);
    const schemas = backendMethods[method];
    const parsed = schemas.request.safeParse(request);
    if (!parsed.success) throw new BackendError('rejected', `${method}: invalid request: ${parsed.error.message}`);
    const reply = handler(parsed.data as BackendRequest<M>, clock());
    if (reply === undefined) throw new BackendError('rejected', `${method}: unknown taxpayer`);
    const checked = schemas.reply.safeParse(reply);
    if (!checked.success) throw new BackendError('rejected', `${method}: sandbox reply outside the contract: ${checked.error.message}`);
    return checked.data as BackendReply<M>;
  }

  return {
    taxpayersForPerson: (r) => serve('taxpayers.forPerson', r, (req, now) => forPerson(db, req, monthOf(now))),
    eligibilityCollect: (r) => serve('eligibility.collect', r, (req, now) => eligibility(db, req, monthOf(now))),
    pickupLookup: (r) => serve('pickup.lookup', r, (req) => pickupLookup(db, req)),
    collectionClaim: (r) => serve('collection.claim', r, (req, now) => collectionClaim(db, req, now)),
    collectionRelease: (r) => serve('collection.release', r, (req, now) => collectionRelease(db, req, now)),
    sellerMonthToDate: (r) => serve('seller.monthToDate', r, (req) => monthToDate(db, req)),
    paymentCreateOrder: (r) => serve('payment.createOrder', r, (req, now) => createOrder(db, req, now)),
    paymentStatus: (r) => serve('payment.status', r, (req, now) => orderStatus(db, req.orderId, now, autoConfirmMs)),
    paymentCancel: (r) =>
      serve('payment.cancel', r, (req, now) => {
        // A demo order already due to auto-confirm is paid: settle that first, then a cancel cannot undo it.
        orderStatus(db, req.orderId, now, autoConfirmMs);
        return { status: settleOrder(db, req.orderId, 'cancelled', now) };
      }),
    iitRecords: (r) => serve('iit.records', r, (req, now) => iitRecords(db, req, now)),
    transactionsSubmit: (r) => serve('transactions.submit', r, (req, now) => submit(db, req, now)),
    auditHead: (r) => serve('audit.head', r, (req) => auditHead(db, req)),
    certificateVerify: (r) => serve('certificate.verify', r, (req) => verifyCertificate(db, req)),
    creditCertificateVerify: (r) => serve('creditCertificate.verify', r, (req) => verifyCreditCertificate(db, req)),
    creditFacts: (r) => serve('credit.facts', r, (req, now) => creditFacts(db, req, now)),
    bankApplication: (r) => serve('bank.application', r, (req) => bankApplication(db, req)),
    bankAuthorizations: () => bankAuthorizations(db),
    confirmPayment: (orderId) => settleOrder(db, orderId, 'paid', clock()),
    cancelPayment: (orderId) => settleOrder(db, orderId, 'cancelled', clock()),
    setFault: (mode) => faults.set(mode),
    intakeCounts: () => intakeCounts(db),
    close: () => db.close(),
  };
}
