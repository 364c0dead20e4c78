import type { Result } from '../../../shared/contract';
import { prng } from '../../../shared/prng';

/**
 * One taxpayer visit as the screens would drive it, through the host's contract
 * router (no UI): card on, one service, card off. Used by `kioskctl load` for
 * fault tests, soak tests and benchmarks. Each visit ends in an outcome word;
 * a completed one names the transaction it committed.
 */
export type Call = (method: string, payload?: unknown) => Promise<Result<unknown>>;

export type ServiceName = 'collection' | 'issuance' | 'certificate' | 'credit' | 'public';
export const SERVICES: readonly ServiceName[] = ['collection', 'issuance', 'certificate', 'credit', 'public'];

export interface VisitOutcome {
  service: ServiceName;
  /** `completed`, a refusal reason, or `failed:<why>`. */
  outcome: string;
  /** Set when the visit committed a transaction (its business change and outbox rows are in SQLite). */
  transactionId: string | null;
}

/** The seeded PRNG (shared/prng.ts): the same seed drives the same visits. */
export { prng };

/**
 * A busy hall's mix: collection 35 %, issuance on behalf 30 %, IIT certificate
 * 20 %, 纳税信用 / 银税互动 10 %, 公开信息 read without a card 5 %.
 */
export function pickService(rand: () => number): ServiceName {
  const r = rand();
  if (r < 0.35) return 'collection';
  if (r < 0.65) return 'issuance';
  if (r < 0.85) return 'certificate';
  return r < 0.95 ? 'credit' : 'public';
}

/** How a visit is run. */
export interface VisitOptions {
  /** How long an issuance waits for the backend to confirm its payment before it gives up (cancels). */
  paymentWaitMs: number;
}

export const DEFAULT_PAYMENT_WAIT_MS = 30_000;

/** Outcomes that are a failed visit: an error, forms that need staff, a payment that never came. */
export function isFailedOutcome(outcome: string): boolean {
  return outcome.startsWith('failed') || outcome === 'needsAttention' || outcome.startsWith('payment:');
}

/** The demo's 取票码 for taxpayers 测试甲 acts for (backend/sandbox/README.md). */
const PICKUP_CODES = ['80000001', '80000002'] as const;
/** Share of collection visits that bring a 取票码 instead of choosing a quantity. */
const PICKUP_SHARE = 0.2;

/** The simulator's card profiles: one who acts for taxpayers, one with IIT records; 公开信息 needs no card. */
const PROFILE: Record<ServiceName, string | null> = {
  collection: 'resident',
  issuance: 'resident',
  certificate: 'resident-long-term',
  credit: 'resident',
  public: null,
};

export async function runVisit(
  call: Call,
  service: ServiceName,
  rand: () => number,
  options: VisitOptions = { paymentWaitMs: DEFAULT_PAYMENT_WAIT_MS },
): Promise<VisitOutcome> {
  const done = (outcome: string, transactionId: string | null = null): VisitOutcome => ({ service, outcome, transactionId });
  const profile = PROFILE[service];
  if (profile === null) return await readPublic(call, rand, done);
  await value(call, 'sim.idcard.place', { profile });
  try {
    await until(async () => (await value<{ state: string }>(call, 'session.get')).state === 'active', 15_000, 'the session to start');
    switch (service) {
      case 'collection':
        return await collect(call, rand, done);
      case 'issuance':
        return await issue(call, rand, done, options);
      case 'certificate':
        return await certificate(call, done);
      case 'credit':
        return await credit(call, rand, done);
      case 'public':
        throw new Error('公开信息 is read without a card');
    }
  } finally {
    await leave(call);
  }
}

/** The card lifted; a payment still under way holds the visit against the lift (cardAway): then the person leaves by Exit. */
async function leave(call: Call): Promise<void> {
  await value(call, 'sim.idcard.lift');
  await until(
    async () => {
      const s = await value<{ state: string; cardAway?: boolean }>(call, 'session.get');
      return s.state === 'idle' || s.cardAway === true;
    },
    15_000,
    'the card lift to be seen',
  );
  if ((await value<{ state: string }>(call, 'session.get')).state !== 'idle') await value(call, 'session.end');
  await until(async () => (await value<{ state: string }>(call, 'session.get')).state === 'idle', 15_000, 'the session to end');
}

