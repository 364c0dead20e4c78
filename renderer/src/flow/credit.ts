import type { AuthorizeResult, ConsentTerms, CreditRefusal, CreditTaxpayerView, CreditView, RevokeResult } from '../../../shared/contract/services/credit';

/**
 * 纳税信用 / 银税互动 (docs/credit-sharing.md) as one named state per screen.
 * Pure: the controller makes the calls and feeds their answers in as events;
 * an answer that no longer fits the state is dropped. The consent screen is
 * its own state, reached only from the credit view; only its own "I agree"
 * (`accept`) moves on to `authorizing`.
 */
export interface Loaded {
  terms: ConsentTerms;
  taxpayers: readonly CreditTaxpayerView[];
}

export type CreditState =
  | { name: 'loading' }
  | ({ name: 'view' } & Loaded)
  | ({ name: 'consent'; taxpayerId: string } & Loaded)
  | ({ name: 'authorizing'; taxpayerId: string } & Loaded)
  | { name: 'authorized'; result: Extract<AuthorizeResult, { outcome: 'authorized' }>; terms: ConsentTerms }
  | ({ name: 'revoking'; taxpayerId: string; consentId: string } & Loaded)
  | { name: 'revoked'; result: Extract<RevokeResult, { outcome: 'revoked' }>; terms: ConsentTerms }
  /** `loaded`: the view to go back to; null when the view itself was refused. */
  | { name: 'refused'; refusal: CreditRefusal; loaded: Loaded | null }
  | { name: 'failed' };

export type CreditStateName = CreditState['name'];

export type CreditEvent =
  | { type: 'loaded'; result: CreditView }
  | { type: 'authorize'; taxpayerId: string }
  /** The explicit tap on the consent screen. */
  | { type: 'accept' }
  | { type: 'authorized'; result: AuthorizeResult }
  | { type: 'revoke'; taxpayerId: string; consentId: string }
  | { type: 'revoked'; result: RevokeResult }
  /** Back to the credit view, asked again (after a result, or from the consent screen). */
  | { type: 'reload' }
  | { type: 'callFailed' }
  | { type: 'back' }
  | { type: 'menu' };

export const CREDIT_START: CreditState = { name: 'loading' };

function loadedOf(state: CreditState): Loaded | null {
  return 'taxpayers' in state ? { terms: state.terms, taxpayers: state.taxpayers } : null;
}

/** The next state, or null to leave the flow (the menu). */
export function creditStep(state: CreditState, event: CreditEvent): CreditState | null {
  switch (event.type) {
    case 'menu':
      return null;
    case 'callFailed':
      return state.name === 'loading' || state.name === 'authorizing' || state.name === 'revoking' ? { name: 'failed' } : state;
    case 'loaded':
      if (state.name !== 'loading') return state;
      return event.result.outcome === 'ok'
        ? { name: 'view', terms: event.result.terms, taxpayers: event.result.taxpayers }
        : { name: 'refused', refusal: event.result.refusal, loaded: null };
    case 'authorize': {
      if (state.name !== 'view') return state;
      const taxpayer = state.taxpayers.find((t) => t.taxpayerId === event.taxpayerId);
      if (!taxpayer || taxpayer.consent !== null) return state;
      return { name: 'consent', terms: state.terms, taxpayers: state.taxpayers, taxpayerId: event.taxpayerId };
    }
    case 'accept':
      return state.name === 'consent' ? { ...state, name: 'authorizing' } : state;
    case 'authorized':
      if (state.name !== 'authorizing') return state;
      return event.result.outcome === 'authorized'
        ? { name: 'authorized', result: event.result, terms: state.terms }
        : { name: 'refused', refusal: event.result.refusal, loaded: loadedOf(state) };
    case 'revoke': {
      if (state.name !== 'view') return state;
      return { name: 'revoking', terms: state.terms, taxpayers: state.taxpayers, taxpayerId: event.taxpayerId, consentId: event.consentId };
    }
    case 'revoked':
      if (state.name !== 'revoking') return state;
      return event.result.outcome === 'revoked'
        ? { name: 'revoked', result: event.result, terms: state.terms }
        : { name: 'refused', refusal: event.result.refusal, loaded: loadedOf(state) };
    case 'reload':
      return state.name === 'authorizing' || state.name === 'revoking' ? state : CREDIT_START;
    case 'back':
      switch (state.name) {
        case 'consent':
          return { name: 'view', terms: state.terms, taxpayers: state.taxpayers };
        case 'refused':
          return state.loaded ? { name: 'view', ...state.loaded } : null;
        case 'authorizing':
        case 'revoking':
          return state;
        default:
          return null;
      }
    default:
      return state;
  }
}

/** The consent screen's taxpayer. */
export function consentTaxpayer(state: Extract<CreditState, { name: 'consent' | 'authorizing' }>): CreditTaxpayerView | null {
  return state.taxpayers.find((t) => t.taxpayerId === state.taxpayerId) ?? null;
}
