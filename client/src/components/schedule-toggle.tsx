import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { FieldError } from './field';

/** Adds a session to the personal schedule or removes it; the label says what a press will do, `ScheduledBadge` what is. */
export function ScheduleToggle({ sessionId, ended = false }: { sessionId: string; ended?: boolean }) {
  const scheduled = useRounds((s) => s.program?.mySchedule.includes(sessionId) ?? false);
  const error = useRounds((s) => (s.scheduleError?.sessionId === sessionId ? s.scheduleError.message : null));
  // Nobody plans to attend what is over; one already in the schedule can still be taken out.
  if (ended && !scheduled && !error) return null;
  return (
    <>
      <button type="button" className="schedule-toggle" onClick={() => void conferenceClient.toggleSchedule(sessionId)}>
        {scheduled ? (
          'Remove from my schedule'
        ) : (
          <>
            <span aria-hidden="true">+ </span>Add to my schedule
          </>
        )}
      </button>
      <FieldError message={error} />
    </>
  );
}

/** "In my schedule", beside a session's other badges, while it is. */
export function ScheduledBadge({ sessionId }: { sessionId: string }) {
  const scheduled = useRounds((s) => s.program?.mySchedule.includes(sessionId) ?? false);
  if (!scheduled) return null;
  return (
    <span className="badge badge-mine">
      <span aria-hidden="true">✓ </span>In my schedule
    </span>
  );
}
