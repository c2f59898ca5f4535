import { useState, type FormEvent } from 'react';
import { FieldError } from '../components/field';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { qaProblem } from './questions';

/** A chat message has 1 to 500 characters once trimmed (the shared `chatText` schema). */
export const chatLimits = { max: 500 } as const;

/**
 * The send box: Enter sends, Shift+Enter starts a new line; a character counter; the rate limit's
 * sentence. Muted by a moderator, the box is disabled under a notice that says so (live).
 */
export function ChatForm() {
  const muted = useRounds((s) => s.chatMuted);
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction(qaProblem);
  const length = text.trim().length;
  const over = length > chatLimits.max;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (length === 0 || busy) return;
    if (over) return setError(`Shorten your message to ${chatLimits.max} characters or fewer.`);
    const sent = text.trim();
    void run(async () => {
      await conferenceClient.chat.send(sent);
      // Only what was sent is cleared: a reader may have started the next message meanwhile.
      setText((now) => (now.trim() === sent ? '' : now));
    });
  }

  return (
    <form className="chat-form" onSubmit={submit} noValidate aria-label="Send a chat message">
      {muted && (
        <p className="chat-muted" role="status">
          A moderator has paused your chat messages in this session. You can still read the chat, ask questions and vote.
        </p>
      )}
      <div className="field">
        <label htmlFor="chat-text">Message</label>
        <textarea
          id="chat-text"
          rows={2}
          value={text}
          disabled={muted}
          aria-invalid={error || over ? true : undefined}
          aria-describedby={`chat-count${error ? ' chat-error' : ''}`}
          onChange={(event) => {
            setText(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
          placeholder={muted ? 'Chat paused for you' : 'Write to everyone in the session…'}
        />
        <div className="chat-form-foot">
          <span className="field-hint">Enter sends · Shift+Enter for a new line</span>
          <span id="chat-count" className={`char-count${over ? ' is-over' : ''}`}>
            {length} / {chatLimits.max}
            <span className="sr-only"> characters</span>
          </span>
        </div>
        {!muted && <FieldError id="chat-error" message={error} />}
      </div>
      <button type="submit" className="primary" disabled={busy || muted}>
        {busy ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
