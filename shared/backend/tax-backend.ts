import { backendMethods, type BackendMethodName, type BackendReply, type BackendRequest } from './methods';

/**
 * What the kiosk may ask the tax backend. Implemented in-process by the sandbox
 * backend (backend/sandbox) and, later, by the AMQP RPC transport.
 */
export interface TaxBackend {
  taxpayersForPerson(request: BackendRequest<'taxpayers.forPerson'>): Promise<BackendReply<'taxpayers.forPerson'>>;
  eligibilityCollect(request: BackendRequest<'eligibility.collect'>): Promise<BackendReply<'eligibility.collect'>>;
  pickupLookup(request: BackendRequest<'pickup.lookup'>): Promise<BackendReply<'pickup.lookup'>>;
  collectionClaim(request: BackendRequest<'collection.claim'>): Promise<BackendReply<'collection.claim'>>;
  collectionRelease(request: BackendRequest<'collection.release'>): Promise<BackendReply<'collection.release'>>;
  sellerMonthToDate(request: BackendRequest<'seller.monthToDate'>): Promise<BackendReply<'seller.monthToDate'>>;
  paymentCreateOrder(request: BackendRequest<'payment.createOrder'>): Promise<BackendReply<'payment.createOrder'>>;
  paymentStatus(request: BackendRequest<'payment.status'>): Promise<BackendReply<'payment.status'>>;
  paymentCancel(request: BackendRequest<'payment.cancel'>): Promise<BackendReply<'payment.cancel'>>;
  iitRecords(request: BackendRequest<'iit.records'>): Promise<BackendReply<'iit.records'>>;
  transactionsSubmit(request: BackendRequest<'transactions.submit'>): Promise<BackendReply<'transactions.submit'>>;
  auditHead(request: BackendRequest<'audit.head'>): Promise<BackendReply<'audit.head'>>;
  certificateVerify(request: BackendRequest<'certificate.verify'>): Promise<BackendReply<'certificate.verify'>>;
  creditCertificateVerify(request: BackendRequest<'creditCertificate.verify'>): Promise<BackendReply<'creditCertificate.verify'>>;
  creditFacts(request: BackendRequest<'credit.facts'>): Promise<BackendReply<'credit.facts'>>;
  bankApplication(request: BackendRequest<'bank.application'>): Promise<BackendReply<'bank.application'>>;
}

/** The interface method that serves each wire method name (for the AMQP dispatcher). */
export const BACKEND_METHOD_KEYS = {
  'taxpayers.forPerson': 'taxpayersForPerson',
  'eligibility.collect': 'eligibilityCollect',
  'pickup.lookup': 'pickupLookup',
  'collection.claim': 'collectionClaim',
  'collection.release': 'collectionRelease',
  'seller.monthToDate': 'sellerMonthToDate',
  'payment.createOrder': 'paymentCreateOrder',
  'payment.status': 'paymentStatus',
  'payment.cancel': 'paymentCancel',
  'iit.records': 'iitRecords',
  'transactions.submit': 'transactionsSubmit',
  'audit.head': 'auditHead',
  'certificate.verify': 'certificateVerify',
  'creditCertificate.verify': 'creditCertificateVerify',
  'credit.facts': 'creditFacts',
  'bank.application': 'bankApplication',
} as const satisfies Record<BackendMethodName, keyof TaxBackend>;

/**
 * - `unreachable`: no answer could be asked for (no connection, sandbox switched off).
 * - `timeout`: asked, but no answer within the deadline; the effect is unknown.
 * - `rejected`: the backend refused the request (invalid, unknown reference), or
 *   answered something outside the contract — either way retrying will not help.
 */
export type BackendErrorCode = 'unreachable' | 'timeout' | 'rejected';

export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}

/**
 * Validates a request before it leaves and a reply before anyone uses it. Any
 * reply that fails its schema becomes `BackendError('rejected')`, so a caller
 * only ever sees contract-shaped data or a typed error.
 */
export async function checkedCall<M extends BackendMethodName>(
  method: M,
  request: BackendRequest<M>,
  send: (request: BackendRequest<M>) => Promise<unknown>,
): Promise<BackendReply<M>> {
  const schemas = backendMethods[method];
  const parsedRequest = schemas.request.safeParse(request);
  if (!parsedRequest.success) throw new BackendError('rejected', `${method}: invalid request: ${parsedRequest.error.message}`);
  const raw = await send(request);
  const parsedReply = schemas.reply.safeParse(raw);
  if (!parsedReply.success) throw new BackendError('rejected', `${method}: reply outside the contract: ${parsedReply.error.message}`);
  return parsedReply.data as BackendReply<M>;
}

/** Wraps any TaxBackend so every call goes through `checkedCall` (the kiosk side uses this). */
export function validatingBackend(inner: TaxBackend): TaxBackend {
  return {
    taxpayersForPerson: (r) => checkedCall('taxpayers.forPerson', r, (x) => inner.taxpayersForPerson(x)),
    eligibilityCollect: (r) => checkedCall('eligibility.collect', r, (x) => inner.eligibilityCollect(x)),
    pickupLookup: (r) => checkedCall('pickup.lookup', r, (x) => inner.pickupLookup(x)),
    collectionClaim: (r) => checkedCall('collection.claim', r, (x) => inner.collectionClaim(x)),
    collectionRelease: (r) => checkedCall('collection.release', r, (x) => inner.collectionRelease(x)),
    sellerMonthToDate: (r) => checkedCall('seller.monthToDate', r, (x) => inner.sellerMonthToDate(x)),
    paymentCreateOrder: (r) => checkedCall('payment.createOrder', r, (x) => inner.paymentCreateOrder(x)),
    paymentStatus: (r) => checkedCall('payment.status', r, (x) => inner.paymentStatus(x)),
    paymentCancel: (r) => checkedCall('payment.cancel', r, (x) => inner.paymentCancel(x)),
    iitRecords: (r) => checkedCall('iit.records', r, (x) => inner.iitRecords(x)),
    transactionsSubmit: (r) => checkedCall('transactions.submit', r, (x) => inner.transactionsSubmit(x)),
    auditHead: (r) => checkedCall('audit.head', r, (x) => inner.auditHead(x)),
    certificateVerify: (r) => checkedCall('certificate.verify', r, (x) => inner.certificateVerify(x)),
    creditCertificateVerify: (r) => checkedCall('creditCertificate.verify', r, (x) => inner.creditCertificateVerify(x)),
    creditFacts: (r) => checkedCall('credit.facts', r, (x) => inner.creditFacts(x)),
    bankApplication: (r) => checkedCall('bank.application', r, (x) => inner.bankApplication(x)),
  };
}
