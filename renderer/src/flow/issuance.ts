import type { ResultOf } from '../../../shared/contract/methods';
import type { EventOf } from '../../../shared/contract/events';
import type { TaxpayerChoice } from '../../../shared/contract/services/collection';
import type {
  IssuanceRefusal,
  IssueDraft,
  PaidIssue,
  PaymentView,
  PayResult,
  PrintResult,
  QuoteView,
  UnfinishedIssue,
} from '../../../shared/contract/services/issuance';
import type { PrinterFault } from '../../../shared/domain/device-status';
import { isValidCreditCode } from '../../../shared/domain/credit-code';
import { lineProductFen } from '../../../shared/domain/tax/invoice-lines';
import { assertNever } from '../../../shared/assert-never';
import { serviceStep, type ServiceCommonEvent } from './service-step';

/**
 * Invoice issued on behalf (发票代开) as one named state per screen. Pure: the
 * controller makes the calls and feeds the answers in; an answer that no
 * longer fits the state (the person went back, the visit ended) is dropped.
 * The draft is only a proposal: the host checks it all again and computes the tax.
 */
export interface IssuanceContext {
  sellers: readonly TaxpayerChoice[];
  maxLines: number;
  limitFen: number;
}
export type BuyerKind = 'company' | 'individual';
export interface BuyerDraft {
  kind: BuyerKind;
  name: string;
  taxId: string;
}
export interface LineDraft {
  name: string;
  unit: string;
  quantity: string;
  unitPrice: string;
}
export interface Draft {
  seller: TaxpayerChoice;
  buyer: BuyerDraft;
  lines: readonly LineDraft[];
}
export type BuyerField = 'name' | 'taxId';
export type LineField = 'name' | 'quantity' | 'unitPrice';
export type Progress = EventOf<'service.progress'>;

export type IssuanceState =
  | { name: 'loading' }
  | { name: 'offline' }
  | { name: 'unfinished'; ctx: IssuanceContext; items: readonly UnfinishedIssue[] }
  | { name: 'chooseSeller'; ctx: IssuanceContext }
  | { name: 'checkingSeller'; ctx: IssuanceContext; seller: TaxpayerChoice }
  | { name: 'buyer'; ctx: IssuanceContext; draft: Draft; field: BuyerField | null }
  | { name: 'lines'; ctx: IssuanceContext; draft: Draft }
  | { name: 'line'; ctx: IssuanceContext; draft: Draft; index: number; line: LineDraft; field: LineField }
  | { name: 'quoting'; ctx: IssuanceContext; draft: Draft }
  | { name: 'quote'; ctx: IssuanceContext; draft: Draft; quote: QuoteView }
  | { name: 'paying'; ctx: IssuanceContext; draft: Draft }
  | { name: 'resuming'; ctx: IssuanceContext; transactionId: string }
  | {
      name: 'awaitingPayment';
      ctx: IssuanceContext;
      payment: PaymentView;
      unknown: boolean;
      cancelling: boolean;
      /** The cancel question is open, asked by 取消缴税 (back) or by Exit; null = not asked. */
      asking: 'back' | 'exit' | null;
      /** What was typed for this order (null for an order resumed from an earlier visit), kept for 重新开票. */
      draft: Draft | null;
    }
  /** `draft`: what was typed, so 重新开票 returns to the filled form instead of discarding it. */
  | { name: 'paymentEnded'; ctx: IssuanceContext; reason: 'expired' | 'cancelled'; draft: Draft | null }
  | { name: 'cancelUnknown'; transactionId: string }
  | { name: 'printing'; paid: PaidIssue; progress: Progress | null }
  | { name: 'printFailed'; paid: PaidIssue; reason: 'printer' | 'noStock'; fault: PrinterFault | null }
  | { name: 'needsAttention'; transactionId: string }
  | { name: 'completed'; result: Extract<PrintResult, { outcome: 'completed' }> }
  /** `previous`: the screen whose answer was refused, where 返回上一步 leads; null when there is none (then only 返回业务菜单). */
  | { name: 'refused'; refusal: IssuanceRefusal; ctx: IssuanceContext | null; draft: Draft | null; previous: IssuanceState | null };

