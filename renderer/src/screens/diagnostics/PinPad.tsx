import { useState } from 'react';
import { DEMO_TECHNICIAN_PIN, type DiagEnterResult } from '../../../../shared/contract/services/diagnostics';
import { useController, useKiosk } from '../../app/context';
import { useT } from '../../hooks/use-t';
import { selectSimulators, selectTimeZone } from '../../store/selectors';
import { wallClock } from '../../../../shared/i18n/clock';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'ok'] as const;
const MAX_DIGITS = 12;

/** The technician PIN pad: digits shown as dots; the host checks the PIN and counts wrong tries. */
export function PinPad({ onAccepted, onCancel }: { onAccepted(demoPin: boolean): void; onCancel(): void }) {
  const t = useT();
  const controller = useController();
  const simulators = useKiosk(selectSimulators);
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState<DiagEnterResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const submit = async () => {
    if (busy || pin === '') return;
    setBusy(true);
    setFailed(null);
    try {
      const result = await controller.diag('diag.enter', { pin });
      setPin('');
      setAnswer(result);
      if (result.outcome === 'accepted') onAccepted(result.demoPin);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'ok') void submit();
    else if (key === 'clear') setPin('');
    else if (pin.length < MAX_DIGITS) setPin(pin + key);
  };

  return (
    <div className="diag-overlay" role="dialog" aria-modal="true" aria-labelledby="diag-pin-title" data-testid="diag-pin">
      <div className="diag-pin panel">
        <h2 id="diag-pin-title" className="screen-title">
          {t('diag.pin.title')}
        </h2>
        <p className="lead">{t('diag.pin.prompt')}</p>
        {simulators && <p className="notice notice-info">{t('diag.pin.demo', { pin: DEMO_TECHNICIAN_PIN })}</p>}
        <output className="diag-pin-dots" aria-label={t('diag.pin.aria', { count: pin.length })} data-testid="diag-pin-dots">
          {'●'.repeat(pin.length) || '\u00a0'}
        </output>
        <PinAnswer answer={answer} failed={failed} />
        <div className="diag-pin-keys">
          {KEYS.map((key) => (
            <button
              key={key}
              type="button"
              className={`btn ${key === 'ok' ? 'btn-primary' : 'btn-secondary'} diag-key`}
              data-testid={`diag-pin-${key}`}
              disabled={busy || (answer?.outcome === 'locked' && key === 'ok')}
              onClick={() => press(key)}
            >
              {key === 'ok' ? t('diag.pin.ok') : key === 'clear' ? t('diag.pin.clear') : key}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-secondary diag-wide" data-testid="diag-pin-cancel" onClick={onCancel}>
          {t('diag.pin.cancel')}
        </button>
      </div>
    </div>
  );
}

function PinAnswer({ answer, failed }: { answer: DiagEnterResult | null; failed: string | null }) {
  const t = useT();
  const timeZone = useKiosk(selectTimeZone);
  if (failed !== null) return <p className="diag-message is-alert">{t('diag.error', { detail: failed })}</p>;
  if (answer === null || answer.outcome === 'accepted') return null;
  const text =
    answer.outcome === 'wrong'
      ? t('diag.pin.wrong', { tries: answer.triesLeft })
      : answer.outcome === 'locked'
        ? t('diag.pin.locked', { time: wallClock(Date.parse(answer.until), timeZone) })
        : t('diag.pin.notConfigured');
  return (
    <p className="diag-message is-alert" role="alert" data-testid="diag-pin-answer" data-outcome={answer.outcome}>
      {text}
    </p>
  );
}
