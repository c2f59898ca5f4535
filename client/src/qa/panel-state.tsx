import type { ReactNode } from 'react';
import { Notice } from '../components/notice';

interface PanelStateProps {
  status: 'idle' | 'loading' | 'error' | 'ready';
  error: string | null;
  /** "Loading questions…" */
  loading: string;
  /** "The questions could not be loaded" */
  failed: string;
  /** Said while the connection is down: "The questions catch up by themselves when the connection is back." */
  catchUp: string;
  online: boolean;
  onRetry: () => void;
  /** The panel's content, shown once its list is loaded. */
  children: ReactNode;
}

/** The states every Questions / Polls / Chat panel goes through: loading, failed (with Try again), ready, reconnecting. */
export function PanelState({ status, error, loading, failed, catchUp, online, onRetry, children }: PanelStateProps) {
  if (status === 'loading') {
    return (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> {loading}
      </p>
    );
  }
  if (status === 'error') {
    return (
      <Notice tone="error" title={failed}>
        {error}{' '}
        <button type="button" className="link-inline" onClick={onRetry}>
          Try again
        </button>
      </Notice>
    );
  }
  if (status !== 'ready') return null;
  return (
    <>
      {!online && (
        <Notice title="Reconnecting…">
          <span className="spinner" aria-hidden="true" /> {catchUp}
        </Notice>
      )}
      {children}
    </>
  );
}