export type IssuanceStateName = IssuanceState['name'];

export type IssuanceEvent =
  | { type: 'begun'; result: ResultOf<'issuance.begin'> }
  | { type: 'resumeChosen'; transactionId: string }
  | { type: 'newChosen' }
  | { type: 'sellerChosen'; seller: TaxpayerChoice }
  | { type: 'sellerChecked'; taxpayerId: string; result: ResultOf<'issuance.seller'> }
  | { type: 'buyerKind'; kind: BuyerKind }
  | { type: 'buyerField'; field: BuyerField | null }
  | { type: 'buyerTyped'; value: string }
  | { type: 'next' }
  | { type: 'addLine' }
  | { type: 'editLine'; index: number }
  | { type: 'removeLine'; index: number }
  | { type: 'lineField'; field: LineField }
  | { type: 'lineTyped'; value: string }
  | { type: 'lineUnit'; unit: string }
  | { type: 'lineSaved' }
  | { type: 'quoted'; result: ResultOf<'issuance.quote'> }
  | { type: 'confirmed' }
  | { type: 'payResult'; result: PayResult }
  | { type: 'paymentChecked'; transactionId: string; result: ResultOf<'issuance.paymentStatus'> }
  /** The cancel confirmed in the question (or asked for without one): the order is cancelled at the host. */
  | { type: 'cancelRequested' }
  /** "Continue paying" in the question: the QR code stays. */
  | { type: 'cancelDismissed' }
  /** Exit tapped on the QR screen: the same question first. */
  | { type: 'exitAsked' }
  | { type: 'cancelled'; transactionId: string; result: ResultOf<'issuance.cancel'> }
  | { type: 'progress'; progress: Progress }
  | { type: 'printed'; result: PrintResult }
  | { type: 'printAgain' }
  | { type: 'fix' }
  | { type: 'again' }
  | { type: 'callFailed' }
  /** 返回上一步. */
  | { type: 'back' }
  /** 返回业务菜单. */
  | { type: 'menu' };

export const ISSUANCE_START: IssuanceState = { name: 'loading' };

/** Units offered as one-tap chips; they are invoice data, printed as written. '' = none. */
export const UNITS: readonly string[] = ['', '个', '件', '次', '项', '套', '台', '千克', '米', '小时'];
export const QUANTITY_MAX_DIGITS = 6;
export const NAME_MAX = { buyer: 100, item: 60 } as const;

/** null = leave the flow (back to the menu). */
export type Next = IssuanceState | null;

const EMPTY_LINE: LineDraft = { name: '', unit: '', quantity: '1', unitPrice: '' };

function newDraft(seller: TaxpayerChoice): Draft {
  return { seller, buyer: { kind: 'company', name: '', taxId: '' }, lines: [] };
}

/** quantity × unit price in fen, exactly; null while either is missing. */
export function lineAmountFen(line: LineDraft): number | null {
  if (line.quantity === '' || line.unitPrice === '' || line.unitPrice.endsWith('.')) return null;
  return lineProductFen(line.quantity, line.unitPrice);
}

export function lineComplete(line: LineDraft): boolean {
  const amount = lineAmountFen(line);
  return line.name.trim() !== '' && Number(line.quantity) > 0 && amount !== null && amount > 0;
}

export function draftGrossFen(draft: Draft): number {
  return draft.lines.reduce((sum, line) => sum + (lineAmountFen(line) ?? 0), 0);
}

export type BuyerProblem = 'nameMissing' | 'taxIdShort' | 'taxIdBad' | null;
export function buyerProblem(buyer: BuyerDraft): BuyerProblem {
  if (buyer.name.trim() === '') return 'nameMissing';
  if (buyer.kind === 'individual') return null;
  if (buyer.taxId.length < 18) return 'taxIdShort';
  return isValidCreditCode(buyer.taxId) ? null : 'taxIdBad';
}

