import type { ReactNode } from 'react';
import { conferenceClient } from '../conference-client';
import { initials } from '../format';
import { hrefFor, type Route } from '../routes';
import { navigate, useRoute } from '../router';
import { useRounds } from '../store';

/** The conference a page belongs to: the one in its address; on the profile page, the one last opened. */
function conferenceOf(route: Route, lastOpened: string | undefined): string | undefined {
  if ('conferenceId' in route) return route.conferenceId;
  return route.page === 'profile' ? lastOpened : undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const me = useRounds((s) => s.me);
  const program = useRounds((s) => s.program);
  const myConferences = useRounds((s) => s.myConferences);
  const route = useRoute();

  const conferenceId = conferenceOf(route, program?.conference.id);
  // The program's roles are the freshest (a conference just created); memberships cover pages without a program.
  const roles =
    program && program.conference.id === conferenceId
      ? program.myRoles
      : (me?.memberships.filter((m) => m.conferenceId === conferenceId).map((m) => m.role) ?? []);
  const conferenceName =
    program?.conference.id === conferenceId ? program?.conference.name : myConferences?.find((c) => c.id === conferenceId)?.name;
  const current = (page: Route['page']) => (route.page === page ? 'page' : undefined);

  async function signOut() {
    await conferenceClient.signOut();
    navigate(hrefFor.home());
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href={hrefFor.home()}>
            <span className="brand-mark" aria-hidden="true">
              R
            </span>{' '}
            Rounds
          </a>
          {conferenceName && roles.length > 0 && (
            <span className="topbar-conference" title={conferenceName}>
              {conferenceName}
            </span>
          )}
          {conferenceId && roles.length > 0 && (
            <nav className="topnav" aria-label="Conference">
              <a href={hrefFor.agenda(conferenceId)} aria-current={current('agenda')}>
                Agenda
              </a>
              <a href={hrefFor.mySchedule(conferenceId)} aria-current={current('mySchedule')}>
                My schedule
              </a>
              <a href={hrefFor.library(conferenceId)} aria-current={route.page === 'library' || route.page === 'replay' ? 'page' : undefined}>
                On demand
              </a>
              {roles.includes('organizer') && (
                <a href={hrefFor.organize(conferenceId)} aria-current={current('organize')}>
                  Organize
                </a>
              )}
            </nav>
          )}
          {me && (
            <div className="topbar-user">
              <a href={hrefFor.profile()} aria-current={current('profile')} className="topbar-profile" title={`Signed in as ${me.name}`}>
                <span className="avatar avatar-small" aria-hidden="true">
                  {initials(me.name)}
                </span>
                Profile
              </a>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
