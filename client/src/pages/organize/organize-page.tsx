import { useCallback } from 'react';
import type { Program } from '@rounds/shared';
import { organizeApi } from '../../api/organize';
import { Notice } from '../../components/notice';
import { ProgramGate } from '../../components/program-gate';
import { conferenceClient } from '../../conference-client';
import { hrefFor, organizeTabs, type OrganizeTab } from '../../routes';
import { useRounds } from '../../store';
import { ConferenceTab } from './conference-tab';
import { PeopleTab } from './people-tab';
import { RecordingsTab } from './recordings-tab';
import { SessionsTab } from './sessions-tab';
import { useRemote } from './use-remote';
import { formatDayKey } from './zoned-time';
import './organize.css';

const tabLabels: Record<OrganizeTab, string> = { conference: 'Conference', sessions: 'Sessions', people: 'People', recordings: 'Recordings' };

function dateSpan(startsOn: string, endsOn: string): string {
  return startsOn === endsOn ? formatDayKey(startsOn) : `${formatDayKey(startsOn)} – ${formatDayKey(endsOn)}`;
}

function Console({ program, tab }: { program: Program; tab: OrganizeTab }) {
  const conference = program.conference;
  const members = useRemote(() => organizeApi.members(conference.id), conference.id);
  const refresh = useCallback(async () => {
    await conferenceClient.loadProgram(conference.id);
    if (useRounds.getState().myConferences) void conferenceClient.loadMyConferences();
  }, [conference.id]);

  return (
    <div className="organize">
      <header className="organize-header">
        <p className="eyebrow">Organizer console</p>
        <h1>{conference.name}</h1>
        <p className="muted organize-meta">
          <span>{dateSpan(conference.startsOn, conference.endsOn)}</span>
          <span>Times in {conference.timeZone}</span>
          {conference.accreditingProvider && <span>Accredited by {conference.accreditingProvider}</span>}
          <a href={hrefFor.agenda(conference.id)}>Open the attendee agenda</a>
        </p>
      </header>
      <nav className="organize-tabs" aria-label="Organizer console sections">
        {organizeTabs.map((t) => (
          <a key={t} href={hrefFor.organize(conference.id, t)} aria-current={t === tab ? 'page' : undefined} className={t === tab ? 'active' : ''}>
            {tabLabels[t]}
            {t === 'sessions' && <span className="tab-count">{program.sessions.length}</span>}
            {t === 'people' && members.data && <span className="tab-count">{members.data.length}</span>}
          </a>
        ))}
      </nav>
      {tab === 'conference' && <ConferenceTab key={conference.id} conference={conference} onSaved={() => void refresh()} />}
      {tab === 'sessions' && <SessionsTab program={program} members={members.data} onChanged={refresh} />}
      {tab === 'people' && <PeopleTab conferenceId={conference.id} members={members} />}
      {tab === 'recordings' && <RecordingsTab program={program} />}
    </div>
  );
}

/** The organizer console of one conference: its details, its program, its people and its recordings. */
export function OrganizePage({ conferenceId, tab }: { conferenceId: string; tab: OrganizeTab }) {
  const me = useRounds((s) => s.me);
  const roles = me?.memberships.filter((m) => m.conferenceId === conferenceId).map((m) => m.role) ?? [];
  if (!roles.includes('organizer')) {
    return (
      <Notice tone="error" title="Only organizers of this conference can change its program">
        {roles.length > 0 ? (
          <>
            You can follow it as a participant: <a href={hrefFor.agenda(conferenceId)}>open the agenda</a>.
          </>
        ) : (
          'If you help run it, ask one of its organizers for an organizer invitation link.'
        )}{' '}
        <a href={hrefFor.home()}>My conferences</a>
      </Notice>
    );
  }
  return <ProgramGate conferenceId={conferenceId}>{(program) => <Console program={program} tab={tab} />}</ProgramGate>;
}
