import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '@rounds/shared';
import { ApiError } from '../../api/http';
import { adviceFor } from '../../api/organize';

export interface Remote<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The API's code for the failure (a missing thing and a network failure call for different words); null if not an API error. */
  errorCode: ErrorCode | null;
  /** Loads again; the old data stays on screen until the new data arrives. */
  reload(): Promise<void>;
}

/** Loads something for a list or panel, with loading and error states; reloads when `key` changes. */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> {
  const [state, setState] = useState<Omit<Remote<T>, 'reload'>>({ data: null, status: 'loading', error: null, errorCode: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, status: s.data === null ? 'loading' : s.status, error: null, errorCode: null }));
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ data, status: 'ready', error: null, errorCode: null });
    } catch (error) {
      if (mine === generation.current) {
        const errorCode = error instanceof ApiError ? error.code : null;
        setState((s) => ({ data: s.data, status: 'error', error: adviceFor(error, 'This could not be loaded.'), errorCode }));
      }
    }
  }, []);

  useEffect(() => {
    setState({ data: null, status: 'loading', error: null, errorCode: null });
    void reload();
  }, [key, reload]);

  return { ...state, reload };
}
