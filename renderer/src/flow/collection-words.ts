import { money } from './issuance-words';
import type { CollectionRefusal } from '../../../shared/contract/services/collection';
import type { Progress } from './collection';
import { printerFaultKey, printerInTextKey } from './printers';
import { assertNever } from '../../../shared/assert-never';
import type { T } from '../hooks/use-t';

/** One plain catalogue sentence per refusal: what happened and what to do next. */
export function refusalText(t: T, refusal: CollectionRefusal, viaPickup = false): string {
  switch (refusal.reason) {
    case 'notRegistered':
      return t('collection.refused.notRegistered');
    case 'typeNotApproved':
      return t('collection.refused.typeNotApproved');
    case 'arrears':
      return t('collection.refused.arrears', { amount: money(t, refusal.arrearsFen) });
    case 'creditGrade':
      return t('collection.refused.creditGrade', { grade: refusal.grade });
    case 'quotaExceeded':
      return t('collection.refused.quotaExceeded', {
        quota: refusal.monthlyQuota,
        used: refusal.usedThisMonth,
        remaining: refusal.remaining,
        requested: refusal.requested,
      });
    case 'unverifiedInvoices':
      return t('collection.refused.unverifiedInvoices', { count: refusal.unverifiedCount });
    case 'noStock':
      // A 取票码 fixes the count: asking for fewer is no way out there.
      return t(viaPickup ? 'collection.refused.noStock.pickup' : 'collection.refused.noStock', { remaining: refusal.remaining });
    case 'pickupNotFound':
      return t('collection.refused.pickupNotFound');
    case 'pickupAlreadyCollected':
      return t('collection.refused.pickupAlreadyCollected', { date: refusal.collectedAt.slice(0, 10) });
    case 'pickupOtherPerson':
      return t('collection.refused.pickupOtherPerson');
    case 'backendUnreachable':
      return t('collection.refused.backendUnreachable');
    case 'printerNotReady':
      return t('collection.refused.printerNotReady', {
        fault: t(printerFaultKey(refusal.fault), { printer: t(printerInTextKey(refusal.printer)) }),
      });
    default:
      return assertNever(refusal);
  }
}

/** The progress line under "请勿离开". */
export function progressText(t: T, progress: Progress | null): string {
  if (progress === null) return t('collection.progress.checking');
  const step = progress.step;
  switch (step) {
    case 'checking':
      return t('collection.progress.checking');
    case 'allocating':
      return t('collection.progress.allocating');
    case 'printingForms':
      return t('collection.progress.printingForms', { done: progress.done, total: progress.total });
    case 'printingReceipt':
      return t('collection.progress.printingReceipt');
    default:
      return assertNever(step);
  }
}
