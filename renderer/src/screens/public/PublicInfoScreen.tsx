import './public.css';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { POWER_CATEGORIES, PUBLIC_SECTIONS, type PowerCategory, type PublicSection } from '../../../../shared/content/public-content';
import type { PublicOverview, PublicPage } from '../../../../shared/contract/services/public-info';
import type { Lang } from '../../../../shared/i18n';
import { useActions, useController, useKiosk } from '../../app/context';
import { useT, type T } from '../../hooks/use-t';
import { selectLang } from '../../store/selectors';
import type { PublicItem, PublicListNav, PublicNav } from '../../store/public-slice';
import { ExitIcon } from '../../components/icons';
import { ScrollCue } from '../../components/ScrollCue';
import { IdleDialog } from '../../components/IdleOverlay';
import { useNow } from '../../hooks/use-now';
import { useMoreBelow } from '../../hooks/use-more-below';
import { OnScreenKeyboard } from '../../components/keyboard/OnScreenKeyboard';
import { loadPinyin } from '../../keyboard/pinyin-loader';
import { PublicDetail } from './PublicDetail';
import { CATEGORY_TITLE, PUBLIC_IDLE_MS, PUBLIC_PAGE_SIZE, SECTION_DESC, SECTION_TITLE, SERVICE_TITLE, pick, yuan } from './public-words';

/**
 * 公开信息 (docs/public-information.md): the four sections, a section's list
 * a page at a time (search through the on-screen keyboard, categories for the
 * powers), and one item. Back and the close button stay at the bottom of
 * every screen; a page's rows scroll inside the body with a cue when they do
 * not all fit. Opened without a card it returns to the attract screen after
 * PUBLIC_IDLE_MS without a touch.
 */
export function PublicInfoScreen({ nav, inVisit }: { nav: PublicNav; inVisit: boolean }) {
  const t = useT();
  const { setPublicNav } = useActions();
  const elderly = useKiosk((s) => s.elderly);
  const close = () => setPublicNav(null);
  const idle = usePublicIdle(!inVisit, elderly ? 2 * PUBLIC_IDLE_MS : PUBLIC_IDLE_MS, close);

  const back: { label: string; go: () => void } | null =
    nav.view === 'list'
      ? { label: t('public.backToSections'), go: () => setPublicNav({ view: 'home' }) }
      : nav.view === 'detail'
        ? { label: t('public.backToList'), go: () => setPublicNav(nav.list) }
        : null;
  const heading = nav.view === 'home' ? t('public.title') : t(SECTION_TITLE[nav.section]);
  const step = nav.view === 'home' ? 'home' : `${nav.view}-${nav.section}`;

  return (
    <section className="screen pub" data-screen="public" data-step={step}>
      <header className="pub-head">
        <h1 className="pub-title">{heading}</h1>
        {nav.view !== 'home' && <span className="pub-crumb">{t('public.title')}</span>}
      </header>
      <div className="pub-body" key={step}>
        {nav.view === 'home' && <PublicHome t={t} />}
        {nav.view === 'list' && <PublicList t={t} nav={nav} />}
        {nav.view === 'detail' && <PublicDetail t={t} section={nav.section} item={nav.item} />}
      </div>
      <footer className="pub-foot">
        {back ? (
          <button type="button" className="btn btn-secondary btn-large" data-testid="public-back" onClick={back.go}>
            {back.label}
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="btn btn-exit btn-large" data-testid="public-close" onClick={() => setPublicNav(null)}>
          <ExitIcon />
          <span>{t(inVisit ? 'public.close.menu' : 'public.close.attract')}</span>
        </button>
      </footer>
      {idle.deadline !== null && <PublicIdleWarning deadline={idle.deadline} onContinue={idle.restart} onClose={close} />}
    </section>
  );
}

/** The last PUBLIC_IDLE_WARN_MS before 公开信息 closes by itself: the kiosk's countdown, so a reader is never cut off unwarned. */
export const PUBLIC_IDLE_WARN_MS = 15_000;

function PublicIdleWarning({ deadline, onContinue, onClose }: { deadline: number; onContinue: () => void; onClose: () => void }) {
  const t = useT();
  const now = useNow(250);
  const left = deadline - now;
  if (left > PUBLIC_IDLE_WARN_MS) return null;
  const seconds = Math.ceil(Math.max(0, left) / 1000);
  return (
    <IdleDialog
      seconds={seconds}
      fraction={Math.min(1, Math.max(0, left) / PUBLIC_IDLE_WARN_MS)}
      body={t('public.idle.body', { seconds })}
      continueLabel={t('public.idle.continue')}
      exitLabel={t('public.close.attract')}
      onContinue={onContinue}
      onExit={onClose}
    />
  );
}

/** Closes public information after `ms` without a touch anywhere (only while no visit holds the screen: a visit has the host's idle time). */
function usePublicIdle(active: boolean, ms: number, onIdle: () => void): { deadline: number | null; restart: () => void } {
  const latest = useRef(onIdle);
  useLayoutEffect(() => {
    latest.current = onIdle;
  });
  const [deadline, setDeadline] = useState<number | null>(null);
  const restartRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (!active) {
      setDeadline(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), ms);
      setDeadline(Date.now() + ms);
    };
    restartRef.current = restart;
    restart();
    document.addEventListener('pointerdown', restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', restart, { capture: true });
    };
  }, [active, ms]);
  return { deadline, restart: () => restartRef.current() };
}

