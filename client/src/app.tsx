import { useEffect } from 'react';
import { Layout } from './components/layout';
import { Notice } from './components/notice';
import { conferenceClient } from './conference-client';
import { AgendaPage } from './pages/agenda-page';
import { SessionPage } from './pages/session-page';
import { SignInPage } from './pages/sign-in-page';
import { StudioPage } from './pages/studio-page';
import { useRoute } from './router';
import { useRounds } from './store';

export function App() {
  const authStatus = useRounds((s) => s.authStatus);
  const route = useRoute();

  useEffect(() => {
    conferenceClient.loadMe().catch(() => useRounds.getState().setMe(null));
  }, []);

  if (authStatus === 'unknown') return <Notice title="Loading Rounds…" />;
  if (authStatus === 'signedOut') return <SignInPage />;
  return (
    <Layout>
      {route.page === 'agenda' && <AgendaPage />}
      {route.page === 'session' && <SessionPage key={route.sessionId} sessionId={route.sessionId} />}
      {route.page === 'studio' && <StudioPage key={route.sessionId} sessionId={route.sessionId} />}
    </Layout>
  );
}
