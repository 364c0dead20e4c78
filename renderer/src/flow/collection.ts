import type { ResultOf } from '../../../shared/contract/methods';
import type { EventOf } from '../../../shared/contract/events';
import type {
  CollectionRefusal,
  CollectionRequest,
  CollectionResult,
  InvoiceTypeOption,
  PickupPreview,
  TaxpayerChoice,
} from '../../../shared/contract/services/collection';
import { assertNever } from '../../../shared/assert-never';
import { serviceStep, type ServiceCommonEvent } from './service-step';

/**
 * Invoice collection (发票领用) as one named state per screen. Pure: the
 * controller makes the calls and feeds their answers in as events; an
 * answer that no longer fits the state (the person went back, the visit
 * ended) is dropped here, so a slow host can never move the screen.
 */
export type CollectionState =
  | { name: 'loadingTaxpayers' }
  | { name: 'offline' }
  | { name: 'chooseTaxpayer'; taxpayers: readonly TaxpayerChoice[] }
  | { name: 'loadingOptions'; taxpayers: readonly TaxpayerChoice[]; taxpayer: TaxpayerChoice }
  | {
      name: 'chooseType';
      taxpayers: readonly TaxpayerChoice[];
      taxpayer: TaxpayerChoice;
      types: readonly InvoiceTypeOption[];
      selected: string | null;
      quantity: number;
    }
  | { name: 'pickup'; from: ChooseType; code: string }
  /** The host looks the 取票码 up (nothing is held or allocated yet). */
  | { name: 'loadingPickup'; from: ChooseType; code: string }
  /** One screen names taxpayer, type and count before a 取票码 dispenses: 确认 / 返回. */
  | { name: 'pickupConfirm'; from: ChooseType; code: string; pickup: PickupPreview }
  | { name: 'confirm'; from: ChooseType; type: InvoiceTypeOption; quantity: number }
  /** `from`: the confirmation the request came from, where 返回上一步 leads if the host refuses it. */
  | { name: 'collecting'; request: CollectionRequest; progress: Progress | null; taxpayerName: string; from: ConfirmState | PickupConfirmState }
  | { name: 'completed'; result: Extract<CollectionResult, { outcome: 'completed' }> }
  /**
   * `viaPickup`: the request was a 取票码 (its count is fixed by the code); `retry`: the code as typed,
   * for 重新输入 after the lookup refused it.
   */
  /**
   * `atStep`: the step the refusal answered, so the counter stays there instead of jumping to the last one.
   * `previous`: the screen of that step, where 返回上一步 leads; null when there is none (then only 返回业务菜单).
   */
  | {
      name: 'refused';
      refusal: CollectionRefusal;
      atStep: number;
      previous: CollectionState | null;
      taxpayerName?: string;
      viaPickup?: boolean;
      retry?: PickupState;
    }
  | { name: 'failed'; formsOut: number; transactionId: string | null };

export type CollectionStateName = CollectionState['name'];
export type ChooseType = Extract<CollectionState, { name: 'chooseType' }>;
export type PickupState = Extract<CollectionState, { name: 'pickup' }>;
export type ConfirmState = Extract<CollectionState, { name: 'confirm' }>;
export type PickupConfirmState = Extract<CollectionState, { name: 'pickupConfirm' }>;
export type Progress = EventOf<'service.progress'>;

export type CollectionEvent =
  | { type: 'taxpayersLoaded'; result: ResultOf<'taxpayers.list'> }
  | { type: 'taxpayerChosen'; taxpayer: TaxpayerChoice }
  | { type: 'optionsLoaded'; taxpayerId: string; result: ResultOf<'collection.options'> }
  | { type: 'typeSelected'; code: string }
  | { type: 'quantitySet'; quantity: number }
  | { type: 'next' }
  | { type: 'pickupOpened' }
  | { type: 'pickupTyped'; code: string }
  | { type: 'confirmed' }
  | { type: 'pickupSubmitted' }
  | { type: 'pickupLoaded'; code: string; result: ResultOf<'collection.pickup'> }
  /** 重新输入 on a refused 取票码: back to the code as typed. */
  | { type: 'retryPickup' }
  | { type: 'progress'; progress: Progress }
  | { type: 'collected'; result: CollectionResult }
  /** A call failed on the way (host away, invalid answer). */
  | { type: 'callFailed' }
  /** 返回上一步. */
  | { type: 'back' }
  /** 返回业务菜单. */
  | { type: 'menu' };

