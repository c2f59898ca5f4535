// The browser side of the routes: following the address, and moving to another one.
import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './routes';

export function navigate(href: string): void {
  window.location.hash = href.slice(1);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