export function linesReady(draft: Draft, ctx: IssuanceContext): boolean {
  const gross = draftGrossFen(draft);
  return draft.lines.length > 0 && draft.lines.length <= ctx.maxLines && draft.lines.every(lineComplete) && gross > 0 && gross <= ctx.limitFen;
}

/** The request the host gets: names trimmed, the amount worked out exactly. */
export function toRequest(draft: Draft): IssueDraft {
  const buyer =
    draft.buyer.kind === 'company'
      ? { kind: 'company' as const, name: draft.buyer.name.trim(), taxId: draft.buyer.taxId }
      : { kind: 'individual' as const, name: draft.buyer.name.trim() };
  return {
    taxpayerId: draft.seller.id,
    buyer,
    lines: draft.lines.map((line) => ({
      name: line.name.trim(),
      ...(line.unit ? { unit: line.unit } : {}),
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      amountFen: lineAmountFen(line) ?? 0,
    })),
  };
}

function chooseSeller(ctx: IssuanceContext): IssuanceState {
  const only = ctx.sellers.length === 1 ? ctx.sellers[0] : undefined;
  return only ? { name: 'checkingSeller', ctx, seller: only } : { name: 'chooseSeller', ctx };
}

/** Where a refusal's "change it" button leads: the step whose input caused it. */
export function fixTarget(refusal: IssuanceRefusal): 'buyer' | 'lines' | null {
  switch (refusal.reason) {
    case 'buyerTaxIdInvalid':
      return 'buyer';
    case 'grossNotPositive':
    case 'grossOverLimit':
    case 'lineAmountMismatch':
    case 'tooManyLines':
      return 'lines';
    case 'sellerHasArrears':
    case 'sellerCreditGradeBlocked':
    case 'notRegistered':
    case 'noStock':
    case 'backendUnreachable':
    case 'printerNotReady':
      return null;
    default:
      return assertNever(refusal);
  }
}

function afterPay(state: { ctx: IssuanceContext }, result: PayResult, draft: Draft | null): Next {
  // Refused at 确认缴税: back to the tax shown again (worked out afresh); a resumed order has no step before.
  const previous: IssuanceState | null = draft === null ? null : { name: 'quoting', ctx: state.ctx, draft };
  switch (result.outcome) {
    case 'awaitingPayment':
      return { name: 'awaitingPayment', ctx: state.ctx, payment: result.payment, unknown: false, cancelling: false, asking: null, draft };
    case 'paid':
      return { name: 'printing', paid: result.paid, progress: null };
    case 'refused':
      return { name: 'refused', refusal: result.refusal, ctx: state.ctx, draft, previous };
    default:
      return assertNever(result);
  }
}

function afterPrint(state: Extract<IssuanceState, { name: 'printing' }>, result: PrintResult): Next {
  switch (result.outcome) {
    case 'completed':
      return { name: 'completed', result };
    case 'printerNotReady':
      return { name: 'printFailed', paid: state.paid, reason: 'printer', fault: result.fault };
    case 'noStock':
      return { name: 'printFailed', paid: state.paid, reason: 'noStock', fault: null };
    case 'needsAttention':
      return { name: 'needsAttention', transactionId: result.transactionId };
    default:
      return assertNever(result);
  }
}

function editLine(state: Extract<IssuanceState, { name: 'line' }>, value: string): IssuanceState {
  return { ...state, line: { ...state.line, [state.field]: value } };
}

/** The flow's step function: its own events in `ownStep`, a failed call and Back by `callFailed` and `back` below. */
export const issuanceStep = serviceStep<IssuanceState, IssuanceEvent>({ step: ownStep, callFailed, back, menu });