type Loaded<V> = { state: 'loading' } | { state: 'failed' } | { state: 'ok'; value: V };

function PublicHome({ t }: { t: T }) {
  const controller = useController();
  const { setPublicNav } = useActions();
  const lang = useKiosk(selectLang);
  const [overview, setOverview] = useState<Loaded<PublicOverview>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void controller.publicInfo.overview().then((value) => live && setOverview(value === null ? { state: 'failed' } : { state: 'ok', value }));
    return () => {
      live = false;
    };
  }, [controller]);
  if (overview.state === 'loading') return <p className="pub-status">{t('public.loading')}</p>;
  if (overview.state === 'failed') return <p className="notice notice-warning">{t('public.failed')}</p>;
  const o = overview.value;
  if (!o.available)
    return (
      <p className="notice notice-info" data-testid="public-unavailable">
        {t('public.unavailable')}
      </p>
    );
  // Each fact whole on its line (a date never breaks at its hyphen): the line breaks only between facts.
  const meta: Record<PublicSection, string[] | null> = {
    guides: null,
    powers: null,
    arrears: [
      t('public.arrears.published', { date: o.arrears.publishedOn }),
      t('public.arrears.period', { from: o.arrears.period.from, to: o.arrears.period.to }),
    ],
    quotas: [
      t('public.quotas.applies', { from: o.quotas.appliesFrom, to: o.quotas.appliesTo }),
      t('public.quotas.deadline', { date: o.quotas.objectionDeadline }),
    ],
  };
  return (
    <>
      <p className="pub-hint">{t('public.home.hint')}</p>
      <Scroller step="home">
        <div className="pub-tiles">
          {PUBLIC_SECTIONS.map((section) => (
            <button
              key={section}
              type="button"
              className="tile is-open pub-tile"
              data-testid={`public-section-${section}`}
              onClick={() => setPublicNav({ view: 'list', section, page: 1, query: '', category: null })}
            >
              <span className="tile-text">
                <span className="tile-title">{t(SECTION_TITLE[section])}</span>
                <span className="tile-desc">{t(SECTION_DESC[section])}</span>
                {meta[section] !== null && (
                  <span className="pub-tile-meta">
                    {meta[section].map((fact, i) => (
                      <span key={fact}>
                        {i > 0 && ' · '}
                        <span className="pub-fact">{fact}</span>
                      </span>
                    ))}
                  </span>
                )}
              </span>
              <span className="badge">{t('public.section.count', { count: o.counts[section] })}</span>
            </button>
          ))}
        </div>
      </Scroller>
      <p className="pub-publisher">{pick(o.arrears.publisher, lang)}</p>
    </>
  );
}

