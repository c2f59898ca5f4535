// The app's pages and their addresses (the URL hash), with no browser in them: unit-testable.
/** The pages of the app, addressed by the URL hash so the server serves one index.html. */
export type Route =
  | { page: 'home' }
  | { page: 'register' }
  | { page: 'forgotPassword' }
  | { page: 'resetPassword'; token: string }
  | { page: 'invitation'; token: string }
  | { page: 'conferenceLanding'; slug: string }
  | { page: 'profile' }
  | { page: 'agenda'; conferenceId: string }
  | { page: 'mySchedule'; conferenceId: string }
  | { page: 'session'; conferenceId: string; sessionId: string }
  | { page: 'studio'; conferenceId: string; sessionId: string }
  | { page: 'library'; conferenceId: string }
  | { page: 'replay'; conferenceId: string; recordingId: string }
  | { page: 'organize'; conferenceId: string; tab: OrganizeTab };

export const organizeTabs = ['conference', 'sessions', 'people', 'recordings'] as const;
export type OrganizeTab = (typeof organizeTabs)[number];

/** Pages a signed-out visitor may open; every other page shows the sign-in form first. */
export const publicPages: ReadonlySet<Route['page']> = new Set(['register', 'forgotPassword', 'resetPassword', 'invitation', 'conferenceLanding']);

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [first, second, third, fourth] = parts;
  switch (first) {
    case 'register':
      return { page: 'register' };
    case 'forgot':
      return { page: 'forgotPassword' };
    case 'reset':
      return second ? { page: 'resetPassword', token: second } : { page: 'forgotPassword' };
    case 'invite':
      return second ? { page: 'invitation', token: second } : { page: 'home' };
    case 'c':
      return second ? { page: 'conferenceLanding', slug: second } : { page: 'home' };
    case 'profile':
      return { page: 'profile' };
    case 'conferences': {
      if (!second) return { page: 'home' };
      if (third === 'schedule') return { page: 'mySchedule', conferenceId: second };
      if (third === 'sessions' && fourth) return { page: 'session', conferenceId: second, sessionId: fourth };
      if (third === 'studio' && fourth) return { page: 'studio', conferenceId: second, sessionId: fourth };
      if (third === 'library') return { page: 'library', conferenceId: second };
      if (third === 'replay' && fourth) return { page: 'replay', conferenceId: second, recordingId: fourth };
      if (third === 'organize') {
        const tab = organizeTabs.find((t) => t === fourth) ?? 'conference';
        return { page: 'organize', conferenceId: second, tab };
      }
      return { page: 'agenda', conferenceId: second };
    }
    default:
      return { page: 'home' };
  }
}

export const hrefFor = {
  home: () => '#/',
  register: () => '#/register',
  forgotPassword: () => '#/forgot',
  profile: () => '#/profile',
  conferenceLanding: (slug: string) => `#/c/${slug}`,
  agenda: (conferenceId: string) => `#/conferences/${conferenceId}`,
  mySchedule: (conferenceId: string) => `#/conferences/${conferenceId}/schedule`,
  session: (conferenceId: string, sessionId: string) => `#/conferences/${conferenceId}/sessions/${sessionId}`,
  studio: (conferenceId: string, sessionId: string) => `#/conferences/${conferenceId}/studio/${sessionId}`,
  library: (conferenceId: string) => `#/conferences/${conferenceId}/library`,
  replay: (conferenceId: string, recordingId: string) => `#/conferences/${conferenceId}/replay/${recordingId}`,
  organize: (conferenceId: string, tab: OrganizeTab = 'conference') => `#/conferences/${conferenceId}/organize/${tab}`,
};

/**
 * Where home sends a person once their conferences are known: to the agenda of their only
 * conference, but only while the address is still home's. They (or a link) may have opened another
 * page before the list arrived, and the hashchange that takes them there may not have reached the
 * app yet; sending them to the agenda then would undo the page they opened.
 */
export function homeRedirect(only: { id: string } | undefined, hash: string): string | undefined {
  return only && parseRoute(hash).page === 'home' ? hrefFor.agenda(only.id) : undefined;
}
