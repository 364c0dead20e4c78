import type {
  AuthorizeResult,
  ConsentTerms,
  CreditCertificatePreview,
  CreditCertificatePreviewResult,
  CreditCertificatePrintResult,
  CreditCertificateRefusal,
  CreditRefusal,
  CreditTaxpayerView,
  CreditView,
  RevokeResult,
} from '../../../shared/contract/services/credit';

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
  | { name: 'failed' }
  /** 纳税信用等级证明: asked for, previewed (a part at a time), printing, and its ends; each keeps the view to go back to. */
  | ({ name: 'certLoading'; taxpayerId: string } & Loaded)
  | ({ name: 'certPreview'; preview: CreditCertificatePreview; page: number } & Loaded)
  | ({ name: 'certPrinting'; preview: CreditCertificatePreview } & Loaded)
  | ({ name: 'certPrinted'; preview: CreditCertificatePreview; result: Extract<CreditCertificatePrintResult, { outcome: 'completed' }> } & Loaded)
  | ({ name: 'certRefused'; refusal: CreditCertificateRefusal } & Loaded)
  | ({ name: 'certFailed' } & Loaded);

/** The preview shows the certificate in two parts: the taxpayer and grade, then the statement and how to check it. */
export const CERT_PREVIEW_PAGES = 2;

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
  | { type: 'menu' }
  /** 打印纳税信用等级证明 on a taxpayer of the view. */
  | { type: 'certificate'; taxpayerId: string }
  | { type: 'certPreviewed'; result: CreditCertificatePreviewResult }
  | { type: 'certPage'; page: number }
  | { type: 'certPrint' }
  | { type: 'certPrinted'; result: CreditCertificatePrintResult };

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
      if (state.name === 'certLoading' || state.name === 'certPrinting') return { name: 'certFailed', terms: state.terms, taxpayers: state.taxpayers };
      return state.name === 'loading' || state.name === 'authorizing' || state.name === 'revoking' ? { name: 'failed' } : state;
    case 'certificate':
      if (state.name !== 'view' || !state.taxpayers.some((t) => t.taxpayerId === event.taxpayerId)) return state;
      return { name: 'certLoading', terms: state.terms, taxpayers: state.taxpayers, taxpayerId: event.taxpayerId };
    case 'certPreviewed':
      if (state.name !== 'certLoading') return state;
      return event.result.outcome === 'ok'
        ? { name: 'certPreview', terms: state.terms, taxpayers: state.taxpayers, preview: event.result.preview, page: 0 }
        : { name: 'certRefused', terms: state.terms, taxpayers: state.taxpayers, refusal: event.result.refusal };
    case 'certPage':
      if (state.name !== 'certPreview') return state;
      return { ...state, page: Math.max(0, Math.min(CERT_PREVIEW_PAGES - 1, event.page)) };
    case 'certPrint':
      return state.name === 'certPreview' ? { name: 'certPrinting', terms: state.terms, taxpayers: state.taxpayers, preview: state.preview } : state;
    case 'certPrinted': {
      if (state.name !== 'certPrinting') return state;
      const loaded = { terms: state.terms, taxpayers: state.taxpayers };
      if (event.result.outcome === 'completed') return { name: 'certPrinted', ...loaded, preview: state.preview, result: event.result };
      return event.result.outcome === 'refused' ? { name: 'certRefused', ...loaded, refusal: event.result.refusal } : { name: 'certFailed', ...loaded };
    }
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
      return state.name === 'authorizing' || state.name === 'revoking' || state.name === 'certPrinting' ? state : CREDIT_START;
    case 'back':
      switch (state.name) {
        case 'consent':
          return { name: 'view', terms: state.terms, taxpayers: state.taxpayers };
        case 'refused':
          return state.loaded ? { name: 'view', ...state.loaded } : null;
        case 'certPreview':
        case 'certPrinted':
        case 'certRefused':
        case 'certFailed':
          return { name: 'view', terms: state.terms, taxpayers: state.taxpayers };
        case 'authorizing':
        case 'revoking':
        case 'certLoading':
        case 'certPrinting':
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
