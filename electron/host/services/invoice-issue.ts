import { KioskError, type MethodName } from '../../../shared/contract';
import type { EventOf } from '../../../shared/contract/events';
import type { TaxpayerChoice } from '../../../shared/contract/services/collection';
import type { IssuanceRefusal, IssueDraft, PaidIssue, PayResult, PrintResult, QuoteView, UnfinishedIssue } from '../../../shared/contract/services/issuance';
import { isBackendError, type Taxpayer, type TaxBackend } from '../../../shared/backend';
import type { TaxConfig } from '../../../shared/config/tax-config';
import { printerFault } from '../../../shared/domain/device-status';
import { maskIdNumber, maskName } from '../../../shared/domain/pii';
import { translateWith, type TextOverrides } from '../../../shared/i18n';
import type { Lang } from '../../../shared/i18n/lang';
import type { Db } from '../db/database';
import type { Printers } from '../devices/device-manager';
import type { Logger } from '../logger';
import type { SessionService } from '../session/session-service';
import type { StockAllocator } from '../stock/allocator';
import { stockSummary } from '../stock/stock-store';
import type { TransactionStore } from '../transactions/transaction-store';
import { beijingDay, beijingMonth, issueInvoiceType, quoteDraft, quoteView, sellerRefusal } from './invoice-issue-checks';
import { formItems } from './invoice-issue-form';
import { printIssue, type MaskedPerson } from './invoice-issue-print';
import { belongsTo, fromRecord, readIssue, shownSellerName, type IssuePayload, type StoredIssue } from './invoice-issue-record';
import { paymentQr } from './payment-qr';
import { activeCard, logBackendFailure, ownTaxpayer, taxpayersOf } from './visit-person';
import { displayTaxpayerName } from './invoice-collection';

export interface InvoiceIssueDeps {
  db: Db;
  backend: TaxBackend;
  session: SessionService;
  store: TransactionStore;
  allocator: StockAllocator;
  /** Null before the devices have started. */
  printers: () => Printers | null;
  taxConfig: () => TaxConfig;
  log: Logger;
  kioskId: () => string;
  lang: () => Lang;
  /** The administrators' text overrides in force (config bundles); none = the catalogues. */
  texts?: () => TextOverrides;
  progress: (event: EventOf<'service.progress'>) => void;
  now?: () => Date;
}

type BeginResult =
  { outcome: 'ok'; sellers: TaxpayerChoice[]; unfinished: UnfinishedIssue[]; maxLines: number; limitFen: number } | { outcome: 'backendUnreachable' };
type Refusable<T> = T | { outcome: 'refused'; refusal: IssuanceRefusal };
type StatusResult = { status: 'pending' | 'paid' | 'expired' | 'cancelled' | 'unknown'; paid: PaidIssue | null };
type CancelResult = { status: 'cancelled' | 'expired' | 'paid' | 'unknown'; paid: PaidIssue | null };

/** A refusal decided before anything was stored. */
class Refused extends Error {
  constructor(readonly refusal: IssuanceRefusal) {
    super(refusal.reason);
  }
}
const UNREACHABLE: IssuanceRefusal = { reason: 'backendUnreachable' };
/** After its QR code expires, a payment still holds the visit this long (the backend's last answer). */
const PAYMENT_HOLD_GRACE_MS = 60_000;
/** A paid issue holds the visit this long for its invoice (printing, or the staff notice on screen). */
const PRINT_HOLD_MS = 5 * 60_000;

/**
 * 发票代开: seller → buyer → lines → the tax split by authority → payment by
 * QR code (confirmed by the backend) → the invoice on the form → the receipt.
 *
 * Nothing from the screen is trusted: the seller must be one the person on
 * the card may act for, the lines are checked again, the tax is computed here
 * from the active config. Once paid, the transaction is only ever finished
 * (printed once) or handed to staff — never charged twice, never dropped.
 */
export class InvoiceIssueService {
  private busy = false;

  constructor(private readonly deps: InvoiceIssueDeps) {}

