import { KioskError, type MethodName } from '../../../shared/contract';
import type { CollectionRefusal, CollectionRequest, CollectionResult, InvoiceTypeOption, TaxpayerChoice } from '../../../shared/contract/services/collection';
import type { EventOf } from '../../../shared/contract/events';
import { isBackendError, type Taxpayer, type TaxBackend } from '../../../shared/backend';
import { printerFault, type PrinterFault } from '../../../shared/domain/device-status';
import type { Lang } from '../../../shared/i18n/lang';
import type { TextOverrides } from '../../../shared/i18n';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { Printers } from '../devices/device-manager';
import type { SessionService } from '../session/session-service';
import type { StockAllocator } from '../stock/allocator';
import { stockSummary } from '../stock/stock-store';
import type { TransactionStore } from '../transactions/transaction-store';
import { dispense, type Dispensed } from './collection-dispense';
import type { AuditLog } from '../audit/audit-log';
import { activeCard, logBackendFailure, ownTaxpayer, taxpayersOf } from './visit-person';

/** The most one collection may take, whatever quota and stock allow (the contract's request limit). */
export const MAX_PER_COLLECTION = 100;

export interface InvoiceCollectionDeps {
  db: Db;
  backend: TaxBackend;
  session: SessionService;
  store: TransactionStore;
  allocator: StockAllocator;
  /** Null before the devices have started. */
  printers: () => Printers | null;
  log: Logger;
  kioskId: () => string;
  lang: () => Lang;
  /** The administrators' text overrides in force (config bundles); none = the catalogues. */
  texts?: () => TextOverrides;
  progress: (event: EventOf<'service.progress'>) => void;
  now?: () => Date;
  /** The audit trail: each transaction step is an entry (collection-dispense.ts). */
  audit?: AuditLog;
}

type ListResult = { outcome: 'ok'; taxpayers: TaxpayerChoice[] } | { outcome: 'backendUnreachable' };
type OptionsResult = { outcome: 'ok'; types: InvoiceTypeOption[] } | { outcome: 'refused'; refusal: CollectionRefusal };

/** A refusal decided before anything was stored. */
class Refused extends Error {
  constructor(readonly refusal: CollectionRefusal) {
    super(refusal.reason);
  }
}

const refused = (refusal: CollectionRefusal): CollectionResult => ({ outcome: 'refused', refusal });

/** Taxpayer-wide refusals: no type can be collected while one of these holds. */
const TAXPAYER_WIDE = new Set(['notRegistered', 'arrears', 'creditGrade', 'unverifiedInvoices']);

/**
 * 发票领用: the taxpayers the person on the card may act for, what each may
 * collect, and the collection itself. The person is always the active visit's
 * card; a taxpayer id from the screen is only trusted after it is found in the
 * backend's list for that card.
 */
export class InvoiceCollectionService {
  private busy = false;

  constructor(private readonly deps: InvoiceCollectionDeps) {}

