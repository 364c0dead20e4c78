import type { PrinterFault, PrinterKind } from '../../../shared/domain/device-status';
import type { ServiceId } from '../../../shared/domain/service-availability';
import { printerFaultKey, printerInTextKey, serviceTitleKey, type PrinterNotice } from '../flow/printers';
import type { T } from '../hooks/use-t';
import { WarningIcon } from './icons';

/** "凭条打印机缺纸" / "The receipt printer is out of paper". */
export function faultSentence(t: T, printer: PrinterKind, fault: PrinterFault): string {
  return t(printerFaultKey(fault), { printer: t(printerInTextKey(printer)) });
}

export function serviceList(t: T, services: readonly ServiceId[]): string {
  return services.map((service) => t(serviceTitleKey(service))).join(t('printers.notice.separator'));
}

/**
 * The sentences that say which services are paused and why, what still
 * works, and whom to ask: "凭条打印机缺纸，发票领用、发票代开暂停办理。
 * 完税证明打印可正常办理。如需帮助请联系大堂工作人员。"
 */
export function printerNoticeSentences(t: T, notice: PrinterNotice): string[] {
  const sentences = notice.faults.map((line) =>
    t('printers.notice.paused', { fault: faultSentence(t, line.printer, line.fault), services: serviceList(t, line.services) }),
  );
  if (notice.available.length > 0) sentences.push(t('printers.notice.available', { services: serviceList(t, notice.available) }));
  sentences.push(t('printers.notice.help'));
  return sentences;
}

/** A warning box with the printer notice; words, not colour, carry the message. */
export function PrinterNoticeBox({ t, notice, testId }: { t: T; notice: PrinterNotice; testId: string }) {
  return (
    <p className="notice notice-warning notice-printers" data-testid={testId}>
      <WarningIcon />
      <span>
        {printerNoticeSentences(t, notice).map((sentence, i) => (
          <span key={i} className="notice-sentence">
            {sentence}
          </span>
        ))}
      </span>
    </p>
  );
}
