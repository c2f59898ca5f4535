import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useRounds } from '../store';
import { ChatPanel } from './chat-panel';
import { PollsPanel } from './polls-panel';
import { QaPanel } from './qa-panel';
import './interaction.css';

type Tab = 'questions' | 'polls' | 'chat';
const tabs: [Tab, string][] = [
  ['questions', 'Questions'],
  ['polls', 'Polls'],
  ['chat', 'Chat'],
];

/**
 * Beside the live video: the session's questions, polls and chat as tabs (ARIA tabs: arrow keys move
 * between them). All three stay mounted, so each stays live and the tabs can say what is new.
 * `ask`: the Q&A's ask box (the studio leaves it out).
 */
export function InteractionPanel({ sessionId, timeZone, ask = true }: { sessionId: string; timeZone: string; ask?: boolean }) {
  const [tab, setTab] = useState<Tab>('questions');
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const news = useNews(tab);

  function onKeyDown(event: KeyboardEvent) {
    const index = tabs.findIndex(([t]) => t === tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const [to] = tabs[(next + tabs.length) % tabs.length]!;
    setTab(to);
    refs.current[to]?.focus();
  }

  return (
    <div className="interaction">
      <div className="interaction-tabs" role="tablist" aria-label="Questions, polls and chat" onKeyDown={onKeyDown}>
        {tabs.map(([value, label]) => (
          <button
            key={value}
            ref={(element) => {
              refs.current[value] = element;
            }}
            type="button"
            role="tab"
            id={`interaction-tab-${value}`}
            aria-controls={`interaction-panel-${value}`}
            aria-selected={tab === value}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => setTab(value)}
          >
            {label}
            {news[value] && (
              <>
                <span className="tab-news" aria-hidden="true">
                  {news[value].count}
                </span>
                <span className="sr-only">, {news[value].words}</span>
              </>
            )}
          </button>
        ))}
      </div>
      {tabs.map(([value]) => (
        <div key={value} role="tabpanel" id={`interaction-panel-${value}`} aria-labelledby={`interaction-tab-${value}`} hidden={tab !== value}>
          {value === 'questions' && <QaPanel sessionId={sessionId} timeZone={timeZone} ask={ask} />}
          {value === 'polls' && <PollsPanel sessionId={sessionId} />}
          {value === 'chat' && <ChatPanel sessionId={sessionId} timeZone={timeZone} active={tab === 'chat'} />}
        </div>
      ))}
    </div>
  );
}

/**
 * What each tab shows beside its name: on Polls the open polls (for the audience, those not voted in
 * yet), on Chat the messages from others since the chat was last looked at.
 */
function useNews(tab: Tab): Partial<Record<Tab, { count: number; words: string }>> {
  const moderator = useRounds((s) => s.canModerate);
  const userId = useRounds((s) => s.me?.userId);
  const openPolls = useRounds((s) => s.polls.filter((p) => p.status === 'open' && (moderator || !s.myChoices[p.id])).length);
  const messages = useRounds((s) => s.chatMessages);
  const chatStatus = useRounds((s) => s.chatStatus);
  /** The newest message time when the chat was last shown (or first loaded). */
  const [seenUntil, setSeenUntil] = useState<string | null>(null);
  const newest = messages.at(-1)?.createdAt ?? '';
  useEffect(() => {
    if (tab === 'chat' || (seenUntil === null && chatStatus === 'ready')) setSeenUntil(newest);
  }, [tab, newest, seenUntil, chatStatus]);
  const unread = seenUntil === null ? 0 : messages.filter((m) => m.createdAt > seenUntil && m.authorId !== userId).length;
  return {
    polls: openPolls > 0 ? { count: openPolls, words: `${openPolls} open` } : undefined,
    chat: unread > 0 ? { count: unread, words: `${unread} new` } : undefined,
  };
}