function PublicList({ t, nav }: { t: T; nav: PublicListNav }) {
  const controller = useController();
  const { setPublicNav } = useActions();
  const lang = useKiosk(selectLang);
  const [page, setPage] = useState<Loaded<PublicPage>>({ state: 'loading' });
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState(nav.query);

  useEffect(() => {
    let live = true;
    setPage({ state: 'loading' });
    const base = { section: nav.section, page: nav.page, pageSize: PUBLIC_PAGE_SIZE, ...(nav.category ? { category: nav.category } : {}) };
    const call = nav.query === '' ? controller.publicInfo.list(base) : controller.publicInfo.search({ ...base, query: nav.query });
    void call.then((value) => live && setPage(value === null ? { state: 'failed' } : { state: 'ok', value }));
    return () => {
      live = false;
    };
  }, [controller, nav.section, nav.page, nav.query, nav.category]);

  const go = (patch: Partial<PublicListNav>) => setPublicNav({ ...nav, ...patch });
  const openKeyboard = () => {
    void loadPinyin();
    setDraft(nav.query);
    setTyping(true);
  };

  const searchShown = typing ? draft : nav.query === '' ? t('public.search.placeholder') : nav.query;
  return (
    <div className={typing ? 'pub-list is-typing' : 'pub-list'}>
      <div className="pub-search">
        {/* Its name holds its visible words (after what it is), so voice control finds it by what it says. */}
        <button
          type="button"
          className="pub-search-field"
          data-testid="public-search"
          aria-label={`${t('public.search.label')}: ${searchShown}`}
          onClick={openKeyboard}
        >
          <span className={nav.query === '' && !typing ? 'pub-search-placeholder' : undefined}>{searchShown}</span>
        </button>
        {nav.query !== '' && (
          <button type="button" className="btn btn-secondary" data-testid="public-search-clear" onClick={() => go({ query: '', page: 1 })}>
            {t('public.search.clear')}
          </button>
        )}
      </div>
      {nav.section === 'powers' && !typing && (
        <div className="pub-chips" role="group" aria-label={t('public.power.category')}>
          {([null, ...POWER_CATEGORIES] as const).map((category: PowerCategory | null) => (
            <button
              key={category ?? 'all'}
              type="button"
              className={`pub-chip${nav.category === category ? ' is-on' : ''}`}
              aria-pressed={nav.category === category}
              data-testid={`public-category-${category ?? 'all'}`}
              onClick={() => go({ category, page: 1 })}
            >
              {t(category === null ? 'public.category.all' : CATEGORY_TITLE[category])}
            </button>
          ))}
        </div>
      )}
      {typing ? (
        <OnScreenKeyboard
          mode="chinese"
          allowLatin
          value={draft}
          maxLength={60}
          label={t('public.search.label')}
          placeholder={t('public.search.placeholder')}
          onChange={setDraft}
          onDone={() => {
            setTyping(false);
            go({ query: draft.trim(), page: 1 });
          }}
        />
      ) : (
        <ListBody
          t={t}
          lang={lang}
          nav={nav}
          page={page}
          onOpen={(item) => setPublicNav({ view: 'detail', section: nav.section, item, list: nav })}
          onPage={(p) => go({ page: p })}
        />
      )}
    </div>
  );
}

function ListBody({
  t,
  lang,
  nav,
  page,
  onOpen,
  onPage,
}: {
  t: T;
  lang: Lang;
  nav: PublicListNav;
  page: Loaded<PublicPage>;
  onOpen: (item: PublicItem) => void;
  onPage: (page: number) => void;
}) {
  if (page.state === 'loading') return <p className="pub-status">{t('public.loading')}</p>;
  if (page.state === 'failed') return <p className="notice notice-warning">{t('public.failed')}</p>;
  const p = page.value;
  return (
    <>
      {(nav.section === 'arrears' || nav.section === 'quotas') && <PublicationHeader t={t} section={nav.section} full={false} />}
      {nav.query !== '' && (
        <p className="pub-status" data-testid="public-search-summary" aria-live="polite">
          {p.total === 0 ? t('public.search.none', { query: nav.query }) : t('public.search.results', { query: nav.query, count: p.total })}
        </p>
      )}
      {nav.query === '' && p.total === 0 && <p className="pub-status">{t('public.empty')}</p>}
      <Scroller step={`list-${nav.section}`}>
        <ul className="pub-rows" data-testid="public-rows">
          {p.items.map((item) => (
            <li key={item.id}>
              <button type="button" className="pub-row" data-testid="public-row" data-id={item.id} onClick={() => onOpen(item)}>
                <RowText t={t} lang={lang} section={p.section} item={item} />
              </button>
            </li>
          ))}
        </ul>
      </Scroller>
      <nav className="pub-pager" aria-label={t('public.page', { page: p.page, pages: p.pages })}>
        <button type="button" className="btn btn-secondary" data-testid="public-prev" disabled={p.page <= 1} onClick={() => onPage(p.page - 1)}>
          {t('public.page.prev')}
        </button>
        <span className="pub-page" data-testid="public-page">
          {t('public.page', { page: p.page, pages: p.pages })}
        </span>
        <button type="button" className="btn btn-secondary" data-testid="public-next" disabled={p.page >= p.pages} onClick={() => onPage(p.page + 1)}>
          {t('public.page.next')}
        </button>
      </nav>
    </>
  );
}

