import { KioskError, type MethodName } from '../../../shared/contract';
import type {
  CollectionRefusal,
  CollectionRequest,
  CollectionResult,
  InvoiceTypeOption,
  PickupPreview,
  TaxpayerChoice,
} from '../../../shared/contract/services/collection';
import type { EventOf } from '../../../shared/contract/events';
import { isBackendError, type Taxpayer, type TaxBackend } from '../../../shared/backend';
import { printerFault, type PrinterFault } from '../../../shared/domain/device-status';
import { maskName } from '../../../shared/domain/pii';
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
import { CollectionLedger } from './collection-ledger';
import { collectionPosition } from './collection-position';
import { claimForms, releaseClaim, releaseOrphanClaims, type ClaimDeps, type ClaimWhat } from './collection-claim';

/** The most one collection may take, whatever quota and stock allow (the contract's request limit). */
export const MAX_PER_COLLECTION = 100;

export interface InvoiceCollectionDeps {
  db: Db;
  backend: TaxBackend;
  session: Pick<SessionService, 'activeCard'>;
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
type PickupResult = { outcome: 'found'; pickup: PickupPreview } | { outcome: 'refused'; refusal: CollectionRefusal };

const refused = (refusal: CollectionRefusal): CollectionResult => ({ outcome: 'refused', refusal });

/** Taxpayer-wide refusals: no type can be collected while one of these holds. */
const TAXPAYER_WIDE = new Set(['notRegistered', 'arrears', 'creditGrade', 'unverifiedInvoices']);

/** Kinds whose name is a business's (shown in full, as on the taxpayer list); anyone else is a person, masked. */
const BUSINESS_KINDS: ReadonlySet<string> = new Set(['enterprise', 'individual', 'individual-business']);

/** The taxpayer's name as screens show it. */
export function displayTaxpayerName(taxpayer: Pick<Taxpayer, 'name' | 'kind'>): string {
  return BUSINESS_KINDS.has(taxpayer.kind) ? taxpayer.name : maskName(taxpayer.name);
}

/**
 * 发票领用: the taxpayers the person on the card may act for, what each may
 * collect, and the collection itself. The person is always the active visit's
 * card; a taxpayer id from the screen is only trusted after it is found in the
 * backend's list for that card.
 *
 * Quota and 取票码 (docs/collection.md): what the screen shows and what is
 * checked is the backend's answer minus this kiosk's unacknowledged ledger;
 * the forms are claimed at the backend (atomically, for one transaction id)
 * before any is allocated, and a 取票码 this kiosk dispensed is refused here
 * even when the backend is away.
 */
export class InvoiceCollectionService {
  private busy = false;
  readonly ledger: CollectionLedger;
  private readonly claims: ClaimDeps;

  constructor(private readonly deps: InvoiceCollectionDeps) {
    this.ledger = new CollectionLedger(deps.db, () => this.now());
    this.claims = { backend: deps.backend, ledger: this.ledger, store: deps.store, kioskId: deps.kioskId, log: deps.log };
  }

