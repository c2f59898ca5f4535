import { useState, type FormEvent } from 'react';
import { adviceFor } from '../api/http';
import { AuthCard } from '../components/auth-card';
import { FieldError, TextField } from '../components/field';
import { Layout } from '../components/layout';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../routes';
import { navigate } from '../router';
import { useRounds } from '../store';

/** Shown in place of any page that needs an account; after signing in, that page (or the conference link left for this) opens. */
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
      const next = useRounds.getState().returnTo;
      useRounds.getState().setReturnTo(null);
      if (next) navigate(next);
    } catch (caught) {
      setError(adviceFor(caught, 'Signing in failed. Try again.'));
      setBusy(false);
    }
  }

  return (
    <Layout>
      <AuthCard title="Sign in to your conference" lead="Live sessions, questions and your CME credit in one place.">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField id="email" label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <FieldError message={error} />
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="auth-links">
          <a href={hrefFor.forgotPassword()}>Forgot your password?</a>
          <span>
            New to Rounds? <a href={hrefFor.register()}>Create an account</a>
          </span>
        </p>
      </AuthCard>
    </Layout>
  );
}
