import { useId } from 'react';
import type { ChatMessage } from '@rounds/shared';
import { FieldError } from '../components/field';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { formatTime } from '../format';
import { useRounds } from '../store';
import { qaProblem } from './questions';

/** One chat message: who and when, the text (always as text), and for the crew Delete and Mute/Unmute its author. */
export function ChatMessageItem({ message, mine, moderator, timeZone }: { message: ChatMessage; mine: boolean; moderator: boolean; timeZone: string }) {
  const authorMuted = useRounds((s) => s.chatMutedAuthors[message.authorId] === true);
  const { busy, error, run } = useAction(qaProblem);
  const textId = useId();
  const chat = conferenceClient.chat;
  return (
    <li className={`chat-message${mine ? ' is-mine' : ''}`}>
      <p className="chat-meta">
        <span className="chat-author">{mine ? 'You' : message.authorName}</span>
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, timeZone)}</time>
        {moderator && authorMuted && <span className="badge badge-soon">Muted</span>}
      </p>
      <p id={textId} className="chat-text">
        {message.text}
      </p>
      {moderator && (
        <div className="chat-actions">
          <button type="button" className="quiet" disabled={busy} aria-describedby={textId} onClick={() => void run(() => chat.remove(message.id))}>
            Delete
          </button>
          {!mine && (
            <button
              type="button"
              className={authorMuted ? 'toggle-on' : 'quiet'}
              disabled={busy}
              aria-label={`${authorMuted ? 'Unmute' : 'Mute'} ${message.authorName}`}
              onClick={() => void run(() => chat.mute(message.authorId, !authorMuted))}
            >
              {authorMuted ? 'Unmute' : 'Mute'}
            </button>
          )}
        </div>
      )}
      <FieldError message={error} />
    </li>
  );
}
