import type { Poll } from '@rounds/shared';
import { percentOf, votersWord, votesWord } from './polls';

/**
 * A poll's results as bars, each with its percentage and count in words (the bar is decoration: the
 * text says it all). `mine`: the options I chose, marked. Percentages are of the people who voted, so
 * in a multiple-choice poll they may add up to more than 100.
 */
export function PollResults({ poll, mine }: { poll: Poll; mine: readonly string[] }) {
  if (!poll.results) return null;
  const { votes, voters } = poll.results;
  return (
    <div className="poll-results">
      <ul className="poll-bars" aria-label={`Results: ${poll.question}`}>
        {poll.options.map((option, index) => {
          const count = votes[index] ?? 0;
          const percent = percentOf(count, voters);
          const chosen = mine.includes(option.id);
          return (
            <li key={option.id} className={chosen ? 'is-chosen' : undefined}>
              <div className="poll-bar-label">
                <span className="poll-option-text">
                  {option.label}
                  {chosen && <span className="poll-your-choice"> (your choice)</span>}
                </span>
                <span className="poll-bar-figures">
                  <strong>{percent}%</strong> · {votesWord(count)}
                </span>
              </div>
              <div className="poll-bar" aria-hidden="true">
                <span style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      <p className="poll-voters">
        {votersWord(voters)}
        {poll.multiple && voters > 0 && ' (several answers allowed, so the shares add up to more than 100%)'}
      </p>
    </div>
  );
}
