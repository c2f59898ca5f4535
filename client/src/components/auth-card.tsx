import type { ReactNode } from 'react';

/** The narrow, centred card of the account pages (sign in, register, password reset, invitation). */
export function AuthCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1 className="auth-title">{title}</h1>
        {lead && <p className="muted">{lead}</p>}
        {children}
      </div>
    </div>
  );
}
