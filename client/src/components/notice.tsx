import type { ReactNode } from 'react';

/** A calm status panel for empty, waiting, ended and error states: a title and what to do next. */
export function Notice({ tone = 'info', title, children }: { tone?: 'info' | 'live' | 'error'; title: string; children?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <strong>{title}</strong>
      {children && <div className="notice-body">{children}</div>}
    </div>
  );
}