type Done = (outcome: string, transactionId?: string | null) => VisitOutcome;

async function collect(call: Call, rand: () => number, done: Done): Promise<VisitOutcome> {
  if (rand() < PICKUP_SHARE) return collectByCode(call, PICKUP_CODES[Math.floor(rand() * PICKUP_CODES.length)] ?? PICKUP_CODES[0], done);
  const list = await value<{ outcome: string; taxpayers?: { id: string }[] }>(call, 'taxpayers.list');
  if (list.outcome !== 'ok' || !list.taxpayers?.length) return done(list.outcome);
  const taxpayer = list.taxpayers[Math.floor(rand() * list.taxpayers.length)];
  if (!taxpayer) return done('noTaxpayer');
  const options = await value<{ outcome: string; types?: { code: string; maxQuantity: number }[]; refusal?: { reason: string } }>(call, 'collection.options', {
    taxpayerId: taxpayer.id,
  });
  if (options.outcome !== 'ok') return done(options.refusal?.reason ?? options.outcome);
  const open = (options.types ?? []).filter((t) => t.maxQuantity > 0);
  const type = open[Math.floor(rand() * open.length)];
  if (!type) return done('nothingToCollect');
  const quantity = 1 + Math.floor(rand() * Math.min(3, type.maxQuantity));
  const r = await value<{ outcome: string; transactionId?: string; refusal?: { reason: string } }>(call, 'collection.collect', {
    taxpayerId: taxpayer.id,
    invoiceType: type.code,
    quantity,
  });
  return r.outcome === 'completed' ? done('completed', r.transactionId ?? null) : done(r.refusal?.reason ?? r.outcome);
}

/** A 取票码: the screen that names taxpayer, type and count, then 确认. A code used before is a refusal, not a failure. */
async function collectByCode(call: Call, pickupCode: string, done: Done): Promise<VisitOutcome> {
  const preview = await value<{ outcome: string; refusal?: { reason: string } }>(call, 'collection.pickup', { pickupCode });
  if (preview.outcome !== 'found') return done(preview.refusal?.reason ?? preview.outcome);
  const r = await value<{ outcome: string; transactionId?: string; refusal?: { reason: string } }>(call, 'collection.collect', { pickupCode });
  return r.outcome === 'completed' ? done('completed', r.transactionId ?? null) : done(r.refusal?.reason ?? r.outcome);
}

async function issue(call: Call, rand: () => number, done: Done, options: VisitOptions): Promise<VisitOutcome> {
  const begin = await value<{ outcome: string; sellers?: { id: string }[] }>(call, 'issuance.begin');
  if (begin.outcome !== 'ok' || !begin.sellers?.length) return done(begin.outcome);
  const seller = begin.sellers[Math.floor(rand() * begin.sellers.length)];
  if (!seller) return done('noSeller');
  // 100.00 to 2,000.00 to a private buyer: below the VAT threshold for most sellers, IIT due.
  const amountFen = (100 + Math.floor(rand() * 1900)) * 100;
  const draft = {
    taxpayerId: seller.id,
    buyer: { kind: 'individual', name: '负载测试' },
    lines: [{ name: '*日用品*文具', unit: '件', quantity: '1', unitPrice: (amountFen / 100).toFixed(2), amountFen }],
  };
  const paid = await value<{ outcome: string; payment?: { transactionId: string }; paid?: { transactionId: string }; refusal?: { reason: string } }>(
    call,
    'issuance.pay',
    draft,
  );
  let transactionId: string;
  if (paid.outcome === 'awaitingPayment' && paid.payment) {
    transactionId = paid.payment.transactionId;
    // The taxpayer "pays": the in-process sandbox confirms at once; a backend across the broker
    // confirms by its own payment simulator (npm run sandbox -- --payment-auto-confirm-ms) — wait for it.
    await value(call, 'sim.payment.confirm');
    const status = await paymentSettled(call, transactionId, options.paymentWaitMs);
    if (status.status !== 'paid') {
      await value(call, 'issuance.cancel', { transactionId });
      return done(`payment:${status.status}`);
    }
  } else if (paid.outcome === 'paid' && paid.paid) {
    transactionId = paid.paid.transactionId;
  } else {
    return done(paid.refusal?.reason ?? paid.outcome);
  }
  const printed = await value<{ outcome: string; transactionId?: string }>(call, 'issuance.print', { transactionId });
  return printed.outcome === 'completed' ? done('completed', printed.transactionId ?? transactionId) : done(printed.outcome);
}