  async listTaxpayers(): Promise<ListResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    try {
      const taxpayers = await taxpayersOf(this.deps.backend, idNumber);
      // The backend does not say owner or agent; an individual business (个体工商户) is the person's own.
      // A natural person's own record is for 发票代开 only: nobody collects invoice stock as a private person.
      const businesses = taxpayers.filter((t) => t.kind !== 'naturalPerson');
      return { outcome: 'ok', taxpayers: businesses.map((t) => ({ id: t.id, name: t.name, kind: t.kind, asAgent: t.kind === 'enterprise' })) };
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
        // The backend owns the rules: ask it, one form, per type; this kiosk's unacknowledged collections come off.
        const position = await collectionPosition(this.deps.backend, this.ledger, { taxpayerId, invoiceType: approved.code, quantity: 1 }, this.now());
        if (position.outcome === 'refused' && TAXPAYER_WIDE.has(position.refusal.reason)) return { outcome: 'refused', refusal: position.refusal };
        const quotaRemaining = position.outcome === 'ok' ? position.remaining : position.refusal.reason === 'quotaExceeded' ? position.refusal.remaining : 0;
        const stockRemaining = stock.get(approved.code) ?? 0;
        types.push({
          code: approved.code,
          name: approved.name,
          quotaRemaining,
          stockRemaining,
          maxQuantity: Math.min(quotaRemaining, stockRemaining, MAX_PER_COLLECTION),
        });
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

  /** What a 取票码 would dispense, for the screen that asks 确认 / 返回. Holds and allocates nothing. */
  async pickup(code: string): Promise<PickupResult> {
    const idNumber = activeCard(this.deps.session).idNumber;
    const usedHere = this.pickupUsedHere(code);
    if (usedHere) return usedHere;
    try {
      // A claim this kiosk left unsettled (a crash, a lost reply) would answer "already collected": give it back first.
      if (!this.busy) await releaseOrphanClaims(this.claims);
      const found = await this.lookUp(idNumber, code);
      if ('refusal' in found) return { outcome: 'refused', refusal: found.refusal };
      const position = await collectionPosition(
        this.deps.backend,
        this.ledger,
        { taxpayerId: found.taxpayer.id, invoiceType: found.invoiceType, quantity: found.quantity },
        this.now(),
      );
      if (position.outcome === 'refused') return { outcome: 'refused', refusal: position.refusal };
      return {
        outcome: 'found',
        pickup: {
          code,
          taxpayerName: displayTaxpayerName(found.taxpayer),
          invoiceType: found.invoiceType,
          invoiceTypeName: typeName(found.taxpayer, found.invoiceType),
          quantity: found.quantity,
        },
      };
    } catch (error) {
      if (isBackendError(error)) {
        this.unreachable('collection.pickup', error);
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
      if (isBackendError(error)) {
        this.unreachable('collection.collect', error);
        return refused({ reason: 'backendUnreachable' });
      }
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Startup: give back the claims a previous process left unsettled. The list
   * is read now (before any collection can claim); the calls may come later.
   */
  recoverClaims(): Promise<number> {
    return releaseOrphanClaims(this.claims, this.ledger.intents());
  }

  private async run(idNumber: string, request: CollectionRequest): Promise<CollectionResult> {
    let taxpayer: Taxpayer;
    let what: ClaimWhat;
    let wanted: { invoiceType: string; quantity: number };
    let pickupCode: string | null = null;
    if ('pickupCode' in request) {
      const usedHere = this.pickupUsedHere(request.pickupCode);
      if (usedHere) return usedHere;
      // Only this call runs now: every intent left is an orphan (a crash, a lost reply).
      await releaseOrphanClaims(this.claims);
      const found = await this.lookUp(idNumber, request.pickupCode);
      if ('refusal' in found) return refused(found.refusal);
      taxpayer = found.taxpayer;
      wanted = found;
      pickupCode = request.pickupCode;
      what = { kind: 'pickup', code: pickupCode };
    } else {
      const own = (await taxpayersOf(this.deps.backend, idNumber)).find((t) => t.id === request.taxpayerId);
      if (!own) throw new KioskError('invalidRequest', 'the person may not act for this taxpayer');
      await releaseOrphanClaims(this.claims);
      taxpayer = own;
      wanted = request;
      what = { kind: 'quantity', taxpayerId: own.id, invoiceType: request.invoiceType, quantity: request.quantity };
    }

    const printers = this.deps.printers();
    const notReady = this.printerRefusal(printers);
    if (notReady || !printers) return refused(notReady ?? { reason: 'printerNotReady', printer: 'invoice', fault: 'noDevice' });

    this.deps.progress({ step: 'checking', done: 0, total: wanted.quantity });
    // The kiosk's own view first (backend minus this kiosk's unacknowledged collections)...
    const position = await collectionPosition(
      this.deps.backend,
      this.ledger,
      { taxpayerId: taxpayer.id, invoiceType: wanted.invoiceType, quantity: wanted.quantity },
      this.now(),
    );
    if (position.outcome === 'refused') return refused(position.refusal);
    // ...then the backend's atomic decision, which holds the forms for this transaction.
    const claim = await claimForms(this.claims, what);
    if (claim.kind === 'refused') return refused(claim.refusal);
    if (claim.taxpayerId !== taxpayer.id) {
      // The code changed hands between the look-up and the claim: not this person's to take.
      await releaseClaim(this.claims, claim.transactionId);
      return refused({ reason: 'pickupOtherPerson' });
    }

    const outcome: Dispensed = await dispense(
      { ...this.deps, printers, ledger: this.ledger },
      {
        transactionId: claim.transactionId,
        idNumber,
        taxpayerId: taxpayer.id,
        taxpayerName: taxpayer.name,
        taxpayerDisplayName: displayTaxpayerName(taxpayer),
        invoiceType: claim.invoiceType,
        invoiceTypeName: typeName(taxpayer, claim.invoiceType),
        quantity: claim.quantity,
        pickupCode,
      },
    );
    if (outcome.kind === 'noStock') {
      // Nothing was allocated (the dispense rolled back): the forms held at the backend go back.
      await releaseClaim(this.claims, claim.transactionId);
      return refused({ reason: 'noStock', invoiceType: claim.invoiceType, remaining: outcome.remaining });
    }
    return outcome.result;
  }

  /** A 取票码 dispensed here is refused from the kiosk's own records: no backend needed. */
  private pickupUsedHere(code: string): { outcome: 'refused'; refusal: CollectionRefusal } | null {
    const at = this.ledger.pickupDispensedAt(code);
    return at === null ? null : { outcome: 'refused', refusal: { reason: 'pickupAlreadyCollected', collectedAt: at } };
  }

  private async lookUp(
    idNumber: string,
    code: string,
  ): Promise<{ taxpayer: Taxpayer; invoiceType: string; quantity: number } | { refusal: CollectionRefusal }> {
    const found = await this.deps.backend.pickupLookup({ code });
    if (found.outcome === 'notFound') return { refusal: { reason: 'pickupNotFound' } };
    if (found.outcome === 'alreadyCollected') return { refusal: { reason: 'pickupAlreadyCollected', collectedAt: found.collectedAt } };
    const own = (await taxpayersOf(this.deps.backend, idNumber)).find((t) => t.id === found.taxpayerId);
    if (!own) return { refusal: { reason: 'pickupOtherPerson' } };
    return { taxpayer: own, invoiceType: found.invoiceType, quantity: found.quantity };
  }

  private printerRefusal(printers: Printers | null): CollectionRefusal | null {
    if (!printers) return { reason: 'printerNotReady', printer: 'invoice', fault: 'noDevice' };
    for (const printer of ['invoice', 'receipt'] as const) {
      const fault: PrinterFault | null = printerFault(printers[printer].status());
      if (fault) return { reason: 'printerNotReady', printer, fault };
    }
    return null;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private unreachable(method: MethodName, error: { code: string }): { outcome: 'backendUnreachable' } {
    logBackendFailure(this.deps.log, method, error);
    return { outcome: 'backendUnreachable' };
  }
}

function typeName(taxpayer: Taxpayer, invoiceType: string): string {
  return taxpayer.approvedInvoiceTypes.find((t) => t.code === invoiceType)?.name ?? invoiceType;
}
