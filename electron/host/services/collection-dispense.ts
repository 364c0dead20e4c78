import type { CollectionResult } from '../../../shared/contract/services/collection';
import type { EventOf } from '../../../shared/contract/events';
import type { PrinterFault } from '../../../shared/domain/device-status';
import type { Lang } from '../../../shared/i18n/lang';
import type { TextOverrides } from '../../../shared/i18n';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { Printers } from '../devices/device-manager';
import type { Allocation, StockAllocator } from '../stock/allocator';
import type { TransactionStore } from '../transactions/transaction-store';
import { collectionReceipt } from './collection-receipt';
import type { AuditLog } from '../audit/audit-log';
import type { CollectionLedger } from './collection-ledger';

export interface DispenseDeps {
  db: Db;
  store: TransactionStore;
  allocator: StockAllocator;
  printers: Printers;
  log: Logger;
  kioskId: () => string;
  lang: () => Lang;
  /** The administrators' text overrides in force (config bundles); none = the catalogues. */
  texts?: () => TextOverrides;
  progress: (event: EventOf<'service.progress'>) => void;
  now?: () => Date;
  audit?: AuditLog;
  ledger: CollectionLedger;
}

export interface DispenseRequest {
  /** The id the backend claim was made for (collection-claim.ts): the transaction is created with it. */
  transactionId: string;
  /** Plaintext in memory only; the store keeps it encrypted. */
  idNumber: string;
  taxpayerId: string;
  taxpayerName: string;
  /** As the result screen shows it (masked for a person). */
  taxpayerDisplayName: string;
  invoiceType: string;
  invoiceTypeName: string;
  quantity: number;
  pickupCode: string | null;
}

export type Dispensed = { kind: 'noStock'; remaining: number } | { kind: 'done'; result: CollectionResult };

class NoStock extends Error {
  constructor(readonly remaining: number) {
    super('noStock');
  }
}

/**
 * Allocates, feeds the forms and prints the receipt. Everything that must hold
 * after a crash is written before the physical step: the transaction, its
 * national outbox row (carrying the 取票码, if any), the range, the
 * `printing` marks, the ledger entry and the settled claim intent commit
 * together before the first form moves (allocation needs the transaction's
 * id, so the row is created, the range claimed, then moved to `printing` with
 * the message — all in one SQLite transaction; no stock rolls all of it
 * back). docs/collection.md "A dispense".
 */
