import { useEffect, useState } from 'react';

/** The pages of the app, addressed by the URL hash so the server serves one index.html. */
export type Route =
  | { page: 'agenda' }
  | { page: 'session'; sessionId: string }
  | { page: 'studio'; sessionId: string };

export function parseRoute(hash: string): Route {
  const [, page, sessionId] = hash.replace(/^#/, '').split('/');
  if (page === 'sessions' && sessionId) return { page: 'session', sessionId };
  if (page === 'studio' && sessionId) return { page: 'studio', sessionId };
  return { page: 'agenda' };
}

export const hrefFor = {
  agenda: () => '#/',
  session: (sessionId: string) => `#/sessions/${sessionId}`,
  studio: (sessionId: string) => `#/studio/${sessionId}`,
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