/** Where the flow starts when the 发票领用 tile is tapped. */
export const COLLECTION_START: CollectionState = { name: 'loadingTaxpayers' };

/** A pickup code as the contract takes it: 6–12 digits and capitals. */
export const PICKUP_CODE = /^[0-9A-Z]{6,12}$/;
export const PICKUP_MAX = 12;

/** null = leave the flow (back to the menu). */
export type Next = CollectionState | null;

function chooseType(taxpayers: readonly TaxpayerChoice[], taxpayer: TaxpayerChoice, types: readonly InvoiceTypeOption[]): ChooseType {
  // Preselect the only type the person can take now: one tap fewer.
  const open = types.filter((type) => type.maxQuantity > 0);
  const only = open.length === 1 ? open[0] : undefined;
  return { name: 'chooseType', taxpayers, taxpayer, types, selected: only ? only.code : null, quantity: 1 };
}

function loadOptions(taxpayers: readonly TaxpayerChoice[], taxpayer: TaxpayerChoice): CollectionState {
  return { name: 'loadingOptions', taxpayers, taxpayer };
}

/** The type card the person picked, if it can still be taken. */
export function selectedType(state: ChooseType): InvoiceTypeOption | null {
  const type = state.types.find((t) => t.code === state.selected);
  return type && type.maxQuantity > 0 ? type : null;
}

export function clampQuantity(quantity: number, max: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.max(1, Math.min(max, Math.trunc(quantity)));
}

/** Back from the type screen: to the taxpayer list, or out when there was nothing to choose. */
function backFromTypes(taxpayers: readonly TaxpayerChoice[]): Next {
  return taxpayers.length > 1 ? { name: 'chooseTaxpayer', taxpayers } : null;
}

/** The flow's step function: its own events in `ownStep`, a failed call and Back by `callFailed` and `back` below. */
export const collectionStep = serviceStep<CollectionState, CollectionEvent>({ step: ownStep, callFailed, back, menu });

