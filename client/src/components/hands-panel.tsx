import { conferenceClient } from '../conference-client';
import { initials } from '../format';
import { useRounds } from '../store';
import type { StagePerson } from '../store/studio-slice';

/** The crew's queue: attendees with a raised hand (invite them on stage) and guests on stage (take them off). */
export function HandsPanel({ run, busy }: { run: (action: () => Promise<void>) => Promise<void>; busy: boolean }) {
  const raisedHands = useRounds((s) => s.raisedHands);
  const guests = useRounds((s) => s.guests);
  return (
    <section className="card hands-panel" aria-labelledby="hands-heading">
      <h2 id="hands-heading">
        Raised hands <span className="count-badge">{raisedHands.length}</span>
      </h2>
      {raisedHands.length === 0 ? (
        <p className="muted">No raised hands yet. Attendees who want to ask a spoken question appear here.</p>
      ) : (
        <PeopleRows people={raisedHands} action="Invite on stage" onAction={(p) => run(() => conferenceClient.stage.inviteGuest(p.peerId))} busy={busy} primary />
      )}
      <h3>Guests on stage</h3>
      {guests.length === 0 ? (
        <p className="muted">Nobody is invited on stage. An invited attendee is seen and heard by everyone.</p>
      ) : (
        <PeopleRows people={guests} action="Remove from stage" onAction={(p) => run(() => conferenceClient.stage.removeGuest(p.peerId))} busy={busy} />
      )}
    </section>
  );
}

function PeopleRows({
  people,
  action,
  onAction,
  busy,
  primary = false,
}: {
  people: StagePerson[];
  action: string;
  onAction: (person: StagePerson) => Promise<void>;
  busy: boolean;
  primary?: boolean;
}) {
  return (
    <ul className="hand-list">
      {people.map((person) => (
        <li key={person.peerId}>
          <span className="avatar" aria-hidden="true">
            {initials(person.userName)}
          </span>
          <span className="hand-name">{person.userName}</span>
          <button type="button" className={primary ? 'primary' : undefined} disabled={busy} aria-label={`${action}: ${person.userName}`} onClick={() => void onAction(person)}>
            {action.split(' ')[0]}
          </button>
        </li>
      ))}
    </ul>
  );
}
