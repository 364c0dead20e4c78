import { useT } from '../../hooks/use-t';

/** One field of a form as a large tappable row: its label, what is in it, and whether the keyboard is on it. */
export function FieldRow(props: { label: string; value: string; active: boolean; testId: string; problem?: string | null; onTap(): void }) {
  const t = useT();
  const { label, value, active, testId, problem = null, onTap } = props;
  return (
    <button
      type="button"
      className={`iss-field${active ? ' is-active' : ''}${problem ? ' has-problem' : ''}`}
      aria-pressed={active}
      data-testid={testId}
      onClick={onTap}
    >
      <span className="iss-field-label">{label}</span>
      <span className={`iss-field-value${value === '' ? ' is-empty' : ''}`} data-testid={`${testId}-value`}>
        {value === '' ? t('issuance.buyer.empty') : value}
      </span>
      {problem && (
        <span className="iss-field-problem" data-testid={`${testId}-problem`}>
          {problem}
        </span>
      )}
    </button>
  );
}
