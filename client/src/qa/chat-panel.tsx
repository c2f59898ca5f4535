import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { PanelState } from './panel-state';
import { ChatForm } from './chat-form';
import { ChatMessageItem } from './chat-message-item';
import './qa.css';
import './interaction.css';

/**
 * The session chat: the latest messages, oldest first, kept scrolled to the newest unless the reader
 * scrolled up to read back; the send box. The crew delete messages and mute people. `active`: the
 * chat is on screen (its tab is chosen), so it can scroll to the newest when it comes back.
 */
export function ChatPanel({ sessionId, timeZone, active = true }: { sessionId: string; timeZone: string; active?: boolean }) {
  const status = useRounds((s) => s.chatStatus);
  const error = useRounds((s) => s.chatError);
  const online = useRounds((s) => s.qaOnline);
  const moderator = useRounds((s) => s.canModerate);
  const userId = useRounds((s) => s.me?.userId);
  const messages = useRounds((s) => s.chatMessages);
  const scroller = useRef<HTMLOListElement>(null);
  /** The reader is at the newest message: new ones keep it in view. */
  const following = useRef(true);
  const [missed, setMissed] = useState(false);

  useEffect(() => {
    conferenceClient.chat.open(sessionId);
    return () => conferenceClient.chat.close(sessionId);
  }, [sessionId]);

  const toNewest = () => {
    const list = scroller.current;
    if (list) list.scrollTop = list.scrollHeight;
    following.current = true;
    setMissed(false);
  };

  // Before paint, so the list never flashes at the wrong place.
  useLayoutEffect(() => {
    if (!active) return;
    if (following.current) toNewest();
    else setMissed(true);
  }, [messages, active]);

  function onScroll() {
    const list = scroller.current;
    if (!list) return;
    following.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    if (following.current) setMissed(false);
  }

  return (
    <section className="card qa-panel chat-panel" aria-labelledby="chat-heading">
      <div className="qa-head">
        <h2 id="chat-heading">Chat</h2>
        {moderator && <span className="badge badge-quiet">Moderator view</span>}
      </div>
      <PanelState
        status={status}
        error={error}
        loading="Loading the chat…"
        failed="The chat could not be loaded"
        catchUp="The chat catches up by itself when the connection is back."
        online={online}
        onRetry={() => conferenceClient.chat.retry()}
      >
        {messages.length === 0 ? (
          <p className="qa-empty muted">No messages yet. Say hello: everyone in the session reads the chat.</p>
        ) : (
          <div className="chat-log-wrap">
            <ol ref={scroller} className="chat-log" role="log" aria-label="Chat messages" tabIndex={0} onScroll={onScroll}>
              {messages.map((message) => (
                <ChatMessageItem key={message.id} message={message} mine={message.authorId === userId} moderator={moderator} timeZone={timeZone} />
              ))}
            </ol>
            {missed && (
              <button type="button" className="chat-newer" onClick={toNewest}>
                New messages below ↓
              </button>
            )}
          </div>
        )}
        <ChatForm />
      </PanelState>
    </section>
  );
}
