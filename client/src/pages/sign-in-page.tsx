import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { conferenceClient } from '../conference-client';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await conferenceClient.signIn(email, password);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.advice : 'Signing in failed. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <div className="card sign-in-card">
        <div className="brand sign-in-brand">
          <span className="brand-mark" aria-hidden="true">R</span> Rounds
        </div>
        <h1>Sign in to your conference</h1>
        <p className="muted">Live sessions, questions and your CME credit in one place.</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
