import type { EventOf } from '../../../shared/contract/events';
import type {
  CertificateBounds,
  CertificatePrintResult,
  CertificateRecord,
  CertificateRecords,
  CertificateRefusal,
  IdNumberShown,
} from '../../../shared/contract/services/certificate';
import { isAllowedPeriod, withFrom, withTo, type MonthRange } from '../../../shared/domain/certificate-period';
import { assertNever } from '../../../shared/assert-never';
import { serviceStep, type ServiceCommonEvent } from './service-step';

/**
 * IIT payment certificate (完税证明) as one named state per screen. Pure: the
 * controller makes the calls and feeds their answers in as events; an answer
 * that no longer fits the state (the person went back, the visit ended) is
 * dropped here. The person is the card holder: no state names whose records
 * they are, the host knows.
 */

/** Where the period came from, so Back returns to the screen the person used. */
export type Origin = 'preset' | 'custom';
export type Editing = 'from' | 'to';
export type CertificateStep = EventOf<'certificate.progress'>['step'];

/** What a refusal can be retried with. */
export interface Context {
  bounds: CertificateBounds;
  range: MonthRange;
  origin: Origin;
}

export type CertificateState =
  | { name: 'loadingPeriods' }
  | { name: 'choosePeriod'; bounds: CertificateBounds }
  | { name: 'customPeriod'; bounds: CertificateBounds; range: MonthRange; editing: Editing; year: number }
  | ({ name: 'loadingRecords' } & Context)
  /** `askingId`: the print question is open (how the ID number is printed), over the preview. */
  | ({ name: 'preview'; records: readonly CertificateRecord[]; totalFen: number; page: number; askingId: boolean } & Context)
  | ({ name: 'noRecords'; askingId: boolean } & Context)
  /** `from`: the preview (or no-records screen) the print was asked from, where 返回上一步 leads if it is refused. */
  | ({ name: 'printing'; progress: CertificateStep | null; idNumberShown: IdNumberShown; from: PrintFrom } & Context)
  | { name: 'completed'; result: Extract<CertificatePrintResult, { outcome: 'completed' }> }
  /** `previous`: the screen whose answer was refused, where 返回上一步 leads; null when there is none (then only 返回业务菜单). */
  | { name: 'refused'; refusal: CertificateRefusal; context: Context | null; previous: CertificateState | null }
  | { name: 'failed'; transactionId: string | null; fault: Extract<CertificatePrintResult, { outcome: 'failed' }>['fault'] };

export type CertificateStateName = CertificateState['name'];
export type PrintFrom = Extract<CertificateState, { name: 'preview' | 'noRecords' }>;

export type CertificateEvent =
  | { type: 'periodsLoaded'; bounds: CertificateBounds }
  | { type: 'presetChosen'; range: MonthRange }
  | { type: 'customOpened' }
  | { type: 'customEdit'; editing: Editing }
  | { type: 'customYear'; year: number }
  | { type: 'customMonth'; month: string }
  | { type: 'query' }
  | { type: 'recordsLoaded'; range: MonthRange; result: CertificateRecords }
  | { type: 'pageChanged'; page: number }
  /** Print: first the question how the ID number is printed. */
  | { type: 'print' }
  /** The answer: print with the ID number so (the screen stays masked either way). */
  | { type: 'idNumberShownChosen'; shown: IdNumberShown }
  /** The question closed without printing. */
  | { type: 'idQuestionClosed' }
  | { type: 'progress'; step: CertificateStep }
  | { type: 'printed'; result: CertificatePrintResult }
  | { type: 'retry' }
  | { type: 'otherPeriod' }
  /** A call failed on the way (host away, invalid answer). */
  | { type: 'callFailed' }
  /** 返回上一步. */
  | { type: 'back' }
  /** 返回业务菜单. */
  | { type: 'menu' };

/** Where the flow starts when the 完税证明打印 tile is tapped. */
export const CERTIFICATE_START: CertificateState = { name: 'loadingPeriods' };

/** Records per preview page: few, in large type, for the elderly. */
export const PREVIEW_PAGE_SIZE = 5;

