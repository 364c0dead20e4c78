import { KioskError } from '../../../shared/contract';
import type { EventOf } from '../../../shared/contract/events';
import type { PrintResult } from '../../../shared/contract/services/issuance';
import { printerFault } from '../../../shared/domain/device-status';
import { maskName } from '../../../shared/domain/pii';
import type { Lang } from '../../../shared/i18n/lang';
import type { TextOverrides } from '../../../shared/i18n';
import type { Db } from '../db/database';
import type { Printers } from '../devices/device-manager';
import type { Logger } from '../logger';
import type { StockAllocator } from '../stock/allocator';
import type { OutboxLeg } from '../transactions/outbox-payloads';
import type { TransactionStore } from '../transactions/transaction-store';
import { beijingDay } from './invoice-issue-checks';
import { invoiceForm } from './invoice-issue-form';
import { issueReceipt } from './invoice-issue-receipt';
import { readIssue, shownSellerName, type IssuePayload, type StoredIssue } from './invoice-issue-record';

export interface IssuePrintDeps {
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
}

/** The card holder as the receipt shows them: masked only. */
export interface MaskedPerson {
  maskedName: string;
  maskedId: string;
}

class NoStock extends Error {}

/**
 * Prints the invoice of a PAID transaction exactly once, then the receipt.
 *
 * - The number is claimed and `printing` written (transaction and allocation,
 *   one SQLite transaction) BEFORE the first byte goes to the printer.
 * - The printer refusing the job at its status check (nothing written) puts
 *   both back: the transaction to `paid`, the number to stock — "print again"
 *   then prints the same form, no second charge, no second number.
 * - Any other failure may have left ink on the form: the number is voided and
 *   the transaction goes to `needsAttention`; it is never printed blindly again.
 * - The outbox legs (one per authority) commit with `printed`: the invoice exists.
 */
export async function printIssue(deps: IssuePrintDeps, transactionId: string, person: MaskedPerson): Promise<PrintResult> {
  const { store, allocator, log } = deps;
  const issue = readIssue(store, transactionId);
  // A second tap, a stale screen: the invoice exists already — answer it, never print it again.
  if (issue.state === 'completed' && issue.payload.invoice) return completedResult(issue, issue.payload, true);
  if (issue.state === 'needsAttention') return { outcome: 'needsAttention', transactionId };
  if (issue.state !== 'paid') throw new KioskError('conflict', `the issue is ${issue.state}, not ready to print`);

  const notReady = printerFault(deps.printers.invoice.status());
  if (notReady) {
    log.info({ event: 'issue.printerNotReady', transactionId, fault: notReady }, 'invoice printer not ready; payment kept');
    return { outcome: 'printerNotReady', transactionId, fault: notReady };
  }

  deps.progress({ step: 'allocating', done: 0, total: 1 });
  const issueDate = beijingDay(deps.now?.() ?? new Date());
  let claimed: { allocationId: string; payload: IssuePayload };
  try {
    claimed = deps.db
      .transaction(() => {
        const got = allocator.allocate({ transactionId, type: issue.payload.invoiceType, quantity: 1 });
        if (!got.ok) throw new NoStock();
        const a = allocator.markPrinting(got.allocation.id);
        const payload: IssuePayload = { ...issue.payload, invoice: { code: a.code, number: a.first, allocationId: a.id, issueDate } };
        store.transition(transactionId, { from: 'paid', to: 'printing', payload });
        return { allocationId: a.id, payload };
      })
      .immediate();
  } catch (error) {
    if (error instanceof NoStock) {
      log.warn({ event: 'issue.noStock', transactionId, invoiceType: issue.payload.invoiceType }, 'no form left to issue on; payment kept');
      return { outcome: 'noStock', transactionId };
    }
    throw error;
  }
  const invoice = claimed.payload.invoice;
  if (!invoice) throw new Error('claimed payload without invoice');
  log.info({ event: 'issue.printing', transactionId, code: invoice.code, number: invoice.number }, 'invoice number claimed, printing');

  deps.progress({ step: 'printingForms', done: 0, total: 1 });
  const form = invoiceForm({
    code: invoice.code,
    number: invoice.number,
    issueDate,
    buyerName: issue.sealed.buyerName,
    buyerTaxId: claimed.payload.buyerTaxId,
    sellerName: issue.sealed.sellerName,
    sellerTaxId: issue.taxpayerId,
    items: claimed.payload.items,
    kioskId: deps.kioskId(),
    texts: deps.texts?.(),
  });
  const printed = await deps.printers.invoice
    .printForm(form)
    .catch((error: unknown) => ({ ok: false as const, code: 'hardwareError' as const, fault: null, detail: String(error) }));

  if (!printed.ok) {
    if (printed.code === 'deviceNotReady') {
      // Refused at the status check before the job: not one byte reached the form.
      deps.db
        .transaction(() => {
          allocator.releaseUnprinted(claimed.allocationId, `printer refused before printing: ${printed.fault ?? 'not ready'}`);
          store.transition(transactionId, {
            from: 'printing',
            to: 'paid',
            payload: { ...claimed.payload, invoice: null },
            error: `printer not ready: ${printed.fault ?? 'unknown'}`,
          });
        })
        .immediate();
      log.warn({ event: 'issue.printRefused', transactionId, fault: printed.fault }, 'printer refused the invoice before printing; payment kept for a retry');
      return { outcome: 'printerNotReady', transactionId, fault: printed.fault ?? 'hardwareError' };
    }
    deps.db
      .transaction(() => {
        allocator.voidAllocation(claimed.allocationId, `invoice print failed: ${printed.code} ${printed.fault ?? ''}`.trim());
        store.transition(transactionId, {
          from: 'printing',
          to: 'needsAttention',
          error: `invoice print failed: ${printed.code}, fault ${printed.fault ?? 'unknown'}`,
        });
      })
      .immediate();
    log.error({ event: 'issue.printFailed', transactionId, code: printed.code, fault: printed.fault }, 'invoice may be partly printed; needs attention');
    return { outcome: 'needsAttention', transactionId };
  }

  deps.db
    .transaction(() => {
      allocator.markPrinted(claimed.allocationId);
      store.transition(transactionId, { from: 'printing', to: 'printed', legs: issueLegs(issue.taxpayerId, claimed.payload) });
    })
    .immediate();
  deps.progress({ step: 'printingForms', done: 1, total: 1 });

  deps.progress({ step: 'printingReceipt', done: 0, total: 1 });
  const receipt = issueReceipt({
    lang: deps.lang(),
    texts: deps.texts?.(),
    personMaskedName: person.maskedName,
    personMaskedId: person.maskedId,
    sellerName: shownSellerName(issue),
    sellerTaxId: issue.taxpayerId,
    buyerName: claimed.payload.buyerTaxId === null ? maskName(issue.sealed.buyerName) : issue.sealed.buyerName,
    buyerTaxId: claimed.payload.buyerTaxId,
    invoiceCode: invoice.code,
    invoiceNumber: invoice.number,
    grossFen: claimed.payload.quote.grossFen,
    exempt: claimed.payload.quote.exempt,
    national: [{ kind: 'vat', amountFen: claimed.payload.quote.vatFen }],
    local: localLines(claimed.payload).map(({ item, fen }) => ({ kind: item, amountFen: fen })),
    nationalFen: issue.nationalFen,
    localFen: issue.localFen,
    paymentOrderId: claimed.payload.payment?.orderId ?? null,
    at: deps.now?.() ?? new Date(),
    kioskId: deps.kioskId(),
    transactionId,
  });
  const receiptOut = await deps.printers.receipt.printReceipt(receipt).catch((error: unknown) => ({ ok: false as const, detail: String(error) }));
  if (!receiptOut.ok) log.warn({ event: 'issue.receiptFailed', transactionId, detail: receiptOut.detail }, 'receipt not printed');
  deps.progress({ step: 'printingReceipt', done: 1, total: 1 });

  // The invoice is in the taxpayer's hands: done, with or without the receipt.
  deps.db
    .transaction(() => {
      allocator.complete(claimed.allocationId);
      store.transition(transactionId, { from: 'printed', to: 'completed' });
    })
    .immediate();
  log.info({ event: 'issue.completed', transactionId, code: invoice.code, number: invoice.number, receiptPrinted: receiptOut.ok }, 'invoice issued');
  return completedResult(issue, claimed.payload, receiptOut.ok);
}

