import { KioskError, type MethodName } from '../../../shared/contract';
import type { Taxpayer, TaxBackend } from '../../../shared/backend';
import type { IdCard } from '../../../shared/domain/idcard';
import type { Logger } from '../logger';
import type { SessionService } from '../session/session-service';

/**
 * What every taxpayer service asks about the person at the kiosk: their card
 * (the ID number never comes from the screen), the taxpayers they may act
 * for, and how a failed backend call is logged (method and code, no data).
 */

/** The card of the visit in progress; notAvailable when there is none. */
export function activeCard(session: Pick<SessionService, 'activeCard'>): IdCard {
  const card = session.activeCard();
  if (!card) throw new KioskError('notAvailable', 'no active visit');
  return card;
}

export async function taxpayersOf(backend: Pick<TaxBackend, 'taxpayersForPerson'>, idNumber: string): Promise<Taxpayer[]> {
  return (await backend.taxpayersForPerson({ idNumber })).taxpayers;
}

/** The taxpayer, checked against those the person may act for (a screen may send any id). */
export async function ownTaxpayer(backend: Pick<TaxBackend, 'taxpayersForPerson'>, idNumber: string, taxpayerId: string): Promise<Taxpayer> {
  const own = (await taxpayersOf(backend, idNumber)).find((t) => t.id === taxpayerId);
  if (!own) throw new KioskError('invalidRequest', 'the person may not act for this taxpayer');
  return own;
}

export function logBackendFailure(log: Logger, method: MethodName, error: { code: string }): void {
  log.warn({ event: 'backend.failed', method, code: error.code }, 'tax backend call failed');
}