function ownStep(state: IssuanceState, event: Exclude<IssuanceEvent, ServiceCommonEvent>): Next {
  const same = state;
  switch (event.type) {
    case 'begun': {
      if (state.name !== 'loading') return same;
      const r = event.result;
      if (r.outcome === 'backendUnreachable') return { name: 'offline' };
      const ctx: IssuanceContext = { sellers: r.sellers, maxLines: r.maxLines, limitFen: r.limitFen };
      return r.unfinished.length > 0 ? { name: 'unfinished', ctx, items: r.unfinished } : chooseSeller(ctx);
    }
    case 'resumeChosen':
      return state.name === 'unfinished' ? { name: 'resuming', ctx: state.ctx, transactionId: event.transactionId } : same;
    case 'newChosen':
      return state.name === 'unfinished' ? chooseSeller(state.ctx) : same;
    case 'sellerChosen':
      return state.name === 'chooseSeller' ? { name: 'checkingSeller', ctx: state.ctx, seller: event.seller } : same;
    case 'sellerChecked': {
      if (state.name !== 'checkingSeller' || state.seller.id !== event.taxpayerId) return same;
      if (event.result.outcome === 'refused')
        return { name: 'refused', refusal: event.result.refusal, ctx: state.ctx, draft: null, previous: backToSellers(state.ctx) };
      return { name: 'buyer', ctx: state.ctx, draft: newDraft(state.seller), field: 'name' };
    }
    case 'buyerKind':
      if (state.name !== 'buyer') return same;
      return { ...state, draft: { ...state.draft, buyer: { ...state.draft.buyer, kind: event.kind } }, field: 'name' };
    case 'buyerField':
      return state.name === 'buyer' ? { ...state, field: event.field } : same;
    case 'buyerTyped': {
      if (state.name !== 'buyer' || state.field === null) return same;
      const value = state.field === 'taxId' ? event.value.toUpperCase().slice(0, 18) : event.value.slice(0, NAME_MAX.buyer);
      return { ...state, draft: { ...state.draft, buyer: { ...state.draft.buyer, [state.field]: value } } };
    }
    case 'next':
      if (state.name === 'buyer') return buyerProblem(state.draft.buyer) === null ? { name: 'lines', ctx: state.ctx, draft: state.draft } : same;
      if (state.name === 'lines') return linesReady(state.draft, state.ctx) ? { name: 'quoting', ctx: state.ctx, draft: state.draft } : same;
      return same;
    case 'addLine':
      if (state.name !== 'lines' || state.draft.lines.length >= state.ctx.maxLines) return same;
      return { name: 'line', ctx: state.ctx, draft: state.draft, index: state.draft.lines.length, line: EMPTY_LINE, field: 'name' };
    case 'editLine': {
      const line = state.name === 'lines' ? state.draft.lines[event.index] : undefined;
      if (state.name !== 'lines' || !line) return same;
      return { name: 'line', ctx: state.ctx, draft: state.draft, index: event.index, line, field: 'name' };
    }
    case 'removeLine':
      if (state.name !== 'lines') return same;
      return { ...state, draft: { ...state.draft, lines: state.draft.lines.filter((_, i) => i !== event.index) } };
    case 'lineField':
      return state.name === 'line' ? { ...state, field: event.field } : same;
    case 'lineTyped': {
      if (state.name !== 'line') return same;
      const max = state.field === 'name' ? NAME_MAX.item : state.field === 'quantity' ? QUANTITY_MAX_DIGITS : 20;
      return editLine(state, event.value.slice(0, max));
    }
    case 'lineUnit':
      return state.name === 'line' ? { ...state, line: { ...state.line, unit: event.unit } } : same;
    case 'lineSaved': {
      if (state.name !== 'line' || !lineComplete(state.line)) return same;
      const lines = [...state.draft.lines];
      lines[state.index] = { ...state.line, name: state.line.name.trim() };
      return { name: 'lines', ctx: state.ctx, draft: { ...state.draft, lines } };
    }
    case 'quoted': {
      if (state.name !== 'quoting') return same;
      if (event.result.outcome === 'refused')
        return {
          name: 'refused',
          refusal: event.result.refusal,
          ctx: state.ctx,
          draft: state.draft,
          previous: { name: 'lines', ctx: state.ctx, draft: state.draft },
        };
      return { name: 'quote', ctx: state.ctx, draft: state.draft, quote: event.result.quote };
    }
    case 'confirmed':
      return state.name === 'quote' ? { name: 'paying', ctx: state.ctx, draft: state.draft } : same;
    case 'payResult':
      if (state.name === 'paying') return afterPay(state, event.result, state.draft);
      if (state.name === 'resuming') return afterPay(state, event.result, null);
      return same;
    case 'paymentChecked': {
      if (state.name !== 'awaitingPayment' || state.payment.transactionId !== event.transactionId) return same;
      const r = event.result;
      switch (r.status) {
        case 'pending':
          return state.unknown ? { ...state, unknown: false } : same;
        case 'unknown':
          return state.unknown ? same : { ...state, unknown: true };
        case 'paid':
          return r.paid ? { name: 'printing', paid: r.paid, progress: null } : same;
        case 'expired':
        case 'cancelled':
          return { name: 'paymentEnded', ctx: state.ctx, reason: r.status, draft: state.draft };
        default:
          return assertNever(r.status);
      }
    }
    case 'cancelRequested':
      return state.name === 'awaitingPayment' && !state.cancelling ? { ...state, cancelling: true, asking: null } : same;
    case 'cancelDismissed':
      return state.name === 'awaitingPayment' && state.asking !== null ? { ...state, asking: null } : same;
    case 'exitAsked':
      return state.name === 'awaitingPayment' && !state.cancelling && state.asking === null ? { ...state, asking: 'exit' } : same;
    case 'cancelled': {
      if (state.name !== 'awaitingPayment' || state.payment.transactionId !== event.transactionId) return same;
      const r = event.result;
      switch (r.status) {
        case 'paid':
          // The money came first: it is never dropped, the invoice prints.
          return r.paid ? { name: 'printing', paid: r.paid, progress: null } : { ...state, cancelling: false };
        case 'cancelled':
        case 'expired':
          return { name: 'paymentEnded', ctx: state.ctx, reason: r.status, draft: state.draft };
        case 'unknown':
          return { name: 'cancelUnknown', transactionId: state.payment.transactionId };
        default:
          return assertNever(r.status);
      }
    }
    case 'progress':
      return state.name === 'printing' ? { ...state, progress: event.progress } : same;
    case 'printed':
      return state.name === 'printing' ? afterPrint(state, event.result) : same;
    case 'printAgain':
      return state.name === 'printFailed' ? { name: 'printing', paid: state.paid, progress: null } : same;
    case 'fix': {
      if (state.name !== 'refused' || state.ctx === null || state.draft === null) return same;
      const target = fixTarget(state.refusal);
      if (target === 'buyer') return { name: 'buyer', ctx: state.ctx, draft: state.draft, field: 'taxId' };
      if (target === 'lines') return { name: 'lines', ctx: state.ctx, draft: state.draft };
      return same;
    }
    case 'again':
      // 重新开票: back to the filled form (buyer and lines kept, the tax worked out afresh on 下一步);
      // an order resumed from an earlier visit had nothing typed here, so it starts from the seller.
      if (state.name !== 'paymentEnded') return same;
      return state.draft !== null ? { name: 'lines', ctx: state.ctx, draft: state.draft } : chooseSeller(state.ctx);
    default:
      return assertNever(event);
  }
}

