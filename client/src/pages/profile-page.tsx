import { useEffect, useState, type FormEvent } from 'react';
import { credentialOptions, profileBody, type Profile } from '@rounds/shared';
import { fetchProfile } from '../api/accounts';
import { ApiError, adviceFor } from '../api/http';
import { FieldError, issuesByField, TextField } from '../components/field';
import { Notice } from '../components/notice';
import { conferenceClient } from '../conference-client';

const specialties = [
  'Anesthesiology',
  'Cardiology',
  'Critical care medicine',
  'Emergency medicine',
  'Endocrinology',
  'Family medicine',
  'Gastroenterology',
  'Geriatrics',
  'Hospital medicine',
  'Infectious diseases',
  'Internal medicine',
  'Nephrology',
  'Neurology',
  'Obstetrics and gynecology',
  'Oncology',
  'Pediatrics',
  'Pharmacy',
  'Psychiatry',
  'Pulmonology',
  'Surgery',
];

type Credential = (typeof credentialOptions)[number];

/** The clinician profile: used on certificates; seen only by its owner and the organizers. */
export function ProfilePage() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    fetchProfile().then(setProfile, (caught: unknown) => setLoadError(adviceFor(caught)));
  }, []);

  if (loadError) {
    return (
      <Notice tone="error" title="Your profile could not be loaded">
        {loadError} Reload the page to try again.
      </Notice>
    );
  }
  if (!profile) return <Notice title="Loading your profile…" />;
  return <ProfileForm initial={profile} />;
}

function ProfileForm({ initial }: { initial: Profile }) {
  const [name, setName] = useState(initial.name);
  const [credentials, setCredentials] = useState<Credential[]>(initial.credentials);
  const [specialty, setSpecialty] = useState(initial.specialty);
  const [licenceState, setLicenceState] = useState(initial.licenceState ?? '');
  const [licenceNumber, setLicenceNumber] = useState(initial.licenceNumber ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  function toggle(credential: Credential, on: boolean) {
    setSaved(false);
    setCredentials((current) => (on ? credentialOptions.filter((c) => c === credential || current.includes(c)) : current.filter((c) => c !== credential)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parsed = profileBody.safeParse({
      name,
      credentials,
      specialty,
      licenceState: licenceState.trim() || null,
      licenceNumber: licenceNumber.trim() || null,
    });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await conferenceClient.saveProfile(parsed.data);
      setSaved(true);
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fields : {};
      setErrors(Object.keys(fields).length > 0 ? { ...fields } : { form: adviceFor(caught) });
    } finally {
      setBusy(false);
    }
  }

  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    setSaved(false);
    set(value);
  };

  return (
    <section className="profile">
      <header className="page-header">
        <p className="eyebrow">Your account</p>
        <h1>Clinician profile</h1>
      </header>
      <Notice title="Who sees this">
        Only you and the organizers of your conferences. Your name, credentials and licence appear on your CME certificates, so write them
        as your licensing board knows them.
      </Notice>
      <form className="card profile-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="profile-name" label="Full name" autoComplete="name" value={name} onChange={(e) => edit(setName)(e.target.value)} error={errors.name} />
        <div className="field">
          <span className="field-label" id="profile-email-label">
            Email
          </span>
          <p className="field-static" aria-labelledby="profile-email-label">
            {initial.email}
          </p>
        </div>
        <fieldset className="field checkbox-group" aria-describedby={errors.credentials ? 'profile-credentials-error' : undefined}>
          <legend>Credentials</legend>
          <p className="field-hint">Choose all that apply.</p>
          <div className="checkbox-grid">
            {credentialOptions.map((credential) => (
              <label key={credential} className="checkbox">
                <input type="checkbox" checked={credentials.includes(credential)} onChange={(e) => toggle(credential, e.target.checked)} />
                {credential}
              </label>
            ))}
          </div>
          <FieldError id="profile-credentials-error" message={errors.credentials} />
        </fieldset>
        <TextField
          id="profile-specialty"
          label="Specialty"
          list="specialty-options"
          value={specialty}
          onChange={(e) => edit(setSpecialty)(e.target.value)}
          error={errors.specialty}
          hint="Pick one from the list or type your own."
        />
        <datalist id="specialty-options">
          {specialties.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <fieldset className="licence">
          <legend>
            Licence <span className="muted">(optional)</span>
          </legend>
          <div className="licence-fields">
            <TextField id="profile-licence-state" label="State or region" value={licenceState} onChange={(e) => edit(setLicenceState)(e.target.value)} error={errors.licenceState} />
            <TextField id="profile-licence-number" label="Licence number" value={licenceNumber} onChange={(e) => edit(setLicenceNumber)(e.target.value)} error={errors.licenceNumber} />
          </div>
        </fieldset>
        <FieldError message={errors.form} />
        <div className="actions profile-actions">
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
          <span role="status" className="saved">
            {saved ? '✓ Profile saved' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