  async listTaxpayers(): Promise<ListResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    try {
      const taxpayers = await taxpayersOf(this.deps.backend, idNumber);
      // The backend does not say owner or agent; an individual business (个体工商户) is the person's own.
      return { outcome: 'ok', taxpayers: taxpayers.map((t) => ({ id: t.id, name: t.name, kind: t.kind, asAgent: t.kind === 'enterprise' })) };
    } catch (error) {
      if (isBackendError(error)) return this.unreachable('taxpayers.list', error);
      throw error;
    }
  }

  async options(taxpayerId: string): Promise<OptionsResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    try {
      const taxpayer = await ownTaxpayer(this.deps.backend, idNumber, taxpayerId);
      const stock = new Map(stockSummary(this.deps.db).map((s) => [s.type, s.remaining]));
      const types: InvoiceTypeOption[] = [];
      for (const approved of taxpayer.approvedInvoiceTypes) {
        // The backend owns the rules: ask it, one form, per type.
        const answer = await this.deps.backend.eligibilityCollect({ taxpayerId, invoiceType: approved.code, quantity: 1 });
        if (answer.outcome === 'refused' && TAXPAYER_WIDE.has(answer.refusal.reason)) return { outcome: 'refused', refusal: answer.refusal };
        const quotaRemaining = answer.outcome === 'refused' ? 0 : Math.max(0, approved.monthlyQuota - approved.usedThisMonth);
        const stockRemaining = stock.get(approved.code) ?? 0;
        types.push({ code: approved.code, name: approved.name, quotaRemaining, stockRemaining, maxQuantity: Math.min(quotaRemaining, stockRemaining, MAX_PER_COLLECTION) });
      }
      return { outcome: 'ok', types };
    } catch (error) {
      if (isBackendError(error)) {
        this.unreachable('collection.options', error);
        return { outcome: 'refused', refusal: { reason: 'backendUnreachable' } };
      }
      throw error;
    }
  }

  /** One collection at a time: a second call while one runs is a conflict, not a queue. */
  async collect(request: CollectionRequest): Promise<CollectionResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    if (this.busy) throw new KioskError('conflict', 'a collection is already running');
    this.busy = true;
    try {
      return await this.run(idNumber, request);
    } catch (error) {
      if (error instanceof Refused) return refused(error.refusal);
      if (isBackendError(error)) {
        this.unreachable('collection.collect', error);
        return refused({ reason: 'backendUnreachable' });
      }
      throw error;
    } finally {
      this.busy = false;
    }
  }

  private async run(idNumber: string, request: CollectionRequest): Promise<CollectionResult> {
    const taxpayers = await taxpayersOf(this.deps.backend, idNumber);
    let taxpayer: Taxpayer;
    let invoiceType: string;
    let quantity: number;
    let pickupCode: string | null = null;
    if ('pickupCode' in request) {
      const found = await this.deps.backend.pickupLookup({ code: request.pickupCode });
      if (found.outcome === 'notFound') return refused({ reason: 'pickupNotFound' });
      if (found.outcome === 'alreadyCollected') return refused({ reason: 'pickupAlreadyCollected', collectedAt: found.collectedAt });
      const own = taxpayers.find((t) => t.id === found.taxpayerId);
      if (!own) return refused({ reason: 'pickupOtherPerson' });
      taxpayer = own;
      invoiceType = found.invoiceType;
      quantity = found.quantity;
      pickupCode = request.pickupCode;
    } else {
      const own = taxpayers.find((t) => t.id === request.taxpayerId);
      if (!own) throw new KioskError('invalidRequest', 'the person may not act for this taxpayer');
      taxpayer = own;
      invoiceType = request.invoiceType;
      quantity = request.quantity;
    }

    const printers = this.deps.printers();
    const notReady = this.printerRefusal(printers);
    if (notReady || !printers) return refused(notReady ?? { reason: 'printerNotReady', printer: 'invoice', fault: 'noDevice' });

    this.deps.progress({ step: 'checking', done: 0, total: quantity });
    const answer = await this.deps.backend.eligibilityCollect({ taxpayerId: taxpayer.id, invoiceType, quantity });
    if (answer.outcome === 'refused') return refused(answer.refusal);

    const typeName = taxpayer.approvedInvoiceTypes.find((t) => t.code === invoiceType)?.name ?? invoiceType;
    const outcome: Dispensed = await dispense(
      { ...this.deps, printers },
      { idNumber, taxpayerId: taxpayer.id, taxpayerName: taxpayer.name, invoiceType, invoiceTypeName: typeName, quantity, pickupCode },
    );
    if (outcome.kind === 'noStock') return refused({ reason: 'noStock', invoiceType, remaining: outcome.remaining });
    return outcome.result;
  }

  private printerRefusal(printers: Printers | null): CollectionRefusal | null {
    if (!printers) return { reason: 'printerNotReady', printer: 'invoice', fault: 'noDevice' };
    for (const printer of ['invoice', 'receipt'] as const) {
      const fault: PrinterFault | null = printerFault(printers[printer].status());
      if (fault) return { reason: 'printerNotReady', printer, fault };
    }
    return null;
  }

  private unreachable(method: MethodName, error: { code: string }): { outcome: 'backendUnreachable' } {
    logBackendFailure(this.deps.log, method, error);
    return { outcome: 'backendUnreachable' };
  }
}