  async begin(): Promise<BeginResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    try {
      const sellers = await taxpayersOf(this.deps.backend, idNumber);
      const unfinished = await this.unfinished(idNumber);
      const config = this.deps.taxConfig();
      return {
        outcome: 'ok',
        // A natural person is the cardholder: their name is shown masked, like every person's on screen.
        sellers: sellers.map((t) => ({ id: t.id, name: displayTaxpayerName(t), kind: t.kind, asAgent: t.kind === 'enterprise' })),
        unfinished,
        maxLines: config.maxLinesPerForm,
        limitFen: config.invoiceLimitFen[config.amountVersion],
      };
    } catch (error) {
      if (isBackendError(error)) return this.unreachable('issuance.begin', error);
      throw error;
    }
  }

  /** Asked when the seller is picked, so nobody types a whole invoice to be refused at the end. */
  async seller(taxpayerId: string): Promise<Refusable<{ outcome: 'ok' }>> {
    const idNumber = activeCard(this.deps.session).idNumber;
    return this.refusable('issuance.seller', async () => {
      const seller = await ownTaxpayer(this.deps.backend, idNumber, taxpayerId);
      this.assertCanIssue(seller);
      return { outcome: 'ok' as const };
    });
  }

  async quote(draft: IssueDraft): Promise<Refusable<{ outcome: 'ok'; quote: QuoteView }>> {
    const idNumber = activeCard(this.deps.session).idNumber;
    return this.refusable('issuance.quote', async () => {
      const seller = await ownTaxpayer(this.deps.backend, idNumber, draft.taxpayerId);
      const quoted = quoteDraft(draft, seller, await this.monthToDate(seller.id), this.deps.taxConfig(), this.today());
      if (!quoted.ok) throw new Refused(quoted.refusal);
      return { outcome: 'ok' as const, quote: quoteView(quoted.quote) };
    });
  }

  /** One payment at a time: a second tap while the order is being made is a conflict, not a second order. */
  async pay(draft: IssueDraft): Promise<PayResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    return this.holdFor(await this.exclusive(() => this.refusable('issuance.pay', () => this.createAndOrder(idNumber, draft))));
  }

  async paymentStatus(transactionId: string): Promise<StatusResult> {
    const issue = this.ownIssue(transactionId);
    if (issue.state !== 'paymentPending') return this.settledStatus(issue);
    const orderId = issue.payload.payment?.orderId;
    if (!orderId) throw new KioskError('conflict', 'no payment order');
    let answer: { status: 'pending' | 'paid' | 'expired' | 'cancelled'; paidAt: string | null };
    try {
      answer = await this.deps.backend.paymentStatus({ orderId });
    } catch (error) {
      if (isBackendError(error)) {
        this.unreachable('issuance.paymentStatus', error);
        return { status: 'unknown', paid: null };
      }
      throw error;
    }
    return this.applyPayment(issue, answer.status, answer.paidAt);
  }

  /** Cancels the order at the backend; money that arrived first is never cancelled away. */
  async cancel(transactionId: string): Promise<CancelResult> {
    const result = await this.cancelOrder(transactionId);
    if (result.status === 'cancelled' || result.status === 'expired') this.deps.session.release(transactionId);
    return result;
  }

  private async cancelOrder(transactionId: string): Promise<CancelResult> {
    const issue = this.ownIssue(transactionId);
    if (issue.state !== 'paymentPending') {
      const settled = this.settledStatus(issue);
      return { status: settled.status === 'pending' || settled.status === 'unknown' ? 'cancelled' : settled.status, paid: settled.paid };
    }
    const orderId = issue.payload.payment?.orderId;
    if (!orderId) throw new KioskError('conflict', 'no payment order');
    try {
      const { status } = await this.deps.backend.paymentCancel({ orderId });
      const applied = this.applyPayment(issue, status, status === 'paid' ? (this.deps.now?.() ?? new Date()).toISOString() : null);
      return { status: applied.status === 'pending' || applied.status === 'unknown' ? 'unknown' : applied.status, paid: applied.paid };
    } catch (error) {
      if (isBackendError(error)) {
        this.unreachable('issuance.cancel', error);
        return { status: 'unknown', paid: null };
      }
      throw error;
    }
  }

  /** An unfinished issue of this person: its QR code again, or ready to print. */
  async resume(transactionId: string): Promise<PayResult> {
    return this.holdFor(await this.resumeIssue(transactionId));
  }

  private async resumeIssue(transactionId: string): Promise<PayResult> {
    const issue = this.ownIssue(transactionId);
    if (issue.state === 'paid') return { outcome: 'paid', paid: paidView(issue) };
    if (issue.state !== 'paymentPending') throw new KioskError('conflict', `the issue is ${issue.state}`);
    return this.refusable('issuance.resume', async () => {
      const status = await this.paymentStatus(transactionId);
      if (status.paid) return { outcome: 'paid' as const, paid: status.paid };
      if (status.status === 'unknown') throw new Refused(UNREACHABLE);
      if (status.status !== 'pending') throw new KioskError('conflict', `the payment is ${status.status}`);
      // Idempotent on the transaction: the same order and QR code as before.
      const order = await this.deps.backend.paymentCreateOrder({ transactionId, amountFen: issue.payableFen, description: this.orderDescription() });
      return {
        outcome: 'awaitingPayment' as const,
        payment: { transactionId, orderId: order.orderId, amountFen: issue.payableFen, qr: paymentQr(order.qrPayload), expiresAt: order.expiresAt },
      };
    });
  }

  async print(transactionId: string): Promise<PrintResult> {
    const card = this.deps.session.activeCard();
    if (!card) throw new KioskError('notAvailable', 'no active visit');
    this.ownIssue(transactionId);
    const person: MaskedPerson = { maskedName: maskName(card.name), maskedId: maskIdNumber(card.idNumber) };
    try {
      return await this.exclusive(async () => {
        const printers = this.deps.printers();
        if (!printers) return { outcome: 'printerNotReady', transactionId, fault: 'noDevice' };
        return printIssue({ ...this.deps, printers }, transactionId, person);
      });
    } finally {
      // The invoice, or a screen that sends the person to staff: the payment no longer holds the visit.
      this.deps.session.release(transactionId);
    }
  }

  /**
   * A QR code on screen or a paid issue keeps the visit when the card is
   * lifted (docs/certificate.md "Payment safety"): until the code expires,
   * or for the invoice.
   */
  private holdFor(result: PayResult): PayResult {
    const now = (this.deps.now?.() ?? new Date()).getTime();
    if (result.outcome === 'awaitingPayment') {
      const expires = Date.parse(result.payment.expiresAt);
      this.deps.session.hold(result.payment.transactionId, (Number.isNaN(expires) ? now + PRINT_HOLD_MS : expires) + PAYMENT_HOLD_GRACE_MS);
    } else if (result.outcome === 'paid') {
      this.deps.session.hold(result.paid.transactionId, now + PRINT_HOLD_MS);
    }
    return result;
  }

  /** Simulator: the newest order still waiting, for the SimPanel's "confirm payment". */
  newestPendingOrder(): string | null {
    const pending = this.deps.store.listOpen(1000).filter((t) => t.kind === 'invoiceIssue' && t.state === 'paymentPending');
    for (const record of pending.reverse()) {
      const payment = (record.payload as Partial<IssuePayload>).payment;
      if (payment?.orderId) return payment.orderId;
    }
    return null;
  }

  private async createAndOrder(idNumber: string, draft: IssueDraft): Promise<PayResult> {
    const { store, log } = this.deps;
    const config = this.deps.taxConfig();
    const seller = await ownTaxpayer(this.deps.backend, idNumber, draft.taxpayerId);
    this.assertCanIssue(seller);
    const quoted = quoteDraft(draft, seller, await this.monthToDate(seller.id), config, this.today());
    if (!quoted.ok) throw new Refused(quoted.refusal);
    const q = quoted.quote;
    const payload: IssuePayload = {
      schemaVersion: 2,
      invoiceType: issueInvoiceType(config),
      buyerTaxId: draft.buyer.kind === 'company' ? draft.buyer.taxId : null,
      items: formItems(draft.lines, q),
      quote: {
        grossFen: q.grossFen,
        netFen: q.netFen,
        vatFen: q.vatFen,
        urbanFen: q.urbanFen,
        educationFen: q.educationFen,
        localEducationFen: q.localEducationFen,
        iitFen: q.iitFen,
        exempt: q.exempt,
      },
      levyRateBp: q.levyRateBp,
      sellerKind: q.sellerKind,
      payment: null,
      invoice: null,
    };
    const { id } = store.createTransaction(
      {
        kind: 'invoiceIssue',
        taxpayerId: seller.id,
        personIdNumber: idNumber,
        nationalFen: q.nationalFen,
        localFen: q.localFen,
        payload,
        sealed: { sellerName: seller.name, buyerName: draft.buyer.name },
      },
      [],
    );
    log.info(
      { event: 'issue.created', transactionId: id, lines: draft.lines.length, grossFen: q.grossFen, payableFen: q.totalFen, exempt: q.exempt },
      'issue stored',
    );

    if (q.totalFen === 0) {
      // Nothing to pay (exempt, no IIT): no order, straight to printing.
      this.deps.db
        .transaction(() => {
          store.transition(id, { from: 'created', to: 'paymentPending' });
          store.transition(id, { from: 'paymentPending', to: 'paid' });
        })
        .immediate();
      return { outcome: 'paid', paid: paidView(readIssue(store, id)) };
    }

    let order: { orderId: string; qrPayload: string; expiresAt: string };
    try {
      order = await this.deps.backend.paymentCreateOrder({ transactionId: id, amountFen: q.totalFen, description: this.orderDescription() });
    } catch (error) {
      // The QR code was never shown: nobody can have paid. The transaction ends here.
      store.transition(id, { from: 'created', to: 'failed', error: 'payment order not created' });
      throw error;
    }
    store.transition(id, {
      from: 'created',
      to: 'paymentPending',
      payload: { ...payload, payment: { orderId: order.orderId, expiresAt: order.expiresAt, paidAt: null } },
    });
    log.info({ event: 'issue.awaitingPayment', transactionId: id, orderId: order.orderId, amountFen: q.totalFen }, 'payment order created');
    return {
      outcome: 'awaitingPayment',
      payment: { transactionId: id, orderId: order.orderId, amountFen: q.totalFen, qr: paymentQr(order.qrPayload), expiresAt: order.expiresAt },
    };
  }

  /** Writes what the backend said about the order; `paid` is final for the payment whatever the screen does. */
  private applyPayment(issue: StoredIssue, status: 'pending' | 'paid' | 'expired' | 'cancelled', paidAt: string | null): StatusResult {
    const { store, log } = this.deps;
    if (status === 'pending') return { status, paid: null };
    if (status === 'paid') {
      const payment = issue.payload.payment ? { ...issue.payload.payment, paidAt: paidAt ?? (this.deps.now?.() ?? new Date()).toISOString() } : null;
      store.transition(issue.id, { from: 'paymentPending', to: 'paid', payload: { ...issue.payload, payment } });
      log.info({ event: 'issue.paid', transactionId: issue.id, orderId: payment?.orderId }, 'payment confirmed by the backend');
      this.deps.session.hold(issue.id, (this.deps.now?.() ?? new Date()).getTime() + PRINT_HOLD_MS);
      return { status, paid: paidView(readIssue(store, issue.id)) };
    }
    store.transition(issue.id, { from: 'paymentPending', to: 'failed', error: `payment ${status}` });
    log.info({ event: 'issue.paymentEnded', transactionId: issue.id, status }, 'payment ended without money');
    this.deps.session.release(issue.id);
    return { status, paid: null };
  }

  /** The status of an issue that is no longer waiting for its payment. */
  private settledStatus(issue: StoredIssue): StatusResult {
    if (issue.state === 'failed') return { status: issue.payload.payment ? 'cancelled' : 'expired', paid: null };
    if (issue.state === 'created') return { status: 'pending', paid: null };
    return { status: 'paid', paid: paidView(issue) };
  }

  /** Open issues of this person; a pending payment is asked about first, so the list says the truth. */
  private async unfinished(idNumber: string): Promise<UnfinishedIssue[]> {
    const out: UnfinishedIssue[] = [];
    for (const record of this.deps.store.findByPerson(idNumber)) {
      if (record.kind !== 'invoiceIssue' || (record.state !== 'paid' && record.state !== 'paymentPending')) continue;
      let issue: StoredIssue;
      try {
        issue = fromRecord(this.deps.store, record);
      } catch {
        continue; // written by another build: staff finish it
      }
      let stage: UnfinishedIssue['stage'] = issue.state === 'paid' ? 'paid' : 'awaitingPayment';
      if (issue.state === 'paymentPending') {
        const status = await this.paymentStatus(issue.id);
        if (status.status === 'expired' || status.status === 'cancelled') continue;
        if (status.status === 'paid') stage = 'paid';
      }
      out.push({
        transactionId: issue.id,
        stage,
        sellerName: shownSellerName(issue),
        grossFen: issue.payload.quote.grossFen,
        payableFen: issue.payableFen,
        createdAt: issue.createdAt,
      });
    }
    return out;
  }

  private assertCanIssue(seller: Taxpayer): void {
    const refusal = sellerRefusal(seller, this.deps.taxConfig());
    if (refusal) throw new Refused(refusal);
    const printers = this.deps.printers();
    if (!printers) throw new Refused({ reason: 'printerNotReady', printer: 'invoice', fault: 'noDevice' });
    // Both before any money moves: the invoice must come out, and the receipt is the taxpayer's proof of payment.
    for (const printer of ['invoice', 'receipt'] as const) {
      const fault = printerFault(printers[printer].status());
      if (fault) throw new Refused({ reason: 'printerNotReady', printer, fault });
    }
    if (this.formsLeft() < 1) throw new Refused({ reason: 'noStock' });
  }

  /** Forms of the issuing type not yet promised to an issue that is paid for (or being paid). */
  private formsLeft(): number {
    const type = issueInvoiceType(this.deps.taxConfig());
    const remaining = stockSummary(this.deps.db).find((s) => s.type === type)?.remaining ?? 0;
    const promised = this.deps.store
      .listOpen(1000)
      .filter((t) => t.kind === 'invoiceIssue' && (t.state === 'created' || t.state === 'paymentPending' || t.state === 'paid')).length;
    return remaining - promised;
  }

  /** The China date of the sale: it picks the levy rate in force. */
  private today(): string {
    return beijingDay(this.deps.now?.() ?? new Date());
  }

  private async monthToDate(taxpayerId: string): Promise<number> {
    return (await this.deps.backend.sellerMonthToDate({ taxpayerId, month: beijingMonth(this.deps.now?.() ?? new Date()) })).grossFen;
  }

  private ownIssue(transactionId: string): StoredIssue {
    const idNumber = activeCard(this.deps.session).idNumber;
    // A transaction of someone else is "not found" to this person, never described.
    if (!belongsTo(this.deps.store, transactionId, idNumber)) throw new KioskError('invalidRequest', 'no such issue transaction');
    return readIssue(this.deps.store, transactionId);
  }

  private async refusable<T>(method: MethodName, run: () => Promise<T>): Promise<T | { outcome: 'refused'; refusal: IssuanceRefusal }> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Refused) return { outcome: 'refused', refusal: error.refusal };
      if (isBackendError(error)) {
        this.unreachable(method, error);
        return { outcome: 'refused', refusal: UNREACHABLE };
      }
      throw error;
    }
  }

  private async exclusive<T>(run: () => Promise<T>): Promise<T> {
    if (this.busy) throw new KioskError('conflict', 'an issue step is already running');
    this.busy = true;
    try {
      return await run();
    } finally {
      this.busy = false;
    }
  }

  /** Plain words on the payer's phone; no personal data (the provider shows it to whoever pays). */
  private orderDescription(): string {
    return translateWith(this.deps.texts?.(), this.deps.lang(), 'issuance.order.description');
  }

  private unreachable(method: MethodName, error: { code: string }): { outcome: 'backendUnreachable' } {
    logBackendFailure(this.deps.log, method, error);
    return { outcome: 'backendUnreachable' };
  }
}

function paidView(issue: StoredIssue): PaidIssue {
  return {
    transactionId: issue.id,
    sellerName: shownSellerName(issue),
    buyerName: issue.payload.buyerTaxId === null ? maskName(issue.sealed.buyerName) : issue.sealed.buyerName,
    grossFen: issue.payload.quote.grossFen,
    paidFen: issue.payableFen,
  };
}
