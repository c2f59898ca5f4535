import { useEffect, useRef, useState } from 'react';
import type { ReplayItem, ReplayQuery } from '@rounds/shared';
import { adviceFor } from '../api/http';
import { recordingsApi } from '../api/recordings';

export interface Replays {
  items: ReplayItem[] | null;
  /** `loading` only before the first answer; later searches keep the last results on screen. */
  status: 'loading' | 'ready' | 'error';
  /** A newer query is on its way (the results shown are for the previous one). */
  searching: boolean;
  error: string | null;
  retry(): void;
}

/** The text after the person stops typing for `delayMs`. */
function useSettled(text: string, delayMs: number): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return settled;
}

/**
 * The published replays matching the filters. The search text is sent after a 300 ms pause in
 * typing; track and speaker changes go at once. An answer to an older query that arrives late is dropped.
 */
export function useReplays(conferenceId: string, query: ReplayQuery): Replays {
  const [items, setItems] = useState<ReplayItem[] | null>(null);
  const [status, setStatus] = useState<Replays['status']>('loading');
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const q = useSettled(query.q?.trim() ?? '', 300);
  const { trackId, speakerId } = query;

  useEffect(() => {
    const mine = ++generation.current;
    setSearching(true);
    recordingsApi.replays(conferenceId, { q: q || undefined, trackId, speakerId }).then(
      (found) => {
        if (mine !== generation.current) return;
        setItems(found);
        setStatus('ready');
        setError(null);
        setSearching(false);
      },
      (caught: unknown) => {
        if (mine !== generation.current) return;
        setStatus('error');
        setError(adviceFor(caught, 'The recordings could not be loaded.'));
        setSearching(false);
      },
    );
  }, [conferenceId, q, trackId, speakerId, attempt]);

  return {
    items,
    status,
    searching: searching || q !== (query.q?.trim() ?? ''),
    error,
    retry: () => {
      setStatus(items ? 'ready' : 'loading');
      setError(null);
      setAttempt((n) => n + 1);
    },
  };
}
