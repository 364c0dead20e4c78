import { printerFault } from '../../../../shared/domain/device-status';
import { useController, useKiosk } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { faultText } from '../../flow/certificate-words';
import { WarningIcon } from '../../components/icons';

/**
 * 打印 on the preview (and on "no records"): disabled while the A4 printer is
 * known not to be ready, with the reason beside it, so the button never
 * promises a print the host would refuse. An unknown printer (not reported
 * yet) leaves it enabled: the host decides and says why. `onPrint` is what a
 * tap does (the 纳税信用等级证明 uses it); without it, the IIT certificate's print.
 */
export function PrintButton({ label, primary, testId, onPrint }: { label: string; primary: boolean; testId: string; onPrint?: () => void }) {
  const t = useT();
  const controller = useController();
  const a4 = useKiosk((s) => s.printers.a4);
  const fault = a4 === null ? null : printerFault(a4);
  const reasonId = `${testId}-blocked`;
  return (
    <>
      <button
        type="button"
        className={`btn btn-large ${primary ? 'btn-primary' : 'btn-secondary'}`}
        data-testid={testId}
        disabled={fault !== null}
        aria-describedby={fault !== null ? reasonId : undefined}
        onClick={() => (onPrint ? onPrint() : controller.certificate({ type: 'print' }))}
      >
        {label}
      </button>
      {fault !== null && (
        <p className="notice notice-warning cert-print-blocked" id={reasonId} data-testid="cert-print-blocked" role="status">
          <WarningIcon />
          <span>{t('certificate.ui.preview.printBlocked', { fault: faultText(t, 'a4', fault) })}</span>
        </p>
      )}
    </>
  );
}
