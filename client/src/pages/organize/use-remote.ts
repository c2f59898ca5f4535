import { useCallback, useEffect, useRef, useState } from 'react';
import { adviceFor } from '../../api/organize';

export interface Remote<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Loads again; the old data stays on screen until the new data arrives. */
  reload(): Promise<void>;
}

/** Loads something for a list or panel, with loading and error states; reloads when `key` changes. */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> {
  const [state, setState] = useState<Omit<Remote<T>, 'reload'>>({ data: null, status: 'loading', error: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, status: s.data === null ? 'loading' : s.status, error: null }));
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ data, status: 'ready', error: null });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ data: s.data, status: 'error', error: adviceFor(error, 'This could not be loaded.') }));
    }
  }, []);

  useEffect(() => {
    setState({ data: null, status: 'loading', error: null });
    void reload();
  }, [key, reload]);

  return { ...state, reload };
}
