import { useState } from 'react';
import { useController } from '../../app/context';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { useT } from '../../hooks/use-t';
import { useTerms } from '../../hooks/use-terms';
import { DiagMessage, useDiagAction } from './use-diag-action';

type Field = 'code' | 'from' | 'to';
const MAX: Record<Field, number> = { code: 12, from: 8, to: 8 };

/** Loading a range of invoice forms into the kiosk (as `kioskctl stock load`). */
export function StockTab({ stock }: { stock: readonly { type: string; total: number; remaining: number }[] }) {
  const t = useT();
  const terms = useTerms();
  const controller = useController();
  const [type, setType] = useState('');
  const [values, setValues] = useState<Record<Field, string>>({ code: '', from: '', to: '' });
  const [editing, setEditing] = useState<Field | null>(null);
  const { busy, message, run } = useDiagAction();
  const label = (f: Field) => t(f === 'code' ? 'diag.stock.code' : f === 'from' ? 'diag.stock.from' : 'diag.stock.to');

  return (
    <div className="panel diag-section" data-testid="diag-stock">
      <span>{t('diag.stock.type')}</span>
      {/* The types already loaded, one touch each; a new type is typed below (a USB keyboard). */}
      <div className="diag-tabs" role="radiogroup" aria-label={t('diag.stock.type')}>
        {stock.map((s) => (
          <button
            key={s.type}
            type="button"
            role="radio"
            aria-checked={type === s.type}
            className={`btn ${type === s.type ? 'btn-primary' : 'btn-secondary'} diag-tab`}
            data-testid={`diag-stock-type-${s.type}`}
            onClick={() => setType(s.type)}
          >
            {t('diag.stock.typeRemaining', { type: terms.invoiceTypeCode(s.type), remaining: s.remaining })}
          </button>
        ))}
      </div>
      <input
        className="diag-input"
        aria-label={t('diag.stock.type')}
        value={type}
        onChange={(e) => setType(e.target.value.trim())}
        data-testid="diag-stock-type"
      />
      {(['code', 'from', 'to'] as const).map((f) => (
        <button key={f} type="button" className="btn btn-secondary diag-field" data-testid={`diag-stock-${f}`} onClick={() => setEditing(f)}>
          <span>{label(f)}</span> <span className="diag-mono">{values[f] || '—'}</span>
        </button>
      ))}
      {editing !== null && (
        <OnScreenKeyboard
          mode="numeric"
          label={label(editing)}
          maxLength={MAX[editing]}
          value={values[editing]}
          onChange={(v) => setValues({ ...values, [editing]: v })}
          onDone={() => setEditing(null)}
        />
      )}
      <button
        type="button"
        className="btn btn-primary diag-wide"
        data-testid="diag-stock-load"
        disabled={busy || type === '' || values.code === '' || values.from === '' || values.to === ''}
        onClick={() =>
          void run(
            () => controller.diag('diag.stockLoad', { type, ...values }),
            (r) =>
              r.outcome === 'loaded'
                ? { text: t('diag.stock.loaded', { code: r.code, first: r.first, last: r.last }), ok: true }
                : { text: t('diag.stock.refused', { detail: r.detail }), ok: false },
          )
        }
      >
        {t('diag.stock.load')}
      </button>
      <DiagMessage message={message} testId="diag-stock-result" />
    </div>
  );
}
