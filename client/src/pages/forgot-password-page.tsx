import { useState, type FormEvent } from 'react';
import { resetRequestBody } from '@rounds/shared';
import { adviceFor } from '../api/http';
import { AuthCard } from '../components/auth-card';
import { FieldError, TextField } from '../components/field';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../routes';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = resetRequestBody.safeParse({ email });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a valid email address.');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await conferenceClient.requestPasswordReset(parsed.data.email);
      setSentTo(parsed.data.email);
    } catch (caught) {
      setError(adviceFor(caught));
    } finally {
      setBusy(false);
    }
  }

  if (sentTo) {
    return (
      <AuthCard title="Check your email">
        <Notice title={`If an account exists for ${sentTo}, we sent a link`}>
          The link lets you choose a new password and works once, for one hour. In this demo no email is sent: the link is written to the
          server log (<code>var/logs/</code>).
        </Notice>
        <p className="auth-links">
          <a href={hrefFor.home()}>Back to sign in</a>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Reset your password" lead="Enter the email of your account and we send you a link to choose a new password.">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="forgot-email" label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <FieldError message={error} />
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send me a link'}
        </button>
      </form>
      <p className="auth-links">
        <a href={hrefFor.home()}>Back to sign in</a>
      </p>
    </AuthCard>
  );
}
