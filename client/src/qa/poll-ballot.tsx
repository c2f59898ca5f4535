import { useState, type FormEvent } from 'react';
import type { Poll } from '@rounds/shared';
import { FieldError } from '../components/field';
import type { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';

/**
 * The audience's ballot for an open poll: the options in a fieldset (radios, or checkboxes when several
 * answers are allowed) and Vote. `action`: the poll's, so a refusal stays on screen once the vote on record replaces the ballot.
 */
export function PollBallot({ poll, action }: { poll: Poll; action: ReturnType<typeof useAction> }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const { busy, error, setError, run } = action;
  const name = `poll-${poll.id}`;

  function toggle(optionId: string, on: boolean) {
    setError(null);
    if (!poll.multiple) return setChosen([optionId]);
    setChosen((before) => (on ? [...before.filter((id) => id !== optionId), optionId] : before.filter((id) => id !== optionId)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return setError(poll.multiple ? 'Choose at least one answer.' : 'Choose an answer.');
    void run(() => conferenceClient.polls.vote(poll.id, chosen));
  }

  return (
    <form className="poll-ballot" onSubmit={submit} noValidate>
      <fieldset>
        <legend className="poll-question">{poll.question}</legend>
        <p className="field-hint">{poll.multiple ? 'Choose all that apply.' : 'Choose one answer.'}</p>
        <div className="poll-options">
          {poll.options.map((option) => (
            <label key={option.id} className="checkbox poll-option">
              <input
                type={poll.multiple ? 'checkbox' : 'radio'}
                name={name}
                value={option.id}
                checked={chosen.includes(option.id)}
                onChange={(event) => toggle(option.id, event.target.checked)}
              />
              <span className="poll-option-text">{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FieldError message={error} />
      <div className="poll-submit">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Vote'}
        </button>
        <span className="field-hint">One vote per person; it cannot be changed.</span>
      </div>
    </form>
  );
}
