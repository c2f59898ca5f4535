import type { SessionPerson } from '@rounds/shared';

/** "Speakers: A, B · Moderator: C" on one line, for session cards. */
export function PeopleLine({ people }: { people: SessionPerson[] }) {
  const speakers = people.filter((p) => p.role === 'speaker').map((p) => p.name);
  const moderators = people.filter((p) => p.role === 'moderator').map((p) => p.name);
  if (speakers.length === 0 && moderators.length === 0) return null;
  return (
    <p className="session-people">
      {speakers.length > 0 && (
        <span>
          {speakers.length === 1 ? 'Speaker' : 'Speakers'}: {speakers.join(', ')}
        </span>
      )}
      {moderators.length > 0 && (
        <span>
          {moderators.length === 1 ? 'Moderator' : 'Moderators'}: {moderators.join(', ')}
        </span>
      )}
    </p>
  );
}
