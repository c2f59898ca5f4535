import { useState, type FormEvent } from 'react';
import { passwordProblem, registerBody } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';
import { AuthCard } from '../components/auth-card';
import { FieldError, issuesByField, TextField } from '../components/field';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../routes';
import { navigate } from '../router';
import { useRounds } from '../store';

/** Creates an account and signs it in; then continues to the conference link or invitation it came from. */
export function RegisterPage() {
  const me = useRounds((s) => s.me);
  const returnTo = useRounds((s) => s.returnTo);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [emailTaken, setEmailTaken] = useState(false);

  if (me) {
    return (
      <AuthCard title="You are signed in" lead={`As ${me.name} (${me.email}).`}>
        <a className="button primary" href={returnTo ?? hrefFor.home()}>
          Continue
        </a>
      </AuthCard>
    );
  }

  const problem = password ? passwordProblem(password, email) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = registerBody.safeParse({ name, email, password });
    const found = parsed.success ? {} : issuesByField(parsed.error.issues);
    if (!found.password && passwordProblem(password, email)) found.password = passwordProblem(password, email)!;
    setErrors(found);
    setEmailTaken(false);
    if (!parsed.success || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await conferenceClient.register(parsed.data);
      const next = useRounds.getState().returnTo;
      useRounds.getState().setReturnTo(null);
      navigate(next ?? hrefFor.home());
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fields : {};
      setEmailTaken(caught instanceof ApiError && caught.code === 'auth.emailTaken');
      setErrors(Object.keys(fields).length > 0 ? { ...fields } : { form: adviceFor(caught, 'Registering failed. Try again.') });
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Create your account" lead="It takes under a minute. Then join your conference and build your schedule.">
      {returnTo && <Notice title="You will continue where you were">After creating your account, you go straight back to the conference page.</Notice>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="register-name"
          label="Full name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          hint="As it should appear on your CME certificates, e.g. Dr. Ana Ruiz."
        />
        <TextField id="register-email" label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        {emailTaken && (
          <p className="field-actions">
            <a href={hrefFor.home()}>Sign in instead</a>
            <a href={hrefFor.forgotPassword()}>Reset your password</a>
          </p>
        )}
        <TextField
          id="register-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          hint={
            errors.password ? undefined : problem ? (
              <span className="hint-warning">{problem}</span>
            ) : password ? (
              <span className="hint-ok">Strong enough.</span>
            ) : (
              'At least 10 characters. A short sentence is easy to remember.'
            )
          }
        />
        <FieldError message={errors.form} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-links">
        <span>
          Already have an account? <a href={hrefFor.home()}>Sign in</a>
        </span>
      </p>
    </AuthCard>
  );
}
