import { useEffect, useRef, useState } from 'react';
import type { Question } from '@rounds/shared';
import { segment } from '../api/http';
import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { PanelState } from './panel-state';
import { AskForm } from './ask-form';
import { QuestionItem } from './question-item';
import { grouped, type QuestionOrder } from './questions';
import '../stage/stage.css';
import './qa.css';

/**
 * The session's Q&A beside the live video: ask, upvote, edit and withdraw one's own questions; for the
 * session's crew (`canModerate` in the join answer) also the approval queue, pin, answer and dismiss,
 * with every author's name, and the CSV download. Opens the Q&A on mount, closes it on unmount.
 * `ask`: show the ask box (the studio leaves it out: presenters answer, they do not ask).
 */
export function QaPanel({ sessionId, timeZone, ask = true }: { sessionId: string; timeZone: string; ask?: boolean }) {
  const status = useRounds((s) => s.qaStatus);
  const error = useRounds((s) => s.qaError);
  const online = useRounds((s) => s.qaOnline);
  const moderator = useRounds((s) => s.canModerate);
  const moderated = useRounds((s) => s.qaModerated);
  const questions = useRounds((s) => s.questions);
  const [order, setOrder] = useState<QuestionOrder>('votes');

  useEffect(() => {
    conferenceClient.qa.open(sessionId);
    return () => conferenceClient.qa.close(sessionId);
  }, [sessionId]);

  const groups = grouped(questions, order);
  const shown = groups.open.length + groups.answered.length;
  const list = (items: Question[], label: string) => <QuestionList questions={items} label={label} moderator={moderator} timeZone={timeZone} />;

  return (
    <section className="card qa-panel" aria-labelledby="qa-heading">
      <div className="qa-head">
        <h2 id="qa-heading">
          Questions {status === 'ready' && <span className="count-badge">{shown}</span>}
        </h2>
        {moderator && <span className="badge badge-quiet">Moderator view</span>}
      </div>
      <PanelState
        status={status}
        error={error}
        loading="Loading questions…"
        failed="The questions could not be loaded"
        catchUp="The questions catch up by themselves when the connection is back."
        online={online}
        onRetry={() => conferenceClient.qa.retry()}
      >
        {ask && !moderator && <AskForm moderated={moderated} />}
        {moderator && (moderated || groups.pending.length > 0) && (
          <section className="qa-queue" aria-labelledby="qa-queue-heading">
            <h3 id="qa-queue-heading">
              Waiting for approval <span className="count-badge">{groups.pending.length}</span>
            </h3>
            {groups.pending.length === 0 ? (
              <p className="muted">Nothing waiting. New questions wait here until you approve them.</p>
            ) : (
              list(groups.pending, 'Questions waiting for approval')
            )}
          </section>
        )}
        {!moderator && groups.pending.length > 0 && list(groups.pending, 'My questions waiting for a moderator')}
        {/* The audience only hear of their own dismissed questions. */}
        {!moderator && groups.dismissed.length > 0 && list(groups.dismissed, 'My questions the moderators did not take up')}
        <div className="qa-list-head">
          <h3 id="qa-list-heading">{moderator ? 'Questions the audience sees' : 'Everyone’s questions'}</h3>
          <SortChoice order={order} onChange={setOrder} />
        </div>
        {shown === 0 ? (
          <p className="qa-empty muted">{moderator ? 'No questions yet. They appear here as the audience asks them.' : 'No questions yet — ask the first.'}</p>
        ) : (
          // On a wide screen the list scrolls within the panel, so the video and the queue stay in view.
          <div className="qa-scroll">
            {groups.open.length > 0 && list(groups.open, 'Open questions')}
            {groups.answered.length > 0 && (
              <>
                <h3 className="qa-answered-heading">Answered</h3>
                {list(groups.answered, 'Answered questions')}
              </>
            )}
          </div>
        )}
        {moderator && groups.dismissed.length > 0 && (
          <details className="qa-dismissed">
            <summary>Dismissed ({groups.dismissed.length})</summary>
            {list(groups.dismissed, 'Dismissed questions')}
          </details>
        )}
        {moderator && ask && (
          <details className="qa-moderator-ask">
            <summary>Ask a question yourself</summary>
            <AskForm moderated={moderated} />
          </details>
        )}
        {moderator && (
          <p className="qa-export">
            <a href={`/api/sessions/${segment(sessionId)}/questions.csv`} download>
              Download questions (CSV)
            </a>
          </p>
        )}
        <NewQuestionsAnnouncer questions={questions} />
      </PanelState>
    </section>
  );
}

function QuestionList({ questions, label, moderator, timeZone }: { questions: Question[]; label: string; moderator: boolean; timeZone: string }) {
  const userId = useRounds((s) => s.me?.userId);
  const myVotes = useRounds((s) => s.myVotes);
  return (
    <ul className="question-list" aria-label={label}>
      {questions.map((question) => (
        <QuestionItem
          key={question.id}
          question={question}
          mine={question.authorId !== null && question.authorId === userId}
          voted={myVotes.includes(question.id)}
          moderator={moderator}
          timeZone={timeZone}
        />
      ))}
    </ul>
  );
}

function SortChoice({ order, onChange }: { order: QuestionOrder; onChange: (order: QuestionOrder) => void }) {
  const choices: [QuestionOrder, string][] = [
    ['votes', 'Most votes'],
    ['newest', 'Newest'],
  ];
  return (
    <div className="qa-sort" role="group" aria-label="Sort questions">
      {choices.map(([value, label]) => (
        <button key={value} type="button" className="filter-chip" aria-pressed={order === value} onClick={() => onChange(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/** Tells screen readers how many questions others asked since the list was last read out. */
function NewQuestionsAnnouncer({ questions }: { questions: Question[] }) {
  const userId = useRounds((s) => s.me?.userId);
  const known = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const ids = questions.map((q) => q.id);
    // The first list is what was there already, not news.
    if (known.current === null) {
      known.current = new Set(ids);
      return;
    }
    const fresh = questions.filter((q) => !known.current!.has(q.id) && q.authorId !== userId);
    for (const id of ids) known.current.add(id);
    if (fresh.length === 0) return;
    const text = fresh.length === 1 ? '1 new question' : `${fresh.length} new questions`;
    // A different string each time (an invisible mark comes and goes), so the same words are read out again.
    setMessage((before) => (before === text ? `${text}\u200b` : text));
  }, [questions, userId]);
  return (
    <p className="sr-only" aria-live="polite">
      {message}
    </p>
  );
}
