import { useEffect } from 'react';
import { Layout } from './components/layout';
import { Notice } from './components/notice';
import { conferenceClient } from './conference-client';
import { AgendaPage } from './pages/agenda-page';
import { ConferenceLandingPage } from './pages/conference-landing-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { HomePage } from './pages/home-page';
import { InvitationPage } from './pages/invitation-page';
import { LibraryPage } from './pages/library-page';
import { OrganizePage } from './pages/organize/organize-page';
import { ProfilePage } from './pages/profile-page';
import { RegisterPage } from './pages/register-page';
import { ReplayPage } from './pages/replay-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { SessionPage } from './pages/session-page';
import { SignInPage } from './pages/sign-in-page';
import { StudioPage } from './pages/studio-page';
import { publicPages, type Route } from './routes';
import { useRoute } from './router';
import { useRounds } from './store';

function page(route: Route) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'register':
      return <RegisterPage />;
    case 'forgotPassword':
      return <ForgotPasswordPage />;
    case 'resetPassword':
      return <ResetPasswordPage token={route.token} />;
    case 'invitation':
      return <InvitationPage token={route.token} />;
    case 'conferenceLanding':
      return <ConferenceLandingPage slug={route.slug} />;
    case 'profile':
      return <ProfilePage />;
    case 'agenda':
      return <AgendaPage key={route.conferenceId} conferenceId={route.conferenceId} view="all" />;
    case 'mySchedule':
      return <AgendaPage key={route.conferenceId} conferenceId={route.conferenceId} view="mine" />;
    case 'session':
      return <SessionPage key={route.sessionId} conferenceId={route.conferenceId} sessionId={route.sessionId} />;
    case 'studio':
      return <StudioPage key={route.sessionId} conferenceId={route.conferenceId} sessionId={route.sessionId} />;
    case 'library':
      return <LibraryPage key={route.conferenceId} conferenceId={route.conferenceId} />;
    case 'replay':
      return <ReplayPage key={route.recordingId} conferenceId={route.conferenceId} recordingId={route.recordingId} />;
    case 'organize':
      return <OrganizePage key={route.conferenceId} conferenceId={route.conferenceId} tab={route.tab} />;
  }
}

export function App() {
  const authStatus = useRounds((s) => s.authStatus);
  const route = useRoute();

  useEffect(() => {
    conferenceClient.loadMe().catch(() => useRounds.getState().setMe(null));
  }, []);

  if (authStatus === 'unknown') return <Notice title="Loading Rounds…" />;
  if (authStatus === 'signedOut' && !publicPages.has(route.page)) return <SignInPage />;
  return <Layout>{page(route)}</Layout>;
}