function completedResult(issue: StoredIssue, payload: IssuePayload, receiptPrinted: boolean): PrintResult {
  if (!payload.invoice) throw new Error('completed issue without invoice');
  return {
    outcome: 'completed',
    transactionId: issue.id,
    invoiceCode: payload.invoice.code,
    invoiceNumber: payload.invoice.number,
    grossFen: payload.quote.grossFen,
    nationalFen: issue.nationalFen,
    localFen: issue.localFen,
    receiptPrinted,
  };
}

/**
 * The local authority's lines of a stored issue, as quoted: the surcharges,
 * then the withheld IIT unless the seller is an enterprise (docs/tax-rules.md,
 * "Seller kinds"). The receipt and the local leg both list these.
 */
export function localLines(payload: IssuePayload): { item: 'urbanMaintenance' | 'education' | 'localEducation' | 'iit'; fen: number }[] {
  const q = payload.quote;
  return [
    { item: 'urbanMaintenance', fen: q.urbanFen },
    { item: 'education', fen: q.educationFen },
    { item: 'localEducation', fen: q.localEducationFen },
    ...(payload.sellerKind === 'enterprise' ? [] : [{ item: 'iit' as const, fen: q.iitFen }]),
  ];
}

/** One message per authority, each listing its own lines (docs/tax-rules.md; docs/sync.md legs). */
export function issueLegs(sellerTaxId: string, payload: IssuePayload): OutboxLeg[] {
  const q = payload.quote;
  const invoice = payload.invoice ? { code: payload.invoice.code, number: payload.invoice.number } : null;
  const base = { schemaVersion: 1 as const, taxpayerId: sellerTaxId, invoice, grossFen: q.grossFen, exempt: q.exempt };
  return [
    { kind: 'invoice.issue', authority: 'national', payload: { ...base, lines: [{ item: 'vat', fen: q.vatFen }] } },
    {
      kind: 'invoice.issue',
      authority: 'local',
      payload: {
        ...base,
        lines: localLines(payload),
      },
    },
  ];
}