/** null = leave the flow (back to the menu). */
export type Next = CertificateState | null;

export function previewPages(records: readonly unknown[]): number {
  return Math.max(1, Math.ceil(records.length / PREVIEW_PAGE_SIZE));
}

const yearOf = (month: string) => Number(month.slice(0, 4));

/** The custom picker opens on a sensible range: the first preset (the last 12 finished months). */
function openCustom(bounds: CertificateBounds, range?: MonthRange): CertificateState {
  const start = range ?? bounds.presets[0] ?? { from: bounds.latest, to: bounds.latest };
  const safe = withTo(withFrom(start, start.from, bounds), start.to, bounds);
  return { name: 'customPeriod', bounds, range: safe, editing: 'from', year: yearOf(safe.from) };
}

function contextOf(state: CertificateState): Context | null {
  switch (state.name) {
    case 'loadingRecords':
    case 'preview':
    case 'noRecords':
    case 'printing':
      return { bounds: state.bounds, range: state.range, origin: state.origin };
    default:
      return null;
  }
}

/** Back to the screen the period was picked on. */
function periodScreen(context: Context): CertificateState {
  return context.origin === 'custom' ? openCustom(context.bounds, context.range) : { name: 'choosePeriod', bounds: context.bounds };
}

/** Where 返回上一步 leads from a refused query: the period screen (afresh from the host's bounds when the period itself was refused). */
function queryAnswered(state: Context, refusal: CertificateRefusal): CertificateState {
  return refusal.reason === 'periodOutOfRange' ? CERTIFICATE_START : periodScreen(state);
}

/** The flow's step function: its own events in `ownStep`, a failed call and Back by `callFailed` and `back` below. */
export const certificateStep = serviceStep<CertificateState, CertificateEvent>({ step: ownStep, callFailed, back, menu });

function ownStep(state: CertificateState, event: Exclude<CertificateEvent, ServiceCommonEvent>): Next {
  const same = state;
  switch (event.type) {
    case 'periodsLoaded':
      return state.name === 'loadingPeriods' ? { name: 'choosePeriod', bounds: event.bounds } : same;
    case 'presetChosen':
      if (state.name !== 'choosePeriod' || !isAllowedPeriod(event.range, state.bounds)) return same;
      return { name: 'loadingRecords', bounds: state.bounds, range: event.range, origin: 'preset' };
    case 'customOpened':
      return state.name === 'choosePeriod' ? openCustom(state.bounds) : same;
    case 'customEdit':
      if (state.name !== 'customPeriod') return same;
      return { ...state, editing: event.editing, year: yearOf(event.editing === 'from' ? state.range.from : state.range.to) };
    case 'customYear': {
      if (state.name !== 'customPeriod') return same;
      const year = Math.min(yearOf(state.bounds.latest), Math.max(yearOf(state.bounds.earliest), Math.trunc(event.year)));
      return { ...state, year };
    }
    case 'customMonth': {
      if (state.name !== 'customPeriod') return same;
      if (event.month < state.bounds.earliest || event.month > state.bounds.latest) return same;
      const range = state.editing === 'from' ? withFrom(state.range, event.month, state.bounds) : withTo(state.range, event.month, state.bounds);
      // After the start, the end is what is picked next.
      return { ...state, range, editing: 'to', year: yearOf(event.month) };
    }
    case 'query':
      if (state.name !== 'customPeriod' || !isAllowedPeriod(state.range, state.bounds)) return same;
      return { name: 'loadingRecords', bounds: state.bounds, range: state.range, origin: 'custom' };
    case 'recordsLoaded': {
      if (state.name !== 'loadingRecords' || state.range.from !== event.range.from || state.range.to !== event.range.to) return same;
      const result = event.result;
      const context = contextOf(state);
      switch (result.outcome) {
        case 'ok':
          return {
            name: 'preview',
            bounds: state.bounds,
            range: state.range,
            origin: state.origin,
            records: result.records,
            totalFen: result.totalFen,
            page: 0,
            askingId: false,
          };
        case 'noRecords':
          return { name: 'noRecords', bounds: state.bounds, range: state.range, origin: state.origin, askingId: false };
        case 'refused':
          return { name: 'refused', refusal: result.refusal, context, previous: queryAnswered(state, result.refusal) };
        default:
          return assertNever(result);
      }
    }
    case 'pageChanged': {
      if (state.name !== 'preview') return same;
      const page = Math.min(previewPages(state.records) - 1, Math.max(0, Math.trunc(event.page)));
      return page === state.page ? same : { ...state, page };
    }
    case 'print':
      if ((state.name !== 'preview' && state.name !== 'noRecords') || state.askingId) return same;
      return { ...state, askingId: true };
    case 'idQuestionClosed':
      if ((state.name !== 'preview' && state.name !== 'noRecords') || !state.askingId) return same;
      return { ...state, askingId: false };
    case 'idNumberShownChosen':
      if ((state.name !== 'preview' && state.name !== 'noRecords') || !state.askingId) return same;
      return {
        name: 'printing',
        bounds: state.bounds,
        range: state.range,
        origin: state.origin,
        progress: null,
        idNumberShown: event.shown,
        from: { ...state, askingId: false },
      };
    case 'progress':
      return state.name === 'printing' ? { ...state, progress: event.step } : same;
    case 'printed': {
      if (state.name !== 'printing') return same;
      const result = event.result;
      switch (result.outcome) {
        case 'completed':
          return { name: 'completed', result };
        case 'refused':
          return { name: 'refused', refusal: result.refusal, context: contextOf(state), previous: state.from };
        case 'failed':
          return { name: 'failed', transactionId: result.transactionId, fault: result.fault };
        default:
          return assertNever(result);
      }
    }
    case 'retry':
      if (state.name !== 'refused') return same;
      // A period the host refused, or no context: start again from the host's bounds.
      if (state.refusal.reason === 'periodOutOfRange' || state.context === null) return CERTIFICATE_START;
      return { name: 'loadingRecords', ...state.context };
    case 'otherPeriod':
      if (state.name === 'noRecords') return periodScreen(state);
      if (state.name === 'refused') return state.context && state.refusal.reason !== 'periodOutOfRange' ? periodScreen(state.context) : CERTIFICATE_START;
      return same;
    default:
      return assertNever(event);
  }
}

