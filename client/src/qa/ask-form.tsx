import { useState, type FormEvent } from 'react';
import { FieldError } from '../components/field';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { qaProblem, questionLimits, questionTextProblem } from './questions';

/** The ask box: the question, a character counter, "Ask anonymously", and what happens next. */
export function AskForm({ moderated }: { moderated: boolean }) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction(qaProblem);
  const length = text.trim().length;
  const over = length > questionLimits.max;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const problem = questionTextProblem(text);
    if (problem) return setError(problem);
    void run(async () => {
      const question = await conferenceClient.qa.ask(text.trim(), anonymous);
      setText('');
      setSent(question.status === 'pending' ? 'Sent. A moderator reviews it before everyone sees it.' : 'Your question is posted.');
    });
  }

  return (
    <form className="ask-form" onSubmit={submit} noValidate aria-label="Ask a question">
      <div className="field">
        <label htmlFor="qa-ask">Your question</label>
        <textarea
          id="qa-ask"
          rows={3}
          value={text}
          aria-invalid={error || over ? true : undefined}
          aria-describedby={`qa-ask-count${error ? ' qa-ask-error' : ''}`}
          onChange={(event) => {
            setText(event.target.value);
            setSent(null);
            if (error) setError(null);
          }}
          onKeyDown={(event) => {
            // Ctrl+Enter (⌘+Enter) sends, as in most chat and Q&A boxes; Enter alone starts a new line.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
          }}
          placeholder="Ask the speakers something…"
        />
        <p id="qa-ask-count" className={`char-count${over ? ' is-over' : ''}`}>
          {length} / {questionLimits.max} characters
        </p>
        <FieldError id="qa-ask-error" message={error} />
      </div>
      <div className="ask-options">
        <label className="checkbox ask-anonymous">
          <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} aria-describedby="qa-anonymous-hint" />
          Ask anonymously
        </label>
        <p id="qa-anonymous-hint" className="field-hint">
          Other attendees will not see your name. The session’s moderators and speakers still do.
        </p>
      </div>
      <div className="ask-submit">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Ask'}
        </button>
        {moderated && !sent && <span className="field-hint">A moderator reviews questions before everyone sees them.</span>}
        {/* Always in the page, so screen readers announce what appears in it. */}
        <span className={sent ? 'hint-ok' : undefined} role="status">
          {sent}
        </span>
      </div>
    </form>
  );
}
