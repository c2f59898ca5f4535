import { useEffect, useState } from 'react';
import type { Poll } from '@rounds/shared';
import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { PanelState } from './panel-state';
import { NewPollForm } from './new-poll-form';
import { PollItem } from './poll-item';
import { groupedPolls } from './polls';
import './qa.css';
import './interaction.css';

/**
 * The session's polls: the audience vote in the open ones and see the results the crew share; the
 * crew (`canModerate` from the Q&A's join) prepare drafts, launch, close and share results, which they
 * see live. Opens the polls on mount, closes them on unmount.
 */
export function PollsPanel({ sessionId }: { sessionId: string }) {
  const status = useRounds((s) => s.pollStatus);
  const error = useRounds((s) => s.pollError);
  const online = useRounds((s) => s.qaOnline);
  const moderator = useRounds((s) => s.canModerate);
  const polls = useRounds((s) => s.polls);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    conferenceClient.polls.open(sessionId);
    return () => conferenceClient.polls.close(sessionId);
  }, [sessionId]);

  const groups = groupedPolls(polls);
  const list = (items: Poll[], label: string) => (
    <ul className="poll-list" aria-label={label}>
      {items.map((poll) => (
        <PollItem key={poll.id} poll={poll} moderator={moderator} />
      ))}
    </ul>
  );

  return (
    <section className="card qa-panel polls-panel" aria-labelledby="polls-heading">
      <div className="qa-head">
        <h2 id="polls-heading">Polls</h2>
        {moderator && <span className="badge badge-quiet">Moderator view</span>}
      </div>
      <PanelState
        status={status}
        error={error}
        loading="Loading polls…"
        failed="The polls could not be loaded"
        catchUp="The polls catch up by themselves when the connection is back."
        online={online}
        onRetry={() => conferenceClient.polls.retry()}
      >
        {moderator &&
          (creating ? (
            <NewPollForm onDone={() => setCreating(false)} />
          ) : (
            <button type="button" className="primary new-poll-button" onClick={() => setCreating(true)}>
              New poll
            </button>
          ))}
        {moderator && groups.drafts.length > 0 && (
          <section className="poll-group" aria-labelledby="polls-drafts-heading">
            <h3 id="polls-drafts-heading">Drafts</h3>
            {list(groups.drafts, 'Draft polls')}
          </section>
        )}
        {groups.open.length > 0 ? (
          <section className="poll-group" aria-labelledby="polls-open-heading">
            <h3 id="polls-open-heading">{moderator ? 'Open now (live results)' : 'Open now'}</h3>
            {list(groups.open, 'Open polls')}
          </section>
        ) : (
          <p className="qa-empty muted">
            {moderator
              ? groups.drafts.length > 0
                ? 'No poll is open. Launch a draft when the speaker is ready.'
                : 'No polls yet. Prepare one with “New poll”; the audience sees it only once you launch it.'
              : 'No poll is open right now. When the moderators start one, it appears here.'}
          </p>
        )}
        {groups.closed.length > 0 && (
          <section className="poll-group poll-earlier" aria-labelledby="polls-closed-heading">
            <h3 id="polls-closed-heading">Earlier polls</h3>
            {list(groups.closed, 'Earlier polls')}
          </section>
        )}
      </PanelState>
    </section>
  );
}