function callFailed(state: IssuanceState): Next {
  switch (state.name) {
    case 'loading':
      return { name: 'offline' };
    case 'checkingSeller':
      return { name: 'refused', refusal: { reason: 'backendUnreachable' }, ctx: state.ctx, draft: null, previous: backToSellers(state.ctx) };
    case 'quoting':
      return {
        name: 'refused',
        refusal: { reason: 'backendUnreachable' },
        ctx: state.ctx,
        draft: state.draft,
        previous: { name: 'lines', ctx: state.ctx, draft: state.draft },
      };
    case 'paying':
      return {
        name: 'refused',
        refusal: { reason: 'backendUnreachable' },
        ctx: state.ctx,
        draft: state.draft,
        previous: { name: 'quoting', ctx: state.ctx, draft: state.draft },
      };
    case 'resuming':
      return { name: 'refused', refusal: { reason: 'backendUnreachable' }, ctx: state.ctx, draft: null, previous: null };
    case 'awaitingPayment':
      // A poll that did not get through: say so and keep asking (the host keeps the order).
      return state.cancelling ? { name: 'cancelUnknown', transactionId: state.payment.transactionId } : { ...state, unknown: true };
    case 'printing':
      // We cannot know what came out: staff look at it; the payment is recorded on the host.
      return { name: 'needsAttention', transactionId: state.paid.transactionId };
    default:
      return state;
  }
}

