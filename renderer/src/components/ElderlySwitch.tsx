import { useController, useKiosk } from '../app/context';
import { useT } from '../hooks/use-t';
import { selectElderly } from '../store/selectors';

/** "Large type" glyph: a small and a big A. Decorative: the words say what it is. */
function LargeTextIcon() {
  return (
    <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden="true" focusable="false">
      <path d="M3 25 L8 11 L13 25 M4.8 20 H11.2" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M14 27 L21.5 5 L29 27 M16.8 19.5 H26.2" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * The 长辈模式 switch on the attract and menu screens: large, labelled, and
 * its state in words ("已开启" / "已关闭") as well as the knob's position.
 */
export function ElderlySwitch() {
  const t = useT();
  const controller = useController();
  const elderly = useKiosk(selectElderly);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={elderly}
      className={`elderly-switch ${elderly ? 'is-on' : 'is-off'}`}
      data-testid="elderly-switch"
      onClick={() => controller.setElderly(!elderly)}
    >
      <LargeTextIcon />
      <span className="elderly-switch-text">
        <span className="elderly-switch-label">{t('elderly.switch')}</span>
        <span className="elderly-switch-hint">{t(elderly ? 'elderly.hint.on' : 'elderly.hint.off')}</span>
      </span>
      <span className="elderly-switch-state" data-testid="elderly-state">
        <span className="elderly-switch-track" aria-hidden="true">
          <span className="elderly-switch-knob" />
        </span>
        <span>{t(elderly ? 'elderly.on' : 'elderly.off')}</span>
      </span>
    </button>
  );
}