function ownStep(state: CollectionState, event: Exclude<CollectionEvent, ServiceCommonEvent>): Next {
  const same = state;
  switch (event.type) {
    case 'taxpayersLoaded': {
      if (state.name !== 'loadingTaxpayers') return same;
      const result = event.result;
      if (result.outcome === 'backendUnreachable') return { name: 'offline' };
      const only = result.taxpayers.length === 1 ? result.taxpayers[0] : undefined;
      // Exactly one taxpayer: nothing to choose, skip the screen.
      return only ? loadOptions(result.taxpayers, only) : { name: 'chooseTaxpayer', taxpayers: result.taxpayers };
    }
    case 'taxpayerChosen':
      return state.name === 'chooseTaxpayer' ? loadOptions(state.taxpayers, event.taxpayer) : same;
    case 'optionsLoaded': {
      if (state.name !== 'loadingOptions' || state.taxpayer.id !== event.taxpayerId) return same;
      const result = event.result;
      if (result.outcome === 'refused')
        return { name: 'refused', refusal: result.refusal, atStep: 2, previous: backFromTypes(state.taxpayers), taxpayerName: state.taxpayer.name };
      return chooseType(state.taxpayers, state.taxpayer, result.types);
    }
    case 'typeSelected': {
      if (state.name !== 'chooseType') return same;
      const type = state.types.find((t) => t.code === event.code);
      if (!type || type.maxQuantity === 0) return { ...state, selected: event.code };
      return { ...state, selected: event.code, quantity: clampQuantity(state.quantity, type.maxQuantity) };
    }
    case 'quantitySet': {
      if (state.name !== 'chooseType') return same;
      const type = selectedType(state);
      return type ? { ...state, quantity: clampQuantity(event.quantity, type.maxQuantity) } : same;
    }
    case 'next': {
      if (state.name !== 'chooseType') return same;
      const type = selectedType(state);
      return type ? { name: 'confirm', from: state, type, quantity: clampQuantity(state.quantity, type.maxQuantity) } : same;
    }
    case 'pickupOpened':
      return state.name === 'chooseType' ? { name: 'pickup', from: state, code: '' } : same;
    case 'pickupTyped':
      return state.name === 'pickup' ? { ...state, code: event.code.toUpperCase().slice(0, PICKUP_MAX) } : same;
    case 'confirmed':
      if (state.name === 'pickupConfirm')
        return { name: 'collecting', request: { pickupCode: state.code }, progress: null, taxpayerName: state.pickup.taxpayerName, from: state };
      if (state.name !== 'confirm') return same;
      return {
        name: 'collecting',
        request: { taxpayerId: state.from.taxpayer.id, invoiceType: state.type.code, quantity: state.quantity },
        progress: null,
        taxpayerName: state.from.taxpayer.name,
        from: state,
      };
    case 'pickupSubmitted':
      if (state.name !== 'pickup' || !PICKUP_CODE.test(state.code)) return same;
      return { name: 'loadingPickup', from: state.from, code: state.code };
    case 'pickupLoaded': {
      if (state.name !== 'loadingPickup' || state.code !== event.code) return same;
      const result = event.result;
      if (result.outcome === 'refused') {
        const retry: PickupState = { name: 'pickup', from: state.from, code: state.code };
        return { name: 'refused', refusal: result.refusal, atStep: 2, previous: retry, viaPickup: true, retry };
      }
      return { name: 'pickupConfirm', from: state.from, code: state.code, pickup: result.pickup };
    }
    case 'retryPickup': {
      return state.name === 'refused' && state.retry !== undefined ? state.retry : same;
    }
    case 'progress':
      return state.name === 'collecting' ? { ...state, progress: event.progress } : same;
    case 'collected': {
      if (state.name !== 'collecting') return same;
      const result = event.result;
      switch (result.outcome) {
        case 'completed':
          return { name: 'completed', result };
        case 'refused':
          return 'pickupCode' in state.request
            ? { name: 'refused', refusal: result.refusal, atStep: 4, previous: state.from, taxpayerName: state.taxpayerName, viaPickup: true }
            : { name: 'refused', refusal: result.refusal, atStep: 4, previous: state.from, taxpayerName: state.taxpayerName };
        case 'failed':
          return { name: 'failed', formsOut: result.formsOut, transactionId: result.transactionId };
        default:
          return assertNever(result);
      }
    }
    default:
      return assertNever(event);
  }
}

function callFailed(state: CollectionState): Next {
  switch (state.name) {
    case 'loadingTaxpayers':
    case 'loadingOptions':
    case 'loadingPickup':
      return { name: 'offline' };
    case 'collecting':
      // We cannot know what came out: say what we saw and send the person to staff.
      return { name: 'failed', formsOut: state.progress?.step === 'printingForms' ? state.progress.done : 0, transactionId: null };
    default:
      return state;
  }
}

function back(state: CollectionState): Next {
  switch (state.name) {
    case 'loadingTaxpayers':
    case 'offline':
    case 'chooseTaxpayer':
    case 'completed':
    case 'failed':
      return null;
    case 'refused':
      // One step back: to the screen whose answer was refused (返回业务菜单 is the menu event).
      return state.previous;
    case 'loadingOptions':
    case 'chooseType':
      return backFromTypes(state.taxpayers);
    case 'pickup':
    case 'confirm':
      return state.from;
    case 'loadingPickup':
    case 'pickupConfirm':
      // Back to the code as typed, to correct it.
      return { name: 'pickup', from: state.from, code: state.code };
    case 'collecting':
      // The forms are on their way: there is no going back now.
      return state;
    default:
      return assertNever(state);
  }
}

/** 返回业务菜单: out of the flow, except while the forms come out. */
function menu(state: CollectionState): Next {
  return state.name === 'collecting' ? state : null;
}

/** The steps a person sees numbered (1 taxpayer, 2 type, 3 confirm, 4 printing, 5 result). */
export function stepNumber(state: CollectionState): number {
  switch (state.name) {
    case 'loadingTaxpayers':
    case 'offline':
    case 'chooseTaxpayer':
      return 1;
    case 'loadingOptions':
    case 'chooseType':
    case 'pickup':
    case 'loadingPickup':
      return 2;
    case 'confirm':
    case 'pickupConfirm':
      return 3;
    case 'collecting':
      return 4;
    case 'refused':
      return state.atStep;
    case 'completed':
    case 'failed':
      return 5;
    default:
      return assertNever(state);
  }
}
