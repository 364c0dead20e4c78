import { KioskError, type MethodName } from '../../../shared/contract';
import type {
  CertificateBounds,
  CertificatePeriod,
  CertificatePrintRequest,
  CertificatePrintResult,
  CertificateRecords,
  CertificateRefusal,
} from '../../../shared/contract/services/certificate';
import type { EventOf } from '../../../shared/contract/events';
import { isBackendError, type IitRecord, type TaxBackend } from '../../../shared/backend';
import { isAllowedPeriod, periodBounds } from '../../../shared/domain/certificate-period';
import { printerFault } from '../../../shared/domain/device-status';
import type { IdCard } from '../../../shared/domain/idcard';
import type { Lang } from '../../../shared/i18n/lang';
import type { TextOverrides } from '../../../shared/i18n';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { Printers } from '../devices/device-manager';
import type { SessionService } from '../session/session-service';
import type { TransactionStore } from '../transactions/transaction-store';
import { MAX_CERTIFICATE_RECORDS } from '../documents/iit-certificate';
import { printCertificate } from './iit-certificate-print';
import { activeCard, logBackendFailure } from './visit-person';

export interface IitCertificateDeps {
  db: Db;
  backend: TaxBackend;
  session: SessionService;
  store: TransactionStore;
  /** Null before the devices have started. */
  printers: () => Printers | null;
  log: Logger;
  kioskId: () => string;
  lang: () => Lang;
  /** The administrators' text overrides in force (config bundles); none = the catalogues. */
  texts?: () => TextOverrides;
  progress: (event: EventOf<'certificate.progress'>) => void;
  now?: () => Date;
}

const refused = (refusal: CertificateRefusal) => ({ outcome: 'refused' as const, refusal });

/**
 * 个人所得税完税证明: the periods that may be picked, the records for the
 * preview, and the print. The person is always the active visit's card;
 * nothing on the screen names whose records are fetched.
 */
export class IitCertificateService {
  private busy = false;

  constructor(private readonly deps: IitCertificateDeps) {}

  periods(): CertificateBounds {
    activeCard(this.deps.session);
    return periodBounds(this.now());
  }

  async records(period: CertificatePeriod): Promise<CertificateRecords> {
    const card = activeCard(this.deps.session);
    const outOfRange = this.periodRefusal(period);
    if (outOfRange) return refused(outOfRange);
    try {
      const records = await this.fetch(card, period);
      if (records.length === 0) return { outcome: 'noRecords', from: period.from, to: period.to };
      return { outcome: 'ok', from: period.from, to: period.to, records, totalFen: records.reduce((sum, r) => sum + r.amountFen, 0) };
    } catch (error) {
      if (isBackendError(error)) return this.unreachable('certificate.records', error);
      throw error;
    }
  }

  /** One print at a time: a second call while one runs is a conflict, not a queue. */
  async print(request: CertificatePrintRequest): Promise<CertificatePrintResult> {
    const period = { from: request.from, to: request.to };
    const card = activeCard(this.deps.session);
    if (this.busy) throw new KioskError('conflict', 'a certificate is already printing');
    this.busy = true;
    try {
      const outOfRange = this.periodRefusal(period);
      if (outOfRange) return refused(outOfRange);
      const printers = this.deps.printers();
      const notReady = this.printerRefusal(printers);
      if (notReady || !printers) return refused(notReady ?? { reason: 'printerNotReady', printer: 'a4', fault: 'noDevice' });

      this.deps.progress({ step: 'fetching' });
      let records: IitRecord[];
      try {
        // Fetched again, never taken from the screen: the printed record is the backend's.
        records = await this.fetch(card, period);
      } catch (error) {
        if (isBackendError(error)) return this.unreachable('certificate.print', error);
        throw error;
      }
      if (records.length > MAX_CERTIFICATE_RECORDS) throw new KioskError('notAvailable', `more than ${MAX_CERTIFICATE_RECORDS} records in the period`);
      return await printCertificate(
        { ...this.deps, printers },
        {
          idNumber: card.idNumber,
          name: personName(card),
          idNumberShown: request.idNumberShown ?? 'full',
          from: period.from,
          to: period.to,
          records,
        },
      );
    } finally {
      this.busy = false;
    }
  }

  private async fetch(card: IdCard, period: CertificatePeriod): Promise<IitRecord[]> {
    return (await this.deps.backend.iitRecords({ idNumber: card.idNumber, from: period.from, to: period.to })).records;
  }

  private periodRefusal(period: CertificatePeriod): CertificateRefusal | null {
    const bounds = periodBounds(this.now());
    if (isAllowedPeriod(period, bounds)) return null;
    return { reason: 'periodOutOfRange', earliest: bounds.earliest, latest: bounds.latest, maxSpanMonths: bounds.maxSpanMonths };
  }

  /** The A4 printer first: the certificate is what the person came for. */
  private printerRefusal(printers: Printers | null): CertificateRefusal | null {
    if (!printers) return { reason: 'printerNotReady', printer: 'a4', fault: 'noDevice' };
    for (const printer of ['a4', 'receipt'] as const) {
      const fault = printerFault(printers[printer].status());
      if (fault) return { reason: 'printerNotReady', printer, fault };
    }
    return null;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private unreachable(method: MethodName, error: { code: string }): { outcome: 'refused'; refusal: CertificateRefusal } {
    logBackendFailure(this.deps.log, method, error);
    return refused({ reason: 'backendUnreachable' });
  }
}

/** The name printed on the certificate: the Chinese name, or the English one of a foreign permit without one. */
function personName(card: IdCard): string {
  if (card.name.trim() !== '') return card.name;
  return 'englishName' in card ? card.englishName : '';
}
