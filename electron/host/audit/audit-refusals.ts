import type { Router } from '../../../shared/contract';

/** A taxpayer's request the kiosk refused: which call, and the refusal's reason code. */
export interface RefusalSeen {
  method: string;
  reason: string;
}

/**
 * Every service answers a refusal the same way — `{ outcome: 'refused',
 * refusal: { reason, ... } }` (eligibility, quota, a used 取票码, arrears, a
 * period out of range, a printer not ready) — so the audit trail gets one
 * entry per refusal here, at the one door every call passes, instead of in
 * each service. Only the method and the reason code are passed on: the
 * refusal's other fields may be a taxpayer's figures.
 */
export function auditRefusals(router: Router, onRefused: (refusal: RefusalSeen) => void): Router {
  return {
    async call(method, payload, ctx) {
      const result = await router.call(method, payload, ctx);
      if (result.ok && typeof method === 'string') {
        const reason = refusalReason(result.value);
        if (reason !== null) onRefused({ method, reason });
      }
      return result;
    },
  };
}

function refusalReason(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { outcome, refusal } = value as { outcome?: unknown; refusal?: unknown };
  if (outcome !== 'refused' || typeof refusal !== 'object' || refusal === null) return null;
  const reason = (refusal as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : null;
}
