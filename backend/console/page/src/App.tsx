import { useEffect, useState, type ReactNode } from 'react';
import type { Me, Role } from '../../../../shared/fleet/console-api';
import { api, currentUser } from './api';
import { useI18n } from './i18n';
import { href, useRoute, type Route } from './route';
import { Login } from './views/Login';
import { Overview } from './views/Overview';
import { KioskView } from './views/KioskView';
import { Alerts } from './views/Alerts';
import { Rollouts } from './views/Rollouts';
import { RolloutView } from './views/RolloutView';
import { Rules } from './views/Rules';
import { ActionLog } from './views/ActionLog';
import { z } from 'zod';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
export const can = (me: Me, role: Role): boolean => RANK[me.role] >= RANK[role];

export function App(): ReactNode {
  const { t, lang, setLang } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const route = useRoute();

  useEffect(() => {
    currentUser().then(setMe, () => setMe(null));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  const langSwitch = (
    <button type="button" className="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="lang">
      {lang === 'zh-CN' ? 'English' : '中文'}
    </button>
  );
  if (me === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (me === null) return <Login onLogin={setMe} langSwitch={langSwitch} />;

  const logout = (): void => {
    api.post('/api/logout', {}, z.unknown()).finally(() => setMe(null));
  };
  const tabs: { route: Route; label: string; role: Role }[] = [
    { route: { view: 'overview' }, label: t('nav.overview'), role: 'viewer' },
    { route: { view: 'alerts' }, label: t('nav.alerts'), role: 'viewer' },
    { route: { view: 'rollouts' }, label: t('nav.rollouts'), role: 'viewer' },
    { route: { view: 'rules' }, label: t('nav.rules'), role: 'viewer' },
    { route: { view: 'audit' }, label: t('nav.audit'), role: 'admin' },
  ];
  const active = route.view === 'kiosk' ? 'overview' : route.view === 'rollout' ? 'rollouts' : route.view;
  return (
    <div className="shell">
      <header className="top">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('nav.label')}>
          {tabs
            .filter((tab) => can(me, tab.role))
            .map((tab) => (
              <a key={tab.route.view} href={href(tab.route)} aria-current={active === tab.route.view ? 'page' : undefined}>
                {tab.label}
              </a>
            ))}
        </nav>
        <div className="who">
          <span data-testid="me">
            {me.name} · {t(`role.${me.role}`)}
          </span>
          {langSwitch}
          <button type="button" className="link" onClick={logout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main>{view(route, me)}</main>
    </div>
  );
}

function view(route: Route, me: Me): ReactNode {
  switch (route.view) {
    case 'overview':
      return <Overview />;
    case 'kiosk':
      return <KioskView kioskId={route.kioskId} />;
    case 'alerts':
      return <Alerts me={me} />;
    case 'rollouts':
      return <Rollouts me={me} />;
    case 'rollout':
      return <RolloutView id={route.id} me={me} />;
    case 'rules':
      return <Rules me={me} />;
    case 'audit':
      return <ActionLog />;
  }
}
