import { useId, useState, type FormEvent } from 'react';
import type { ModerationAction, Question } from '@rounds/shared';
import { FieldError } from '../components/field';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { formatTime } from '../format';
import { useRounds } from '../store';
import { qaProblem, questionLimits, questionTextProblem } from './questions';

interface Props {
  question: Question;
  /** I asked it: "You", and Edit and Withdraw while it is open. */
  mine: boolean;
  voted: boolean;
  /** The crew's view: authors of anonymous questions, and the moderation buttons. */
  moderator: boolean;
  timeZone: string;
}

/**
 * One question: the upvote toggle, the text (always as text, never as HTML), who asked and when,
 * its state, and the buttons this viewer may use on it.
 */
export function QuestionItem({ question, mine, voted, moderator, timeZone }: Props) {
  const { busy, error, run } = useAction(qaProblem);
  const [mode, setMode] = useState<'view' | 'edit' | 'withdraw'>('view');
  const textId = useId();
  const votable = question.status === 'approved' || question.status === 'answered';
  const openToAuthor = mine && (question.status === 'pending' || question.status === 'approved');
  const actionable = mode === 'view' && (openToAuthor || moderator);
  const moderate = (action: ModerationAction) => run(() => conferenceClient.qa.moderate(question.id, action));
  /** `name`: a longer accessible name, when the visible label is short (it starts with the label). */
  const button = (label: string, onClick: () => void, className?: string, name?: string) => (
    <button type="button" className={className} disabled={busy} aria-label={name} aria-describedby={textId} onClick={onClick}>
      {label}
    </button>
  );
  const classes = ['question', question.pinned && 'is-pinned', question.status === 'answered' && 'is-answered', mine && 'is-mine'];

  return (
    <li className={classes.filter(Boolean).join(' ')}>
      {votable && (
        <button
          type="button"
          className="vote"
          aria-pressed={voted}
          aria-label={`Upvote, ${question.votes} ${question.votes === 1 ? 'vote' : 'votes'}`}
          aria-describedby={textId}
          title={voted ? 'Take my vote back' : 'Upvote this question'}
          disabled={busy}
          onClick={() => void run(() => conferenceClient.qa.vote(question.id, !voted))}
        >
          <span className="vote-arrow" aria-hidden="true">
            ▲
          </span>
          <span className="vote-count" aria-hidden="true">
            {question.votes}
          </span>
        </button>
      )}
      <div className="question-body">
        <Badges question={question} mine={mine} moderator={moderator} />
        {mode === 'edit' ? (
          <EditQuestion question={question} onDone={() => setMode('view')} />
        ) : (
          <p id={textId} className="question-text">
            {question.text}
          </p>
        )}
        <p className="question-meta">
          <span className="question-author">{mine ? 'You' : (question.authorName ?? 'Anonymous')}</span>
          {question.anonymous && (mine || moderator) && <span className="question-anonymous">{mine ? 'anonymous to other attendees' : 'asked anonymously'}</span>}
          <time dateTime={question.createdAt}>{formatTime(question.createdAt, timeZone)}</time>
        </p>
        {mine && question.status === 'pending' && !moderator && <p className="question-note">Only you and the moderators see it until it is approved.</p>}
        {mine && question.status === 'dismissed' && !moderator && <p className="question-note">Only you see it. You can ask it again in other words.</p>}
      </div>
      {/* Under the vote button too, so a moderator's buttons fit on one line in a side column. */}
      {(actionable || mode === 'withdraw' || error) && (
        <div className="question-foot">
          {mode === 'withdraw' && (
            <div className="question-confirm" role="group" aria-label="Withdraw this question?">
              <span>Withdraw this question? Nobody will see it any more.</span>
              {button('Withdraw', () => void run(() => conferenceClient.qa.withdraw(question.id)), 'danger')}
              {button('Keep it', () => setMode('view'))}
            </div>
          )}
          {actionable && (
            <div className="question-actions">
              {moderator && question.status === 'pending' && (
                <>
                  {button('Approve', () => void moderate('approve'), 'primary')}
                  {button('Dismiss', () => void moderate('dismiss'))}
                </>
              )}
              {moderator && question.status === 'approved' && (
                <>
                  {question.pinned
                    ? button('Unpin', () => void moderate('unpin'), 'toggle-on')
                    : button('Pin', () => void moderate('pin'), undefined, 'Pin (being answered)')}
                  {button('Mark answered', () => void moderate('answer'))}
                  {button('Dismiss', () => void moderate('dismiss'))}
                </>
              )}
              {moderator && question.status === 'answered' && button('Dismiss', () => void moderate('dismiss'))}
              {moderator && question.status === 'dismissed' && button('Restore', () => void moderate('approve'))}
              {openToAuthor && (
                <>
                  {button('Edit', () => setMode('edit'), 'quiet')}
                  {button('Withdraw', () => setMode('withdraw'), 'quiet')}
                </>
              )}
            </div>
          )}
          <FieldError message={error} />
        </div>
      )}
    </li>
  );
}

function Badges({ question, mine, moderator }: { question: Question; mine: boolean; moderator: boolean }) {
  const badges = [
    question.pinned && (
      <span key="pinned" className="badge badge-answering">
        Being answered
      </span>
    ),
    question.status === 'answered' && (
      <span key="answered" className="badge badge-answered">
        Answered
      </span>
    ),
    question.status === 'pending' && !moderator && (
      <span key="pending" className="badge badge-soon">
        Waiting for a moderator
      </span>
    ),
    question.status === 'dismissed' && (
      <span key="dismissed" className="badge badge-quiet">
        {moderator ? 'Dismissed' : 'Not taken up by the moderators'}
      </span>
    ),
    mine && (
      <span key="mine" className="badge badge-own">
        Your question
      </span>
    ),
  ].filter(Boolean);
  if (badges.length === 0) return null;
  return <p className="question-badges">{badges}</p>;
}

/** The author rewrites their question; in a moderated session it goes back to the moderators. */
function EditQuestion({ question, onDone }: { question: Question; onDone: () => void }) {
  const [text, setText] = useState(question.text);
  const { busy, error, setError, run } = useAction(qaProblem);
  const backToModerators = useRounds((s) => s.qaModerated) && question.status === 'approved';
  const id = useId();
  const length = text.trim().length;

  function save(event: FormEvent) {
    event.preventDefault();
    const problem = questionTextProblem(text);
    if (problem) return setError(problem);
    void run(async () => {
      await conferenceClient.qa.edit(question.id, text.trim());
      onDone();
    });
  }

  return (
    <form className="question-edit" onSubmit={save} noValidate aria-label="Edit your question">
      <label htmlFor={id} className="sr-only">
        Your question
      </label>
      <textarea id={id} rows={3} value={text} onChange={(event) => setText(event.target.value)} aria-describedby={`${id}-count`} aria-invalid={error ? true : undefined} />
      <p id={`${id}-count`} className={`char-count${length > questionLimits.max ? ' is-over' : ''}`}>
        {length} / {questionLimits.max} characters
      </p>
      {backToModerators && <p className="field-hint">Saving sends it back to a moderator before everyone sees it again.</p>}
      <FieldError message={error} />
      <div className="question-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