function callFailed(state: CertificateState): Next {
  switch (state.name) {
    case 'loadingPeriods':
      return { name: 'refused', refusal: { reason: 'backendUnreachable' }, context: null, previous: null };
    case 'loadingRecords':
      return { name: 'refused', refusal: { reason: 'backendUnreachable' }, context: contextOf(state), previous: periodScreen(state) };
    case 'printing':
      // We cannot know whether the page came out: send the person to staff.
      return { name: 'failed', transactionId: null, fault: null };
    default:
      return state;
  }
}

function back(state: CertificateState): Next {
  switch (state.name) {
    case 'loadingPeriods':
    case 'choosePeriod':
    case 'completed':
    case 'failed':
      return null;
    case 'refused':
      // One step back: to the screen whose answer was refused (返回业务菜单 is the menu event).
      return state.previous;
    case 'customPeriod':
      return { name: 'choosePeriod', bounds: state.bounds };
    case 'preview':
    case 'noRecords':
      // Back with the print question open closes the question only.
      return state.askingId ? { ...state, askingId: false } : periodScreen(state);
    case 'loadingRecords':
      return periodScreen(state);
    case 'printing':
      // The page is on its way: there is no going back now.
      return state;
    default:
      return assertNever(state);
  }
}

/** 返回业务菜单: out of the flow, except while the page prints. */
function menu(state: CertificateState): Next {
  return state.name === 'printing' ? state : null;
}

/** The steps a person sees numbered (1 period, 2 preview, 3 printing, 4 result). */
export function stepNumber(state: CertificateState): number {
  switch (state.name) {
    case 'loadingPeriods':
    case 'choosePeriod':
    case 'customPeriod':
      return 1;
    case 'loadingRecords':
    case 'preview':
    case 'noRecords':
      return 2;
    case 'printing':
      return 3;
    case 'completed':
    case 'refused':
    case 'failed':
      return 4;
    default:
      return assertNever(state);
  }
}