export async function dispense(deps: DispenseDeps, req: DispenseRequest): Promise<Dispensed> {
  const { store, allocator, log } = deps;
  deps.progress({ step: 'allocating', done: 0, total: req.quantity });
  let transactionId: string;
  let allocation: Allocation;
  try {
    ({ transactionId, allocation } = deps.db
      .transaction(() => {
        const base = { schemaVersion: 1 as const, invoiceType: req.invoiceType, quantity: req.quantity, pickupCode: req.pickupCode };
        const { id } = store.createTransaction(
          {
            kind: 'invoiceCollection',
            taxpayerId: req.taxpayerId,
            personIdNumber: req.idNumber,
            nationalFen: 0,
            localFen: 0,
            payload: { ...base, allocation: null },
          },
          [],
          { id: req.transactionId },
        );
        const claimed = allocator.allocate({ transactionId: id, type: req.invoiceType, quantity: req.quantity });
        if (!claimed.ok) throw new NoStock(claimed.remaining);
        const a = claimed.allocation;
        const range = { code: a.code, first: a.first, last: a.last };
        store.transition(id, {
          from: 'created',
          to: 'printing',
          payload: { ...base, allocation: { ...range, allocationId: a.id } },
          legs: [
            {
              kind: 'invoice.collection',
              authority: 'national',
              payload: { schemaVersion: 2, taxpayerId: req.taxpayerId, invoiceType: req.invoiceType, range, quantity: a.quantity, pickupCode: req.pickupCode },
            },
          ],
        });
        // Counted at once (options, eligibility) until the backend says it counted it; the claim is settled.
        deps.ledger.record({ transactionId: id, taxpayerId: req.taxpayerId, invoiceType: req.invoiceType, quantity: a.quantity, pickupCode: req.pickupCode });
        deps.ledger.dropIntent(id);
        // The state moves are audited by the store itself (host.ts); the range is this step's own.
        deps.audit?.append({
          kind: 'transaction.step',
          data: { transactionId: id, service: 'invoiceCollection', step: 'allocated', detail: `${a.code} ${a.first}-${a.last}` },
        });
        return { transactionId: id, allocation: allocator.markPrinting(a.id) };
      })
      .immediate());
  } catch (error) {
    if (error instanceof NoStock) {
      log.info({ event: 'collection.noStock', invoiceType: req.invoiceType, requested: req.quantity, remaining: error.remaining }, 'not enough stock');
      return { kind: 'noStock', remaining: error.remaining };
    }
    throw error;
  }
  log.info({ event: 'collection.allocated', transactionId, code: allocation.code, first: allocation.first, last: allocation.last }, 'range allocated');

  const fed = await feedForms(deps, req.quantity);
  if (fed.formsOut < req.quantity) {
    // Any of these numbers may be on paper (or half-fed): never hand them out again.
    // The allocator only voids whole ranges, so the forms still in the tray go too.
    allocator.voidAllocation(allocation.id, `form feed stopped after ${fed.formsOut} of ${req.quantity}: ${fed.fault ?? 'error'}`);
    store.transition(transactionId, {
      from: 'printing',
      to: 'needsAttention',
      error: `forms out ${fed.formsOut}/${req.quantity}, fault ${fed.fault ?? 'unknown'}`,
    });
    log.warn({ event: 'collection.failed', transactionId, formsOut: fed.formsOut, requested: req.quantity, fault: fed.fault }, 'form feed failed');
    return { kind: 'done', result: { outcome: 'failed', transactionId, formsOut: fed.formsOut, fault: fed.fault } };
  }
  deps.audit?.record({ kind: 'print', data: { printer: 'invoice', document: 'blankForms', transactionId, ok: true, detail: `${req.quantity} forms` } });
  allocator.markPrinted(allocation.id);
  store.transition(transactionId, { from: 'printing', to: 'printed' });

  deps.progress({ step: 'printingReceipt', done: 0, total: 1 });
  const receipt = collectionReceipt({
    lang: deps.lang(),
    texts: deps.texts?.(),
    taxpayerName: req.taxpayerName,
    invoiceTypeName: req.invoiceTypeName,
    code: allocation.code,
    first: allocation.first,
    last: allocation.last,
    quantity: allocation.quantity,
    at: deps.now?.() ?? new Date(),
    kioskId: deps.kioskId(),
    transactionId,
  });
  const printed = await deps.printers.receipt.printReceipt(receipt).catch((error: unknown) => ({ ok: false as const, detail: String(error) }));
  if (!printed.ok) log.warn({ event: 'collection.receiptFailed', transactionId, detail: printed.detail }, 'receipt not printed');
  deps.audit?.record({ kind: 'print', data: { printer: 'receipt', document: 'collectionReceipt', transactionId, ok: printed.ok } });
  deps.progress({ step: 'printingReceipt', done: 1, total: 1 });

  // The forms are in the taxpayer's hands: the collection is done even without a receipt.
  allocator.complete(allocation.id);
  store.transition(transactionId, { from: 'printed', to: 'completed' });
  log.info({ event: 'collection.completed', transactionId, quantity: allocation.quantity, receiptPrinted: printed.ok }, 'collection completed');
  return {
    kind: 'done',
    result: {
      outcome: 'completed',
      transactionId,
      invoiceType: req.invoiceType,
      invoiceTypeName: req.invoiceTypeName,
      code: allocation.code,
      first: allocation.first,
      last: allocation.last,
      quantity: allocation.quantity,
      taxpayerName: req.taxpayerDisplayName,
      receiptPrinted: printed.ok,
    },
  };
}

/** One form per job, so the screen can count them out and a fault says exactly how many left. */
async function feedForms(deps: DispenseDeps, quantity: number): Promise<{ formsOut: number; fault: PrinterFault | null }> {
  deps.progress({ step: 'printingForms', done: 0, total: quantity });
  for (let i = 0; i < quantity; i++) {
    const outcome = await deps.printers.invoice
      .ejectBlankForms(1)
      .catch((error: unknown) => ({ ok: false as const, fault: null, detail: String(error), formsFed: 0 }));
    if (!outcome.ok) return { formsOut: i + (outcome.formsFed ?? 0), fault: outcome.fault };
    deps.progress({ step: 'printingForms', done: i + 1, total: quantity });
  }
  return { formsOut: quantity, fault: null };
}
