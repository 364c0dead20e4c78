import { useEffect, useState } from 'react';
import type { DiagCalibration, DiagPrintResult } from '../../../../shared/contract/services/diagnostics';
import { useController } from '../../app/context';
import { useT, type T } from '../../hooks/use-t';
import { DiagMessage, useDiagAction } from './use-diag-action';
import { printerConditionKey } from '../../flow/printers';

const STEP_MM = 0.5;
const LIMIT_MM = 10;

function printMessage(t: T, r: DiagPrintResult): { text: string; ok: boolean } {
  return r.ok
    ? { text: t('diag.tests.printed'), ok: true }
    : { text: t('diag.tests.notPrinted', { detail: r.fault !== null ? t(printerConditionKey(r.fault)) : r.code }), ok: false };
}

/** `1.5` → `+1.5`: offsets always show their sign. */
export function signedMm(mm: number): string {
  return `${mm < 0 ? '-' : '+'}${Math.abs(mm).toFixed(1)}`;
}

function clampStep(value: number, delta: number): number {
  return Math.max(-LIMIT_MM, Math.min(LIMIT_MM, Math.round((value + delta) * 10) / 10));
}

/** Test read, test prints, and the invoice form offsets with their grid. */
export function TestsTab({ calibration }: { calibration: DiagCalibration | null }) {
  const t = useT();
  const controller = useController();
  const read = useDiagAction();
  const receipt = useDiagAction();
  const grid = useDiagAction();
  const save = useDiagAction();
  const [dx, setDx] = useState<number | null>(null);
  const [dy, setDy] = useState<number | null>(null);
  // The steppers start from the stored offsets once they are known.
  useEffect(() => {
    if (calibration !== null && dx === null) {
      setDx(calibration.dxMm);
      setDy(calibration.dyMm);
    }
  }, [calibration, dx]);

  return (
    <div className="diag-tests">
      <div className="panel diag-section">
        <button
          type="button"
          className="btn btn-primary diag-wide"
          data-testid="diag-test-read"
          disabled={read.busy}
          onClick={() =>
            void read.run(
              () => controller.diag('diag.testRead', { waitMs: 10_000 }),
              (r) =>
                r.outcome === 'read'
                  ? { text: t('diag.tests.readOk', { type: r.cardType, id: r.maskedId }), ok: r.accepted }
                  : r.outcome === 'failed'
                    ? { text: t('diag.tests.readFailed', { code: r.code }), ok: false }
                    : { text: t('diag.tests.noCard'), ok: false },
            )
          }
        >
          {t('diag.tests.read')}
        </button>
        {read.busy && <p className="diag-muted">{t('diag.tests.readHint')}</p>}
        <DiagMessage message={read.busy ? null : read.message} testId="diag-read-result" />
        <button
          type="button"
          className="btn btn-primary diag-wide"
          data-testid="diag-test-print"
          disabled={receipt.busy}
          onClick={() =>
            void receipt.run(
              () => controller.diag('diag.testPrint', { printer: 'receipt' }),
              (r) => printMessage(t, r),
            )
          }
        >
          {t('diag.tests.printReceipt')}
        </button>
        <DiagMessage message={receipt.message} testId="diag-print-result" />
      </div>
      <div className="panel diag-section" data-testid="diag-calibration">
        <h3>{t('diag.cal.title')}</h3>
        {calibration && <p data-testid="diag-cal-current">{t('diag.cal.current', { dx: signedMm(calibration.dxMm), dy: signedMm(calibration.dyMm) })}</p>}
        <Stepper label={t('diag.cal.dx')} id="dx" value={dx ?? 0} onChange={setDx} />
        <Stepper label={t('diag.cal.dy')} id="dy" value={dy ?? 0} onChange={setDy} />
        <button
          type="button"
          className="btn btn-primary diag-wide"
          data-testid="diag-cal-save"
          disabled={save.busy || dx === null || dy === null}
          onClick={() =>
            void save.run(
              () => controller.diag('diag.calibrate', { dxMm: dx ?? 0, dyMm: dy ?? 0 }),
              (r) => ({ text: t('diag.cal.saved', { dx: signedMm(r.current.dxMm), dy: signedMm(r.current.dyMm) }), ok: true }),
            )
          }
        >
          {t('diag.cal.save')}
        </button>
        <DiagMessage message={save.message} testId="diag-cal-result" />
        <button
          type="button"
          className="btn btn-secondary diag-wide"
          data-testid="diag-grid"
          disabled={grid.busy}
          onClick={() =>
            void grid.run(
              () => controller.diag('diag.grid', {}),
              // Says which offsets the grid was printed with, so the form can be checked against them.
              (r) => {
                const m = printMessage(t, r.print);
                return { ...m, text: `${m.text} · ${t('diag.cal.current', { dx: signedMm(r.calibration.dxMm), dy: signedMm(r.calibration.dyMm) })}` };
              },
            )
          }
        >
          {t('diag.tests.grid')}
        </button>
        <DiagMessage message={grid.message} testId="diag-grid-result" />
      </div>
    </div>
  );
}

function Stepper({ label, id, value, onChange }: { label: string; id: string; value: number; onChange(value: number): void }) {
  const t = useT();
  return (
    <div className="diag-stepper">
      <span className="diag-stepper-label">{label}</span>
      <button
        type="button"
        className="btn btn-secondary diag-key"
        aria-label={`${label}: ${t('diag.cal.minus')}`}
        data-testid={`diag-cal-${id}-minus`}
        onClick={() => onChange(clampStep(value, -STEP_MM))}
      >
        −
      </button>
      <output className="diag-stepper-value" data-testid={`diag-cal-${id}-value`}>
        {signedMm(value)}
      </output>
      <button
        type="button"
        className="btn btn-secondary diag-key"
        aria-label={`${label}: ${t('diag.cal.plus')}`}
        data-testid={`diag-cal-${id}-plus`}
        onClick={() => onChange(clampStep(value, STEP_MM))}
      >
        +
      </button>
    </div>
  );
}