function backToSellers(ctx: IssuanceContext): Next {
  return ctx.sellers.length > 1 ? { name: 'chooseSeller', ctx } : null;
}

function back(state: IssuanceState): Next {
  switch (state.name) {
    case 'loading':
    case 'offline':
    case 'unfinished':
    case 'chooseSeller':
    case 'paymentEnded':
    case 'cancelUnknown':
    case 'printFailed':
    case 'needsAttention':
    case 'completed':
      return null;
    case 'refused':
      // One step back: to the screen whose answer was refused (返回业务菜单 is the menu event).
      return state.previous;
    case 'checkingSeller':
      return backToSellers(state.ctx);
    case 'buyer':
      return state.field !== null && state.draft.buyer.name !== '' ? { ...state, field: null } : backToSellers(state.ctx);
    case 'lines':
      return { name: 'buyer', ctx: state.ctx, draft: state.draft, field: null };
    case 'line':
    case 'quoting':
    case 'quote':
      return { name: 'lines', ctx: state.ctx, draft: state.draft };
    case 'awaitingPayment':
      // Back from the QR code is a cancel, asked once first (a stray tap must not cancel a payment under way);
      // once confirmed the order is really cancelled, never left open behind the person.
      return state.cancelling || state.asking !== null ? state : { ...state, asking: 'back' };
    case 'paying':
    case 'resuming':
    case 'printing':
      return state;
    default:
      return assertNever(state);
  }
}

/** 返回业务菜单: out of the flow, except while money or paper is under way (an open payment is cancelled by its own question). */
function menu(state: IssuanceState): Next {
  switch (state.name) {
    case 'paying':
    case 'resuming':
    case 'awaitingPayment':
    case 'printing':
      return state;
    default:
      return null;
  }
}

/** The numbered steps: 1 seller, 2 buyer, 3 lines, 4 tax, 5 payment, 6 invoice. */
export function stepNumber(state: IssuanceState): number {
  switch (state.name) {
    case 'loading':
    case 'offline':
    case 'unfinished':
    case 'chooseSeller':
    case 'checkingSeller':
      return 1;
    case 'buyer':
      return 2;
    case 'lines':
    case 'line':
      return 3;
    case 'quoting':
    case 'quote':
      return 4;
    case 'paying':
    case 'resuming':
    case 'awaitingPayment':
    case 'paymentEnded':
    case 'cancelUnknown':
      return 5;
    case 'printing':
    case 'printFailed':
    case 'needsAttention':
    case 'completed':
    case 'refused':
      return 6;
    default:
      return assertNever(state);
  }
}

/** While true, the payment screen polls the host. */
export function isAwaitingPayment(state: IssuanceState | null): state is Extract<IssuanceState, { name: 'awaitingPayment' }> {
  return state?.name === 'awaitingPayment';
}
