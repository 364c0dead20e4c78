import type { ReactNode } from 'react';
import type { PublicSection, PublicText } from '../../../../shared/content/public-content';
import type { Lang } from '../../../../shared/i18n';
import { useKiosk } from '../../app/context';
import type { T } from '../../hooks/use-t';
import { selectLang } from '../../store/selectors';
import type { PublicItem } from '../../store/public-slice';
import { FlowChart } from './FlowChart';
import { PublicationHeader, Scroller } from './PublicInfoScreen';
import { CATEGORY_TITLE, SERVICE_TITLE, pick, yuan } from './public-words';

/** One published item, every field of it, in a scroller (a long legal basis or flow chart never pushes Back off the screen). */
export function PublicDetail({ t, section, item }: { t: T; section: PublicSection; item: PublicItem }) {
  const lang = useKiosk(selectLang);
  return (
    <Scroller step={`detail-${section}-${item.id}`}>
      <article className="pub-detail" data-testid="public-detail" data-section={section} data-id={item.id}>
        <DetailBody t={t} lang={lang} item={item} />
      </article>
    </Scroller>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="pub-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Lines({ texts, lang, ordered = false }: { texts: readonly PublicText[]; lang: Lang; ordered?: boolean }) {
  const items = texts.map((text, i) => <li key={i}>{pick(text, lang)}</li>);
  return ordered ? <ol className="pub-lines">{items}</ol> : <ul className="pub-lines">{items}</ul>;
}

function DetailBody({ t, lang, item }: { t: T; lang: Lang; item: PublicItem }) {
  if ('service' in item)
    return (
      <>
        <h2 className="pub-detail-title">{pick(item.title, lang)}</h2>
        <p className="pub-row-tag">{t(SERVICE_TITLE[item.service])}</p>
        <dl className="pub-fields">
          <Field label={t('public.guide.who')}>
            <Lines texts={item.whoMayUse} lang={lang} />
          </Field>
          <Field label={t('public.guide.bring')}>
            <Lines texts={item.bring} lang={lang} />
          </Field>
          <Field label={t('public.guide.steps')}>
            <Lines texts={item.steps} lang={lang} ordered />
          </Field>
          {item.limits.length > 0 && (
            <Field label={t('public.guide.limits')}>
              <Lines texts={item.limits} lang={lang} />
            </Field>
          )}
          <Field label={t('public.guide.fees')}>{pick(item.fees, lang)}</Field>
          <Field label={t('public.guide.refused')}>
            <Lines texts={item.whenRefused} lang={lang} />
          </Field>
        </dl>
      </>
    );
  if ('category' in item)
    return (
      <>
        <h2 className="pub-detail-title">{pick(item.title, lang)}</h2>
        <dl className="pub-fields">
          <Field label={t('public.power.code')}>{item.code}</Field>
          <Field label={t('public.power.category')}>{t(CATEGORY_TITLE[item.category])}</Field>
          <Field label={t('public.power.basis')}>
            <Lines texts={item.legalBasis} lang={lang} />
          </Field>
          <Field label={t('public.power.unit')}>{pick(item.unit, lang)}</Field>
          <Field label={t('public.power.timeLimit')}>{pick(item.timeLimit, lang)}</Field>
        </dl>
        <h3 className="pub-detail-sub">{t('public.power.flow')}</h3>
        <FlowChart steps={item.steps} lang={lang} t={t} />
        <dl className="pub-fields">
          <Field label={t('public.power.duties')}>
            <Lines texts={item.duties} lang={lang} />
          </Field>
          <Field label={t('public.power.complaint')}>{pick(item.complaint, lang)}</Field>
        </dl>
      </>
    );
  if ('creditCode' in item)
    return (
      <>
        <h2 className="pub-detail-title">{item.taxpayerName}</h2>
        <p className="pub-row-tag">{t(item.kind === 'enterprise' ? 'public.arrears.kind.enterprise' : 'public.arrears.kind.individualBusiness')}</p>
        <dl className="pub-fields">
          <Field label={t('public.arrears.creditCode')}>{item.creditCode}</Field>
          <Field label={t(item.kind === 'enterprise' ? 'public.arrears.representative' : 'public.arrears.owner')}>{item.representative}</Field>
          <Field label={t('public.arrears.representativeId')}>{item.representativeId}</Field>
          <Field label={t('public.arrears.place')}>{item.place}</Field>
          <Field label={t('public.arrears.taxTypes')}>{item.taxTypes.join(' · ')}</Field>
          <Field label={t('public.arrears.balance')}>{t('public.amount', { yuan: yuan(item.balanceFen) })}</Field>
          <Field label={t('public.arrears.new')}>{t('public.amount', { yuan: yuan(item.newArrearsFen) })}</Field>
          <Field label={t('public.arrears.asOf')}>{item.asOf}</Field>
        </dl>
      </>
    );
  return (
    <>
      <h2 className="pub-detail-title">{item.businessName}</h2>
      <dl className="pub-fields">
        <Field label={t('public.quotas.owner')}>{item.owner}</Field>
        <Field label={t('public.quotas.area')}>{item.area}</Field>
        <Field label={t('public.quotas.industry')}>{item.industry}</Field>
        <Field label={t('public.quotas.sales')}>{t('public.amount', { yuan: yuan(item.monthlySalesFen) })}</Field>
        <Field label={t('public.quotas.tax')}>{t('public.amount', { yuan: yuan(item.monthlyTaxFen) })}</Field>
      </dl>
      <PublicationHeader t={t} section="quotas" full />
    </>
  );
}
