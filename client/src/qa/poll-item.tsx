import { useId } from 'react';
import type { Poll } from '@rounds/shared';
import { FieldError } from '../components/field';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { PollBallot } from './poll-ballot';
import { PollResults } from './poll-results';
import { qaProblem } from './questions';

/** One poll as this viewer may use it: the crew run it, the audience vote once and see what is shared. */
export function PollItem({ poll, moderator }: { poll: Poll; moderator: boolean }) {
  const mine = useRounds((s) => s.myChoices[poll.id]);
  const headingId = useId();
  return (
    <li className={`poll poll-${poll.status}`} aria-labelledby={headingId}>
      <div className="poll-head">
        <StatusBadge poll={poll} moderator={moderator} />
        {poll.multiple && <span className="badge badge-quiet">Several answers allowed</span>}
      </div>
      {moderator ? <CrewPoll poll={poll} headingId={headingId} /> : <AudiencePoll poll={poll} mine={mine} headingId={headingId} />}
    </li>
  );
}

function StatusBadge({ poll, moderator }: { poll: Poll; moderator: boolean }) {
  if (poll.status === 'draft') return <span className="badge badge-soon">Draft: only the crew see it</span>;
  if (poll.status === 'open') return <span className="badge badge-poll-open">Open for votes</span>;
  return <span className="badge badge-quiet">Closed{moderator && !poll.revealed ? ', results not shared' : ''}</span>;
}

function AudiencePoll({ poll, mine, headingId }: { poll: Poll; mine: string[] | undefined; headingId: string }) {
  const action = useAction(qaProblem);
  if (poll.status === 'open' && !mine) {
    return (
      <div id={headingId}>
        <PollBallot poll={poll} action={action} />
      </div>
    );
  }
  const labels = poll.options.filter((o) => mine?.includes(o.id)).map((o) => o.label);
  return (
    <>
      <h4 id={headingId} className="poll-question">
        {poll.question}
      </h4>
      {mine && (
        <p className="poll-voted">
          <strong className="hint-ok">Your vote is in.</strong> You chose: <span className="poll-option-text">{labels.join('; ')}</span>
        </p>
      )}
      <FieldError message={action.error} />
      {poll.results ? (
        <PollResults poll={poll} mine={mine ?? []} />
      ) : (
        <p className="muted">
          {poll.status === 'open' ? 'The results appear here when the moderators share them.' : 'The moderators did not share the results of this poll.'}
        </p>
      )}
    </>
  );
}

/** The crew's poll: the options (a draft) or the live results, and the buttons for its stage. */
function CrewPoll({ poll, headingId }: { poll: Poll; headingId: string }) {
  const { busy, error, run } = useAction(qaProblem);
  const polls = conferenceClient.polls;
  return (
    <>
      <h4 id={headingId} className="poll-question">
        {poll.question}
      </h4>
      {poll.status === 'draft' ? (
        <ol className="poll-draft-options">
          {poll.options.map((option) => (
            <li key={option.id} className="poll-option-text">
              {option.label}
            </li>
          ))}
        </ol>
      ) : (
        <>
          <PollResults poll={poll} mine={[]} />
          <p className="field-hint">{poll.revealed ? 'The audience sees these results.' : 'Only the crew see these results until you share them.'}</p>
        </>
      )}
      <div className="poll-actions">
        {poll.status === 'draft' && (
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => polls.launch(poll.id))}>
            Launch
          </button>
        )}
        {poll.status === 'open' && (
          <button type="button" disabled={busy} onClick={() => void run(() => polls.closePoll(poll.id))}>
            Close voting
          </button>
        )}
        {poll.status !== 'draft' &&
          (poll.revealed ? (
            <button type="button" className="toggle-on" disabled={busy} onClick={() => void run(() => polls.reveal(poll.id, false))}>
              Hide results
            </button>
          ) : (
            <button type="button" className={poll.status === 'closed' ? 'primary' : undefined} disabled={busy} onClick={() => void run(() => polls.reveal(poll.id, true))}>
              Show results to the audience
            </button>
          ))}
      </div>
      <FieldError message={error} />
    </>
  );
}
