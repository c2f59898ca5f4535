import { useId, useRef, useState, type FormEvent } from 'react';
import { FieldError } from '../components/field';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { pollDraftProblem, pollLimits } from './polls';
import { qaProblem } from './questions';

/** The crew's "New poll" form: the question, 2 to 10 options (add, remove), and whether several answers are allowed. Saves a draft. */
export function NewPollForm({ onDone }: { onDone: () => void }) {
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [problems, setProblems] = useState<{ question?: string; options?: string }>({});
  const { busy, error, run } = useAction(qaProblem);
  const id = useId();
  const list = useRef<HTMLOListElement>(null);

  function setOption(index: number, value: string) {
    setOptions((before) => before.map((o, i) => (i === index ? value : o)));
    if (problems.options) setProblems((p) => ({ ...p, options: undefined }));
  }

  function addOption() {
    setOptions((before) => [...before, '']);
    // The new box gets the focus, so typing the options goes on without the mouse.
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = pollDraftProblem(question, options);
    setProblems(problem ?? {});
    if (problem) return;
    void run(async () => {
      await conferenceClient.polls.create(
        question.trim(),
        options.map((o) => o.trim()),
        multiple,
      );
      onDone();
    });
  }

  return (
    <form className="new-poll" onSubmit={submit} noValidate aria-label="New poll">
      <div className="field">
        <label htmlFor={`${id}-question`}>Question</label>
        <textarea
          id={`${id}-question`}
          rows={2}
          value={question}
          maxLength={pollLimits.questionMax + 50}
          aria-invalid={problems.question ? true : undefined}
          aria-describedby={problems.question ? `${id}-question-error` : undefined}
          onChange={(event) => {
            setQuestion(event.target.value);
            if (problems.question) setProblems((p) => ({ ...p, question: undefined }));
          }}
          placeholder="What would you give first?"
        />
        <FieldError id={`${id}-question-error`} message={problems.question} />
      </div>
      <fieldset className="new-poll-options">
        <legend>Options</legend>
        <ol ref={list}>
          {options.map((option, index) => (
            <li key={index}>
              <label htmlFor={`${id}-option-${index}`} className="sr-only">
                Option {index + 1}
              </label>
              <input
                id={`${id}-option-${index}`}
                value={option}
                aria-invalid={problems.options && option.trim() === '' ? true : undefined}
                aria-describedby={problems.options ? `${id}-options-error` : undefined}
                onChange={(event) => setOption(index, event.target.value)}
                placeholder={`Option ${index + 1}`}
              />
              {options.length > pollLimits.minOptions && (
                <button type="button" className="quiet" aria-label={`Remove option ${index + 1}`} onClick={() => setOptions((before) => before.filter((_, i) => i !== index))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ol>
        {options.length < pollLimits.maxOptions ? (
          <button type="button" className="quiet" onClick={addOption}>
            + Add an option
          </button>
        ) : (
          <p className="field-hint">{pollLimits.maxOptions} options at most.</p>
        )}
        <FieldError id={`${id}-options-error`} message={problems.options} />
      </fieldset>
      <label className="checkbox new-poll-multiple">
        <input type="checkbox" checked={multiple} onChange={(event) => setMultiple(event.target.checked)} />
        Allow several answers
      </label>
      <FieldError message={error} />
      <div className="poll-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save as draft'}
        </button>
        <button type="button" disabled={busy} onClick={onDone}>
          Cancel
        </button>
      </div>
      <p className="field-hint">A draft stays with the crew until you launch it.</p>
    </form>
  );
}
