import { useEffect, useState } from 'react';

/** Hash routes, so a bookmarked or shared link opens the same view after login. */
export type Route =
  | { view: 'overview' }
  | { view: 'kiosk'; kioskId: string }
  | { view: 'alerts' }
  | { view: 'rollouts' }
  | { view: 'rollout'; id: number }
  | { view: 'rules' }
  | { view: 'audit' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [head, arg] = parts;
  if (head === 'kiosks' && arg) return { view: 'kiosk', kioskId: arg };
  if (head === 'alerts') return { view: 'alerts' };
  if (head === 'rollouts' && arg && /^\d+$/.test(arg)) return { view: 'rollout', id: Number(arg) };
  if (head === 'rollouts') return { view: 'rollouts' };
  if (head === 'rules') return { view: 'rules' };
  if (head === 'audit') return { view: 'audit' };
  return { view: 'overview' };
}

export function href(route: Route): string {
  switch (route.view) {
    case 'kiosk':
      return `#/kiosks/${encodeURIComponent(route.kioskId)}`;
    case 'rollout':
      return `#/rollouts/${route.id}`;
    default:
      return `#/${route.view}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
