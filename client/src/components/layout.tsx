import type { ReactNode } from 'react';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../router';
import { useRounds } from '../store';

export function Layout({ children }: { children: ReactNode }) {
  const me = useRounds((s) => s.me);
  const conference = useRounds((s) => s.conferences[0]);
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={hrefFor.agenda()}>
          <span className="brand-mark" aria-hidden="true">R</span> Rounds
        </a>
        {conference && <span className="topbar-conference">{conference.name}</span>}
        {me && (
          <span className="topbar-user">
            {me.name}
            <button className="link-button" onClick={() => void conferenceClient.signOut()}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
