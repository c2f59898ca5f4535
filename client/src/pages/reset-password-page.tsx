import { useState, type FormEvent } from 'react';
import { passwordProblem } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';
import { AuthCard } from '../components/auth-card';
import { TextField } from '../components/field';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../routes';

/** Chooses a new password with the token from a reset link. */
export function ResetPasswordPage({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = password ? passwordProblem(password) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = passwordProblem(password);
    setFieldError(found);
    if (found) return;
    setBusy(true);
    try {
      await conferenceClient.resetPassword(token, password);
      setDone(true);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'auth.invalidToken') setLinkError(caught.advice);
      else setFieldError((caught instanceof ApiError && caught.fields.password) || adviceFor(caught));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <AuthCard title="Your password is changed">
        <p>For your safety, every device that was signed in to this account has been signed out.</p>
        <a className="button primary" href={hrefFor.home()}>
          Sign in with your new password
        </a>
      </AuthCard>
    );
  }

  if (linkError) {
    return (
      <AuthCard title="This link no longer works">
        <Notice tone="error" title="The reset link has expired or was already used">
          Reset links work once, for one hour. <a href={hrefFor.forgotPassword()}>Ask for a new link</a>
        </Notice>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="reset-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError}
          hint={fieldError ? undefined : problem ? <span className="hint-warning">{problem}</span> : 'At least 10 characters.'}
        />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save the new password'}
        </button>
      </form>
    </AuthCard>
  );
}