/** One row of a list: the facts that tell items apart; the rest is on the detail screen. */
function RowText({ t, lang, section, item }: { t: T; lang: Lang; section: PublicSection; item: PublicItem }) {
  if ('service' in item)
    return (
      <>
        <span className="pub-row-tag">{t(SERVICE_TITLE[item.service])}</span>
        <span className="pub-row-title">{pick(item.title, lang)}</span>
      </>
    );
  if ('category' in item)
    return (
      <>
        <span className="pub-row-tag">
          {item.code} · {t(CATEGORY_TITLE[item.category])}
        </span>
        <span className="pub-row-title">{pick(item.title, lang)}</span>
      </>
    );
  if ('creditCode' in item)
    return (
      <>
        <span className="pub-row-title">{item.taxpayerName}</span>
        <span className="pub-row-tag">
          {item.creditCode} · {t('public.arrears.balance')} <span className="pub-fact">{t('public.amount', { yuan: yuan(item.balanceFen) })}</span>
        </span>
      </>
    );
  void section;
  return (
    <>
      <span className="pub-row-title">{item.businessName}</span>
      <span className="pub-row-tag">
        {item.area} · {item.industry} · {t('public.quotas.tax')} <span className="pub-fact">{t('public.amount', { yuan: yuan(item.monthlyTaxFen) })}</span>
      </span>
    </>
  );
}

/**
 * A body that scrolls when its content is taller than the room, with the
 * kiosk's one scroll cue (components/ScrollCue.tsx, as in every service
 * frame) while more lies below. Focusable, so it scrolls from a keyboard too.
 */
export function Scroller({ children, step }: { children: ReactNode; step: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const more = useMoreBelow(ref, step);
  return (
    <div className="pub-scroll-wrap">
      <div className="pub-scroll" ref={ref} data-testid="public-scroll" data-more={more} tabIndex={0}>
        {children}
      </div>
      <ScrollCue target={ref} more={more} />
    </div>
  );
}

/** The publication an arrears or quota list belongs to: its dates (and, in full, how to object to a quota). */
export function PublicationHeader({ t, section, full }: { t: T; section: 'arrears' | 'quotas'; full: boolean }) {
  const controller = useController();
  const lang = useKiosk(selectLang);
  const [overview, setOverview] = useState<PublicOverview | null>(null);
  useEffect(() => {
    let live = true;
    void controller.publicInfo.overview().then((value) => live && setOverview(value));
    return () => {
      live = false;
    };
  }, [controller]);
  if (overview === null || !overview.available) return null;
  if (section === 'arrears') {
    const a = overview.arrears;
    return (
      <p className="pub-publication" data-testid="public-publication">
        {pick(a.title, lang)} · {t('public.arrears.published', { date: a.publishedOn })}
      </p>
    );
  }
  const q = overview.quotas;
  return (
    <div className="pub-publication" data-testid="public-publication">
      <p>
        {t('public.quotas.applies', { from: q.appliesFrom, to: q.appliesTo })} · <strong>{t('public.quotas.deadline', { date: q.objectionDeadline })}</strong>
      </p>
      {full && (
        <>
          <h3 className="pub-detail-sub">{t('public.quotas.howToObject')}</h3>
          <ul className="pub-lines">
            {q.howToObject.map((text, i) => (
              <li key={i}>{pick(text, lang)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
