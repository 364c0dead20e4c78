import type { PowerStep } from '../../../../shared/content/public-content';
import type { Lang } from '../../../../shared/i18n';
import type { T } from '../../hooks/use-t';
import { pick } from './public-words';

/**
 * A power's procedure drawn from its steps (HTML and CSS, no image): one
 * numbered box per step, in order, joined by arrows; who acts and the days
 * under each name. Wraps to the width it has (a column in portrait).
 */
export function FlowChart({ steps, lang, t }: { steps: readonly PowerStep[]; lang: Lang; t: T }) {
  return (
    <ol className="pub-flow" aria-label={t('public.power.flow.aria', { count: steps.length })} data-testid="power-flow">
      {steps.map((step, i) => (
        <li key={i} className="pub-flow-step" data-testid="power-flow-step">
          <span className="pub-flow-num" aria-hidden="true">
            {i + 1}
          </span>
          <span className="pub-flow-name">{pick(step.name, lang)}</span>
          {step.who && <span className="pub-flow-who">{pick(step.who, lang)}</span>}
          {step.days !== undefined && <span className="pub-flow-days">{t('public.power.stepDays', { days: step.days })}</span>}
          {i < steps.length - 1 && <span className="pub-flow-arrow" aria-hidden="true" />}
        </li>
      ))}
    </ol>
  );
}