async function certificate(call: Call, done: Done): Promise<VisitOutcome> {
  const bounds = await value<{ presets: { id: string; from: string; to: string }[] }>(call, 'certificate.periods');
  const preset = bounds.presets.find((p) => p.id === 'last12Months') ?? bounds.presets[0];
  if (!preset) return done('noPeriod');
  const r = await value<{ outcome: string; transactionId?: string | null; refusal?: { reason: string } }>(call, 'certificate.print', {
    from: preset.from,
    to: preset.to,
  });
  return r.outcome === 'completed' ? done('completed', r.transactionId ?? null) : done(r.refusal?.reason ?? r.outcome);
}

/**
 * 纳税信用: the grades of the taxpayers the card holder acts for, then 授权银行查询
 * with the explicit consent (a transaction to the bank), or the withdrawal of a
 * consent in force. The consent id stands for the transaction in the report.
 */
async function credit(call: Call, rand: () => number, done: Done): Promise<VisitOutcome> {
  const view = await value<{ outcome: string; taxpayers?: { taxpayerId: string; consent: { consentId: string } | null }[]; refusal?: { reason: string } }>(
    call,
    'credit.view',
  );
  if (view.outcome !== 'ok' || !view.taxpayers?.length) return done(view.refusal?.reason ?? view.outcome);
  const taxpayer = view.taxpayers[Math.floor(rand() * view.taxpayers.length)];
  if (!taxpayer) return done('noTaxpayer');
  if (taxpayer.consent !== null) {
    const r = await value<{ outcome: string; consentId?: string; refusal?: { reason: string } }>(call, 'credit.revoke', {
      taxpayerId: taxpayer.taxpayerId,
      consentId: taxpayer.consent.consentId,
    });
    return r.outcome === 'revoked' ? done('revoked', r.consentId ?? null) : done(r.refusal?.reason ?? r.outcome);
  }
  const r = await value<{ outcome: string; consentId?: string; refusal?: { reason: string } }>(call, 'credit.authorize', {
    taxpayerId: taxpayer.taxpayerId,
    accepted: true,
  });
  return r.outcome === 'authorized' ? done('completed', r.consentId ?? null) : done(r.refusal?.reason ?? r.outcome);
}

const PUBLIC_SECTIONS = ['guides', 'powers', 'arrears', 'quotas'] as const;

/** 公开信息 with no card, as a passer-by reads it: the sections, a page of one, sometimes a search. Nothing is committed. */
async function readPublic(call: Call, rand: () => number, done: Done): Promise<VisitOutcome> {
  const overview = await value<{ available: boolean }>(call, 'public.overview');
  if (!overview.available) return done('unavailable');
  const section = PUBLIC_SECTIONS[Math.floor(rand() * PUBLIC_SECTIONS.length)] ?? 'guides';
  const page = await value<{ pages: number }>(call, 'public.list', { section, page: 1, pageSize: 8 });
  if (page.pages > 1) await value(call, 'public.list', { section, page: 2, pageSize: 8 });
  if (rand() < 0.5) await value(call, 'public.search', { section, page: 1, pageSize: 8, query: rand() < 0.5 ? '发票' : 'fp' });
  return done('read');
}

/**
 * Asks for the payment's status until it is settled, or `waitMs` has passed.
 * "unknown" (the backend could not be asked: a broker node going) is not
 * settled: the payment screen says so and keeps asking (renderer/src/flow/issuance.ts),
 * and so does the person this visit plays.
 */
export async function paymentSettled(call: Call, transactionId: string, waitMs: number, pollMs = 200): Promise<{ status: string }> {
  const end = Date.now() + waitMs;
  for (;;) {
    const status = await value<{ status: string }>(call, 'issuance.paymentStatus', { transactionId });
    if ((status.status !== 'pending' && status.status !== 'unknown') || Date.now() >= end) return status;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** A contract call that must succeed; a contract error is a failed visit, with its code. */
export async function value<T = unknown>(call: Call, method: string, payload: unknown = {}): Promise<T> {
  const result = await call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

export async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
